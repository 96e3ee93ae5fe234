// `npm run bench -- messaging`: publishes 50,000 CloudEvents, consumes them through the consumer
// runner and, on the same server in the same run, with bare nats.js; ends with one JSON line.
// Calibration: the CPU workload and JetStream's raw publish rate (a nats-server of its own).
// BENCH_MESSAGES (50,000) and BENCH_ROUNDS (3) make it shorter.
import { randomUUID } from 'node:crypto';
import { type CloudEvent, cloudEventSchema } from '@chp/contracts';
import { calibrate, nats, printBenchResult } from '@chp/testing';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ack, ensureConsumer, ensureStream, publishCloudEvent, runConsumer } from '../src/index.js';

const total = Number(process.env.BENCH_MESSAGES ?? 50_000);
const publishWindow = 1_000;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const batch = 256;

interface Setup {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subject: string;
}

function event(n: number): CloudEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: 'complaints.ComplaintAcknowledged.v1',
    source: '/complaints',
    subject: randomUUID(),
    time: new Date(1_767_600_000_000 + n).toISOString(),
    datacontenttype: 'application/json',
    data: { by: { id: 'agent-7', role: 'agent' }, at: new Date(1_767_600_000_000 + n).toISOString(), n },
    streamrevision: 1,
    correlationid: randomUUID(),
  };
}

async function publishAll(setup: Setup, count: number): Promise<number> {
  const started = performance.now();
  for (let sent = 0; sent < count; sent += publishWindow) {
    const window = Math.min(publishWindow, count - sent);
    const acks = Array.from({ length: window }, (_, i) =>
      publishCloudEvent(setup.js, setup.subject, event(sent + i)),
    );
    await Promise.all(acks);
  }
  return (count / (performance.now() - started)) * 1_000;
}

async function consumerFor(setup: Setup, durable: string): Promise<void> {
  await ensureConsumer(setup.jsm, setup.stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: 5,
    max_ack_pending: Math.max(1_000, 2 * batch),
    filter_subject: setup.subject,
  });
}

interface Measurement {
  msgsPerSecond: number;
  /** This process's CPU time (user + system) per message; the server's is not included. */
  cpuMicrosPerMsg: number;
}

function measure(count: number, startedAt: number, cpuAtStart: NodeJS.CpuUsage): Measurement {
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    msgsPerSecond: (count / (performance.now() - startedAt)) * 1_000,
    cpuMicrosPerMsg: (cpu.user + cpu.system) / count,
  };
}

/** Our runner: schema-parsed CloudEvents, a span, metrics and an ack per message. */
async function viaRunner(setup: Setup, durable: string, count: number): Promise<Measurement> {
  await consumerFor(setup, durable);
  const cpu = process.cpuUsage();
  let handled = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = performance.now();
  const runner = await runConsumer({
    nc: setup.nc,
    stream: setup.stream,
    durable,
    schema: cloudEventSchema,
    filterSubject: setup.subject,
    deadLetterSubject: `${setup.subject}.dead`,
    batch,
    handler: () => {
      if (++handled === count) done();
      return ack();
    },
  });
  await finished;
  await setup.nc.flush();
  const result = measure(count, started, cpu);
  await runner.stop();
  return result;
}

/** Bare nats.js, as its examples consume: iterate, ack. */
async function viaNatsJs(setup: Setup, durable: string, count: number): Promise<Measurement> {
  await consumerFor(setup, durable);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const consumer = await setup.js.consumers.get(setup.stream, durable);
  const messages = await consumer.consume({ max_messages: batch });
  let handled = 0;
  for await (const msg of messages) {
    msg.ack();
    if (++handled === count) break;
  }
  await setup.nc.flush();
  return measure(count, started, cpu);
}

async function main(): Promise<void> {
  const calibration = await calibrate({ nats: true });
  const server = await nats();
  const nc = await connect({ servers: server.url });
  try {
    const id = randomUUID().replaceAll('-', '').slice(0, 10);
    const setup: Setup = {
      nc,
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      stream: `BENCH_${id}`,
      subject: `bench.${id}.events`,
    };
    await ensureStream(setup.jsm, { name: setup.stream, subjects: [`bench.${id}.>`] });
    console.log(`nats-server at ${server.url}${server.owned ? ' (started for this run)' : ' (NATS_URL)'}`);

    // Warm-up on a small stream of its own, so neither contender pays for the JIT.
    const warm = { ...setup, stream: `BENCH_WARM_${id}`, subject: `bench.warm${id}.events` };
    await ensureStream(setup.jsm, { name: warm.stream, subjects: [`bench.warm${id}.>`] });
    await publishAll(warm, 5_000);
    await viaRunner(warm, 'warm_runner', 5_000);
    await viaNatsJs(warm, 'warm_raw', 5_000);

    const publishRate = await publishAll(setup, total);
    console.log(`published ${total} CloudEvents: ${publishRate.toFixed(0)} msg/s`);
    // Each round reads the same messages with fresh durables; the order alternates so that neither
    // side always runs on a warmer (or busier) machine. The best round of each counts.
    const best = {
      raw: { msgsPerSecond: 0, cpuMicrosPerMsg: 0 },
      runner: { msgsPerSecond: 0, cpuMicrosPerMsg: 0 },
    };
    const label = {
      raw: 'bare nats.js consume + ack',
      runner: 'consumer runner (zod CloudEvent, span, metrics, ack)',
    };
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? (['raw', 'runner'] as const) : (['runner', 'raw'] as const);
      for (const contender of order) {
        const via = contender === 'raw' ? viaNatsJs : viaRunner;
        const result = await via(setup, `${contender}${round}`, total);
        console.log(
          `round ${round}: ${label[contender]}: ${result.msgsPerSecond.toFixed(0)} msg/s, ` +
            `${result.cpuMicrosPerMsg.toFixed(1)} µs CPU/msg`,
        );
        if (result.msgsPerSecond > best[contender].msgsPerSecond) best[contender] = result;
      }
    }
    const raw = best.raw.msgsPerSecond;
    const runner = best.runner.msgsPerSecond;
    console.log(`best: runner ${runner.toFixed(0)} msg/s, raw ${raw.toFixed(0)} msg/s`);
    console.log(`ratio runner/raw: ${(runner / raw).toFixed(3)} (must stay >= 0.8)`);

    for (const stream of [setup.stream, warm.stream]) await setup.jsm.streams.delete(stream);
    const round = (n: number) => Math.round(n * 1_000) / 1_000;
    printBenchResult({
      suite: 'messaging',
      metrics: {
        runner_msgs_per_s: Math.round(runner),
        raw_msgs_per_s: Math.round(raw),
        ratio: round(runner / raw),
        publish_msgs_per_s: Math.round(publishRate),
        runner_cpu_us_per_msg: round(best.runner.cpuMicrosPerMsg),
        raw_cpu_us_per_msg: round(best.raw.cpuMicrosPerMsg),
      },
      calibration,
      ratios: {
        runner_msgs_per_s: 'jetstream_publishes_per_s',
        raw_msgs_per_s: 'jetstream_publishes_per_s',
        publish_msgs_per_s: 'jetstream_publishes_per_s',
        runner_cpu_us_per_msg: 'cpu_ms',
        raw_cpu_us_per_msg: 'cpu_ms',
      },
    });
  } finally {
    await nc.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
