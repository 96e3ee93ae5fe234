// The catch-up leg through the real thing: a private nats-server, the platform streams, the backlog
// published as the complaints relay publishes it, then the projections service's own consumer
// (`startProjectionConsumer`, as `src/main.ts` starts it) on a fresh read model. Used by
// `projections.bench.ts`.
import { streams, subjects } from '@chp/contracts';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { connect, ensurePlatformStreams, publishCloudEvent } from '@chp/messaging';
import { sleep } from '@chp/platform';
import { cpuSpent, nats, pidsNamed, postgresServer, processCpuMs } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startProjectionConsumer } from '../src/consumer/index.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import { checkpointOf, jetStreamLag } from '../src/status/index.js';
import { migrate } from '../src/store/index.js';
import { toEnvelope } from '../test/support/events.js';

type ReadModel = SqlDriver;

export interface JetStreamCatchUpOptions {
  /** Events to publish and catch up on: the first ones of `histories`. */
  events: number;
  histories: Iterable<ProjectedEvent[]>;
  /** The consumer's `maxBatch`. */
  maxBatch: number;
  /** The consumer's handlers in flight; default the service's ((parallelBatches + 1) × maxBatch). */
  concurrency?: number;
  /** The consumer's batch transactions at once; default the service's (2 on PostgreSQL). */
  parallelBatches?: number;
  /** `application_name` of the read model's connections, so that `backendCpu` finds its backends. */
  application: string;
  /** CPU (user + system, ms) of each PostgreSQL backend with `application_name` = `application`. */
  backendCpu: (db: ReadModel, application: string) => Promise<Map<number, number>>;
}

export interface JetStreamCatchUp {
  events: number;
  complaints: number;
  publishMs: number;
  catchUpMs: number;
  eventsPerSecond: number;
  nodeUsPerEvent: number;
  /** Undefined when the server's CPU could not be read. */
  natsUsPerEvent: number | undefined;
  pgUsPerEvent: number;
  redelivered: number;
  deadLetters: number;
  /**
   * The consumer's batch transactions, and their time over the catch-up's: the share with one in
   * flight, or more than 1 when batches overlapped (1.6: 1.6 in flight on average).
   */
  transactions: number;
  transactionShare: number;
}

/** The read model, counting the consumer's transactions and adding up the time each takes. */
function timedTransactions(db: SqlDriver) {
  const spent = { transactions: 0, ms: 0 };
  const driver: SqlDriver = {
    kind: db.kind,
    query: (sql, params, name) => db.query(sql, params, name),
    exec: (script) => db.exec(script),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
    async transaction(work) {
      const began = performance.now();
      try {
        return await db.transaction(work);
      } finally {
        spent.transactions++;
        spent.ms += performance.now() - began;
      }
    },
  };
  return { driver, spent };
}

const publishWindow = 4_096; // publishes awaiting their PubAck at once
const pollMs = 50;
const stallMs = 60_000;

/**
 * Publishes the first `events` events to COMPLAINTS (not timed), then times the projection consumer
 * from its start until the checkpoint counts every event applied and JetStream has none pending or
 * unacknowledged. CPU per event: the bench process, nats-server and the read model's backends.
 */
