// `npm run bench -- complaints`: the complaints service (src/main.ts, a child process) on a
// PostgreSQL event store (DATABASE_URL or 127.0.0.1:5432, a schema of its own, dropped after) and a
// nats-server of its own. Measures filing over NATS request/reply (complaints.cmd.file) and one HTTP
// command (acknowledge): throughput at saturation, and p50/p99 latency at a paced 200/s.
// Ends with one JSON line. BENCH_RELAY=true runs the relay in the service too; BENCH_REPLICAS=<n>
// runs n service processes (NATS spreads filings over the queue group; HTTP goes round robin).
// Calibration: the CPU workload, PostgreSQL's inserts and JetStream's publishes, before the service starts.
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { referenceFromBytes, subjects } from '@chp/contracts';
import { signToken } from '@chp/platform';
import {
  calibrate,
  cpuOf,
  cpuSpent,
  nats,
  percentileOfSorted as percentile,
  postgresServer,
  printBenchResult,
} from '@chp/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pace, type Run, saturate } from './support/load.js';
import { startService } from './support/service.js';

const secret = 'complaints-bench-secret-of-at-least-32-chars';
const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1_000;
const saturationMs = seconds('BENCH_SATURATION_S', 8);
const pacedMs = seconds('BENCH_PACED_S', 10);
const pacedRate = Number(process.env.BENCH_RATE ?? 200);
const fileConcurrency = Number(process.env.BENCH_FILE_CONCURRENCY ?? 64);
const httpConcurrency = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 32);
const replicas = Number(process.env.BENCH_REPLICAS ?? 1);
const targets = { filingsPerSecond: 1_000, p99Ms: 25 };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fileBody(complaintId: string): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      data: {
        complaintId,
        reference: referenceFromBytes(Buffer.from(complaintId.replaceAll('-', ''), 'hex')),
        receivedAt: new Date().toISOString(),
        channel: 'web',
        externalRef: `bench-${complaintId}`,
        customer: { name: 'Ada Lovelace', email: 'ada@example.com', preferredLanguage: 'en' },
        subject: 'Charged twice for one order',
        description: 'My card was charged twice for order 1234.',
        priority: 'medium',
      },
      metadata: {
        commandId: randomUUID(),
        actor: { id: 'intake', role: 'service' },
        correlationId: `bench-${complaintId}`,
      },
    }),
  );
}

/** Files one complaint over NATS and remembers its id (the HTTP phase acknowledges them). */
function filer(nc: NatsConnection, filed: string[]) {
  return async () => {
    const complaintId = randomUUID();
    const reply = await nc.request(subjects.complaints.file, fileBody(complaintId), { timeout: 10_000 });
    const parsed = JSON.parse(decoder.decode(reply.data)) as { ok: boolean; error?: { title: string } };
    if (!parsed.ok) throw new Error(`filing refused: ${parsed.error?.title ?? 'no reason'}`);
    filed.push(complaintId);
  };
}