export async function catchUpThroughJetStream(options: JetStreamCatchUpOptions): Promise<JetStreamCatchUp> {
  const server = await nats();
  if (!server.owned) {
    await server.stop();
    throw new Error('the JetStream catch-up needs a nats-server of its own: unset NATS_URL');
  }
  // The nats-server that `nats()` started as our child (its handle does not expose the pid).
  const natsPid = pidsNamed('nats-server', { parent: process.pid })[0];
  const database = await postgresServer();
  if (!database.available) {
    await server.stop();
    throw new Error(`the JetStream catch-up needs PostgreSQL: ${database.reason}`);
  }
  const db = await openSqlDriver(`${database.url}&application_name=${options.application}`);
  try {
    await migrate(db);
    const publisher = await connect({ servers: server.url, name: 'projections-bench-relay' });
    await ensurePlatformStreams(await jetstreamManager(publisher));
    // As the complaints relay: `publishCloudEvent` (msgID = event id) on `complaints.events.<Type>`,
    // in order, with a window of publishes awaiting their PubAck.
    const js = jetstream(publisher);
    const publishStarted = performance.now();
    let published = 0;
    let complaints = 0;
    let window: Promise<unknown>[] = [];
    for (const chunk of options.histories) {
      for (const event of chunk.slice(0, options.events - published)) {
        if (event.event.type === 'ComplaintFiled') complaints++;
        window.push(publishCloudEvent(js, subjects.complaints.event(event.event.type), toEnvelope(event)));
        if (window.length >= publishWindow) {
          await Promise.all(window);
          window = [];
        }
      }
      published = Math.min(options.events, published + chunk.length);
      if (published >= options.events) break;
    }
    await Promise.all(window);
    const publishMs = performance.now() - publishStarted;
    await publisher.drain();

    const nc = await connect({ servers: server.url, name: 'projections-bench-consumer' });
    const jsm = await jetstreamManager(nc);
    const lag = jetStreamLag(jsm, 'projections');
    const pgBefore = await options.backendCpu(db, options.application);
    const natsBefore = processCpuMs(natsPid);
    const nodeBefore = process.cpuUsage();
    const timed = timedTransactions(db);
    const started = performance.now();
    const consumer = await startProjectionConsumer({
      nc,
      db: timed.driver,
      feed: { read: async () => ({ events: [], next: null }) }, // the stream has no gaps to repair
      durable: 'projections',
      maxBatch: options.maxBatch,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.parallelBatches ? { parallelBatches: options.parallelBatches } : {}),
    });
    try {
      let applied = 0;
      let progressAt = performance.now();
      for (;;) {
        const [checkpoint, now] = await Promise.all([checkpointOf(db), lag()]);
        const count = checkpoint?.eventsApplied ?? 0;
        if (count >= published && now?.pending === 0 && now.unacknowledged === 0) break;
        if (count > applied) [applied, progressAt] = [count, performance.now()];
        if (performance.now() - progressAt > stallMs) {
          throw new Error(`JetStream catch-up stalled at ${applied} of ${published} events applied`);
        }
        await sleep(pollMs);
      }
      const catchUpMs = performance.now() - started;
      const node = process.cpuUsage(nodeBefore);
      const natsAfter = processCpuMs(natsPid);
      const natsCpuMs =
        natsBefore === undefined || natsAfter === undefined ? undefined : natsAfter - natsBefore;
      const pgAfter = await options.backendCpu(db, options.application);
      const pgCpuMs = cpuSpent(pgBefore, pgAfter, { countNew: true });

      // Off the clock: the read model holds every event once, and nothing was dead-lettered.
      const [rows] = await db.query<{ timeline: string; summary: string }>(
        'SELECT (SELECT count(*) FROM complaint_timeline)::text AS timeline, (SELECT count(*) FROM complaint_summary)::text AS summary',
      );
      if (Number(rows?.timeline) !== published || Number(rows?.summary) !== complaints) {
        throw new Error(
          `JetStream catch-up: ${rows?.timeline} timeline rows and ${rows?.summary} complaints, expected ${published} and ${complaints}`,
        );
      }
      const info = await jsm.consumers.info(streams.complaints, 'projections');
      const deadLetters = (await jsm.streams.info(streams.deadLetters)).state.messages;
      return {
        events: published,
        complaints,
        publishMs,
        catchUpMs,
        eventsPerSecond: published / (catchUpMs / 1000),
        nodeUsPerEvent: (node.user + node.system) / published, // cpuUsage counts µs
        natsUsPerEvent: natsCpuMs === undefined ? undefined : (natsCpuMs * 1000) / published,
        pgUsPerEvent: (pgCpuMs * 1000) / published,
        redelivered: info.num_redelivered,
        deadLetters,
        transactions: timed.spent.transactions,
        transactionShare: timed.spent.ms / catchUpMs,
      };
    } finally {
      await consumer.stop();
      await nc.drain();
    }
  } finally {
    await db.close();
    await database.close();
    await server.stop();
  }
}