/** Acknowledges the next filed complaint over HTTP (each complaint can be acknowledged once). */
function acknowledger(baseUrls: string[], token: string, ids: string[], agent: Agent) {
  const urls = baseUrls.map((base) => new URL(base));
  let next = 0;
  return () =>
    new Promise<void>((resolve, reject) => {
      const url = urls[next % urls.length] as URL;
      const id = ids[next++];
      if (id === undefined) {
        reject(new Error('ran out of filed complaints to acknowledge'));
        return;
      }
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/v1/complaints/${id}/acknowledge`,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': 2,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`acknowledge answered ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
}

type Measured = Run & {
  /** Service CPU (all replicas) per successful operation, ms; NaN where /proc is not there. */
  cpuMsPerOp: number;
};

/** Runs a phase and adds the service processes' CPU time per successful operation. */
async function measured(pids: readonly number[], phase: () => Promise<Run>): Promise<Measured> {
  const before = cpuOf(pids);
  const run = await phase();
  const after = cpuOf(pids);
  const cpuMsPerOp = after.size === 0 || run.ok === 0 ? Number.NaN : cpuSpent(before, after) / run.ok;
  return { ...run, cpuMsPerOp };
}

function report(name: string, run: Measured): void {
  const ms = (p: number) => percentile(run.latencies, p).toFixed(1);
  console.log(
    `${name.padEnd(34)} ${run.rate.toFixed(0).padStart(6)}/s  ${String(run.ok).padStart(6)} ok  ${run.errors} errors  ` +
      `p50 ${ms(50)} ms  p99 ${ms(99)} ms  max ${ms(100)} ms  service CPU ${run.cpuMsPerOp.toFixed(2)} ms/op` +
      `${run.firstError ? `  (first error: ${run.firstError})` : ''}`,
  );
}

async function main(): Promise<void> {
  const calibration = await calibrate({ postgres: true, nats: true });
  const pg = await postgresServer();
  if (!pg.available) throw new Error(`the complaints benchmark needs PostgreSQL: ${pg.reason}`);
  const natsServer = await nats();
  const relay = process.env.BENCH_RELAY === 'true';
  const encryption = process.env.BENCH_ENCRYPTION !== 'false';
  const services: Awaited<ReturnType<typeof startService>>[] = [];
  let nc: NatsConnection | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: httpConcurrency });
  try {
    for (let i = 0; i < replicas; i++) {
      services.push(
        await startService({
          EVENT_STORE_URL: pg.url,
          NATS_URL: natsServer.url,
          JWT_SECRET: secret,
          // One agent token drives the HTTP load: the per-client limit would measure itself.
          RATE_LIMIT_PER_SECOND: '1000000000',
          RATE_LIMIT_BURST: '1000000000',
          LOG_LEVEL: 'warn',
          RELAY_ENABLED: String(relay),
          SLA_MONITOR_ENABLED: 'false',
          NOTIFICATIONS_CONSUMER_ENABLED: 'false',
          // BENCH_ENCRYPTION=false measures the cost of encrypting personal data (on by default).
          PERSONAL_DATA_ENCRYPTION: String(encryption),
        }),
      );
    }
    nc = await connect({ servers: natsServer.url });
    console.log(
      `complaints service: ${replicas} process(es) at ${services.map((s) => s.url).join(', ')} (PostgreSQL store, relay ${relay ? 'on' : 'off'}, encryption ${encryption ? 'on' : 'off'}); ` +
        `saturation ${saturationMs / 1_000} s at ${fileConcurrency}/${httpConcurrency} in flight, paced ${pacedRate}/s for ${pacedMs / 1_000} s`,
    );

    const pids = services.map((s) => s.child.pid).filter((pid): pid is number => pid !== undefined);
    const filed: string[] = [];
    const file = filer(nc, filed);
    await saturate(file, { concurrency: 16, durationMs: 60_000, limit: 300 }); // warm-up: JIT, pools
    const fileSaturated = await measured(pids, () =>
      saturate(file, { concurrency: fileConcurrency, durationMs: saturationMs }),
    );
    report('file (NATS) at saturation', fileSaturated);
    const filePaced = await measured(pids, () => pace(file, { rate: pacedRate, durationMs: pacedMs }));
    report(`file (NATS) at ${pacedRate}/s`, filePaced);

    const token = await signToken({ secret, subject: 'bench-agent', roles: ['agent'] });
    const acknowledge = acknowledger(
      services.map((s) => s.url),
      token,
      filed,
      agent,
    );
    await saturate(acknowledge, { concurrency: 8, durationMs: 60_000, limit: 200 });
    const needPaced = Math.round((pacedRate * pacedMs) / 1_000);
    const ackSaturated = await measured(pids, () =>
      saturate(acknowledge, {
        concurrency: httpConcurrency,
        durationMs: saturationMs,
        limit: Math.max(0, filed.length - 200 - needPaced),
      }),
    );
    report('acknowledge (HTTP) at saturation', ackSaturated);
    const ackPaced = await measured(pids, () => pace(acknowledge, { rate: pacedRate, durationMs: pacedMs }));
    report(`acknowledge (HTTP) at ${pacedRate}/s`, ackPaced);

    const metrics = {
      file_saturation_per_s: round(fileSaturated.rate),
      file_saturation_p50_ms: round(percentile(fileSaturated.latencies, 50)),
      file_saturation_p99_ms: round(percentile(fileSaturated.latencies, 99)),
      file_paced_p50_ms: round(percentile(filePaced.latencies, 50)),
      file_paced_p99_ms: round(percentile(filePaced.latencies, 99)),
      file_service_cpu_ms: round2(fileSaturated.cpuMsPerOp),
      ack_saturation_per_s: round(ackSaturated.rate),
      ack_saturation_p50_ms: round(percentile(ackSaturated.latencies, 50)),
      ack_saturation_p99_ms: round(percentile(ackSaturated.latencies, 99)),
      ack_paced_p50_ms: round(percentile(ackPaced.latencies, 50)),
      ack_paced_p99_ms: round(percentile(ackPaced.latencies, 99)),
      ack_service_cpu_ms: round2(ackSaturated.cpuMsPerOp),
      paced_rate_per_s: pacedRate,
      replicas,
      encryption: encryption ? 1 : 0,
      errors: fileSaturated.errors + filePaced.errors + ackSaturated.errors + ackPaced.errors,
    };
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets: filings ≥ ${targets.filingsPerSecond}/s ${verdict(metrics.file_saturation_per_s >= targets.filingsPerSecond)}; ` +
        `p99 ≤ ${targets.p99Ms} ms at ${pacedRate}/s: filing ${verdict(metrics.file_paced_p99_ms <= targets.p99Ms)}, ` +
        `acknowledge ${verdict(metrics.ack_paced_p99_ms <= targets.p99Ms)}`,
    );
    printBenchResult({
      suite: 'complaints',
      metrics,
      calibration,
      ratios: {
        file_saturation_per_s: ['pg_inserts_per_s', 'jetstream_publishes_per_s'],
        ack_saturation_per_s: 'pg_inserts_per_s',
        file_paced_p99_ms: 'cpu_ms',
        ack_paced_p99_ms: 'cpu_ms',
        file_service_cpu_ms: 'cpu_ms',
        ack_service_cpu_ms: 'cpu_ms',
      },
    });
  } finally {
    agent.destroy();
    await nc?.drain();
    await Promise.all(services.map((s) => s.stop()));
    await natsServer.stop();
    await pg.close();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => (Number.isNaN(value) ? null : Math.round(value * 100) / 100);

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
