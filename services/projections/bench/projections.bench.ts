// `npm run bench -- projections`: on PostgreSQL (DATABASE_URL or the local server; a schema of its
// own, dropped after) measures catch-up from a backlog of 200,000 complaint events, fed through the
// consumer's apply path (CloudEvent parse, then the revision-guarded batch applier with the
// checkpoint, one transaction per batch; not through JetStream), then p50/p99 of a filtered list
// and of the stats overview through the real HTTP app over 100,000 complaints, then catch-up from
// the same 200,000 events through JetStream and the real consumer (bench/jetstream-catch-up.ts).
// Ends with one JSON line. Calibration: the CPU workload, PostgreSQL's raw inserts and JetStream's raw
// publishes. BENCH_EVENTS (200,000), BENCH_COMPLAINTS (100,000) and BENCH_SAMPLES (200) make it shorter.
import type { Server } from 'node:http';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { listen, signToken, urlOf } from '@chp/platform';
import {
  calibrate,
  cpuOf,
  cpuSpent,
  describeMachine,
  machine,
  percentileOfSorted,
  postgresServer,
  printBenchResult,
} from '@chp/testing';
import { DEFAULT_MAX_BATCH } from '../src/consumer/index.js';
import { toProjectedEvent } from '../src/feed/index.js';
import { createProjectionsApp } from '../src/http/index.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import { Rebuilder } from '../src/rebuild/index.js';
import { applyBatch, liveTables, migrate } from '../src/store/index.js';
import { EventLog, toEnvelope } from '../test/support/events.js';
import { generateHistory } from '../test/support/generate.js';
import { catchUpThroughJetStream } from './jetstream-catch-up.js';

const backlog = Number(process.env.BENCH_EVENTS ?? 200_000);
const complaints = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const batchSize = Number(process.env.BENCH_BATCH ?? DEFAULT_MAX_BATCH); // the consumer's, reached in a catch-up
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
// The JetStream leg's handlers in flight and batch transactions at once; unset: the consumer's
// defaults, as in the service ((parallel + 1) × batch, and 2 on PostgreSQL).
const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const parallelBatches = process.env.BENCH_PARALLEL ? Number(process.env.BENCH_PARALLEL) : undefined;
const chunk = 2_000; // complaints generated at a time: their events interleaved by time, as in a stream

const secret = 'projections-bench-secret-of-at-least-32-chars';

/** Time and CPU spent generating histories, taken off the catch-up's clock. */
interface Spent {
  cpuMs: number;
  ms: number;
}

/**
 * Complaint histories in chunks, each chunk's events interleaved by event time (as the stream would
 * carry them) and given rising store positions. Chunks keep memory flat over ~500,000 events.
 */
function* histories(total: number, spent: Spent = { cpuMs: 0, ms: 0 }): Generator<ProjectedEvent[]> {
  let position = 0;
  for (let made = 0, seed = 1; made < total; made += chunk, seed++) {
    const cpu = process.cpuUsage();
    const began = performance.now();
    const { log } = generateHistory(Math.min(chunk, total - made), seed, new EventLog());
    const events = log.events
      .map((e, order) => ({ e, order, at: Date.parse(e.event.data.at) }))
      .sort((a, b) => a.at - b.at || a.order - b.order)
      .map(({ e }) => {
        position++;
        const p = String(position).padStart(20, '0');
        return { ...e, position: `${p}:${p}` };
      });
    const used = process.cpuUsage(cpu);
    spent.cpuMs += (used.user + used.system) / 1000;
    spent.ms += performance.now() - began;
    yield events;
  }
}

const application = `projections-bench-${process.pid}`;
/** CPU (user + system, ms) of each PostgreSQL backend serving this benchmark, read from /proc. */
async function backendCpu(db: SqlDriver, name = application): Promise<Map<number, number>> {
  const rows = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [name],
  );
  // A server on another machine (DATABASE_URL): its backends are not in our /proc, and count nothing.
  return cpuOf(rows.map(({ pid }) => pid));
}

const cpuSince = (before: Map<number, number>, after: Map<number, number>): number =>
  cpuSpent(before, after, { countNew: true });

/**
 * Parses a batch's CloudEvents a slice at a time, yielding to the event loop between slices, as the
 * consumer's handlers parse messages as they arrive: the batch in flight meanwhile goes on with its
 * round trips instead of waiting for the whole next batch to be parsed.
 */
async function parsed(events: ProjectedEvent[]): Promise<ProjectedEvent[]> {
  const out: ProjectedEvent[] = [];
  for (let i = 0; i < events.length; i += 250) {
    for (const e of events.slice(i, i + 250)) out.push(toProjectedEvent(toEnvelope(e)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

async function latencies(
  label: string,
  paths: string[],
  get: (path: string) => Promise<Response>,
  db: SqlDriver,
) {
  for (const path of paths.slice(0, 20)) await (await get(path)).arrayBuffer(); // warm up
  const times: number[] = [];
  // CPU per request, which other work on the machine inflates far less than wall time: the bench
  // process (HTTP client and app) and the PostgreSQL backends serving it, parallel workers excluded.
  const pgBefore = await backendCpu(db);
  const nodeBefore = process.cpuUsage();
  for (let i = 0; i < samples; i++) {
    const path = paths[i % paths.length] as string;
    const started = performance.now();
    const response = await get(path);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${label}: ${path} answered ${response.status}`);
  }
  const node = process.cpuUsage(nodeBefore);
  const nodeCpuMs = (node.user + node.system) / 1000 / samples;
  const pgCpuMs = cpuSince(pgBefore, await backendCpu(db)) / samples;
  times.sort((a, b) => a - b);
  const p50 = percentileOfSorted(times, 50);
  const p99 = percentileOfSorted(times, 99);
  console.log(
    `${label}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${samples} requests; CPU per request: node ${nodeCpuMs.toFixed(1)} ms, PostgreSQL ${pgCpuMs.toFixed(1)} ms`,
  );
  return { p50, p99, nodeCpuMs, pgCpuMs };
}

async function main(): Promise<void> {
  const calibration = await calibrate({ postgres: true, nats: true });
  const server = await postgresServer();
  if (!server.available) throw new Error(`the projections bench needs PostgreSQL: ${server.reason}`);
  const db = await openSqlDriver(`${server.url}&application_name=${application}`, { poolSize: 8 });
  let http: Server | undefined;
  try {
    await migrate(db);
    console.log(
      `catch-up [applyBatch]: ${backlog} events through CloudEvent parse + applyBatch (the consumer's apply path, not JetStream), batches of ${batchSize}`,
    );
    let applied = 0;
    let filed = 0;
    let sequence = 0;
    let catchUpMs = 0;
    let catchUpEvents = 0;
    // As in the consumer, parsing (its handlers) overlaps the batch in flight: one batch applies
    // while the next is parsed, and batches apply one at a time, each with the checkpoint. The
    // clock stops while a chunk of histories is generated (after the batch in flight has applied).
    let inFlight: Promise<unknown> = Promise.resolve();
    let nodeCpuMs = 0;
    let pgCpuMs = 0;
    const generation: Spent = { cpuMs: 0, ms: 0 };
    const pgBefore = await backendCpu(db);
    const nodeBefore = process.cpuUsage();
    const started = performance.now();
    for (const events of histories(complaints, generation)) {
      filed += events.filter((e) => e.event.type === 'ComplaintFiled').length;
      for (let i = 0; i < events.length; i += batchSize) {
        const batch = await parsed(events.slice(i, i + batchSize));
        await inFlight;
        if (applied >= backlog && catchUpEvents === 0) {
          catchUpMs = performance.now() - started - generation.ms;
          catchUpEvents = applied;
          const node = process.cpuUsage(nodeBefore);
          nodeCpuMs = (node.user + node.system) / 1000 - generation.cpuMs;
          pgCpuMs = cpuSince(pgBefore, await backendCpu(db));
        }
        sequence += batch.length;
        inFlight = applyBatch(db, liveTables, batch, { name: 'complaints', streamSequence: sequence });
        applied += batch.length;
      }
      await inFlight; // before the next chunk is generated, off the clock
    }
    await inFlight;
    const loadMs = performance.now() - started;
    if (catchUpEvents === 0) {
      catchUpMs = loadMs - generation.ms;
      catchUpEvents = applied;
      const node = process.cpuUsage(nodeBefore);
      nodeCpuMs = (node.user + node.system) / 1000 - generation.cpuMs;
      pgCpuMs = cpuSince(pgBefore, await backendCpu(db));
    }
    // CPU per event: the bench process without generating the histories (parse, fold, driver) and
    // the PostgreSQL backends serving it (not the WAL writer, checkpointer or autovacuum).
    const nodeUsPerEvent = (nodeCpuMs * 1000) / catchUpEvents;
    const pgUsPerEvent = (pgCpuMs * 1000) / catchUpEvents;
    const eventsPerSecond = catchUpEvents / (catchUpMs / 1000);
    console.log(
      `catch-up [applyBatch]: ${catchUpEvents} events in ${(catchUpMs / 1000).toFixed(1)} s = ${Math.round(eventsPerSecond)} events/s (target ≥ 20,000)`,
    );
    console.log(
      `catch-up [applyBatch] CPU per event: node ${nodeUsPerEvent.toFixed(0)} µs (without generating the histories), PostgreSQL backends ${pgUsPerEvent.toFixed(0)} µs`,
    );
    console.log(
      `loaded: ${filed} complaints, ${applied} events in ${(loadMs / 1000).toFixed(1)} s = ${Math.round(applied / (loadMs / 1000))} events/s overall (generating the histories included)`,
    );
    console.log(`machine: ${describeMachine()} (shared with other work: figures vary)`);
    // What autovacuum does after a load: statistics, and the visibility map the stats index needs
    // for index-only scans.
    await db.exec('VACUUM ANALYZE complaint_summary');
    await db.exec('VACUUM ANALYZE complaint_timeline');

    const app = createProjectionsApp({
      db,
      rebuilder: new Rebuilder({ db, feed: { read: async () => ({ events: [], next: null }) } }),
      auth: { secret },
      now: () => new Date('2026-02-01T00:00:00.000Z'),
    });
    http = await listen(app, 0, '127.0.0.1');
    const url = urlOf(http);
    const token = await signToken({ secret, subject: 'bench', roles: ['supervisor'] });
    const get = (path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });

    const listPaths = ['cards', 'loans', 'online'].flatMap((team) =>
      ['resolved', 'acknowledged', 'in_progress,received'].map(
        (status) => `/v1/complaints?status=${status}&team=${team}&channel=email,web&limit=50`,
      ),
    );
    const list = await latencies('list (status, team, channel, limit 50)', listPaths, get, db);
    const statsPaths = [
      '/v1/stats/overview?from=2026-01-05T00:00:00Z&to=2026-02-02T00:00:00Z&groupBy=team',
      '/v1/stats/overview?from=2026-01-05T00:00:00Z&to=2026-02-02T00:00:00Z&groupBy=week',
      '/v1/stats/overview?from=2026-01-05T00:00:00Z&to=2026-02-02T00:00:00Z',
    ];
    const stats = await latencies(`stats overview (all ${filed} complaints)`, statsPaths, get, db);

    console.log(
      `catch-up [JetStream]: the first ${backlog} events published to COMPLAINTS on a private nats-server, then the projection consumer (maxBatch ${batchSize}) on a fresh schema`,
    );
    const jet = await catchUpThroughJetStream({
      events: backlog,
      histories: histories(complaints),
      maxBatch: batchSize,
      ...(concurrency ? { concurrency } : {}),
      ...(parallelBatches ? { parallelBatches } : {}),
      application: `${application}-jetstream`,
      backendCpu,
    });
    console.log(
      `catch-up [JetStream]: published ${jet.events} events (${jet.complaints} complaints) in ${(jet.publishMs / 1000).toFixed(1)} s, not timed`,
    );
    console.log(
      `catch-up [JetStream]: ${jet.events} events in ${(jet.catchUpMs / 1000).toFixed(1)} s = ${Math.round(jet.eventsPerSecond)} events/s (target ≥ 20,000); ${jet.redelivered} redelivered, ${jet.deadLetters} dead letters`,
    );
    console.log(
      `catch-up [JetStream] CPU per event: node ${jet.nodeUsPerEvent.toFixed(0)} µs (consumer, parse, fold, driver), nats-server ${jet.natsUsPerEvent?.toFixed(0) ?? 'unknown'} µs, PostgreSQL backends ${jet.pgUsPerEvent.toFixed(0)} µs`,
    );
    console.log(
      `catch-up [JetStream]: ${jet.transactions} batch transactions (${Math.round(jet.events / jet.transactions)} events each on average), ${jet.transactionShare.toFixed(2)} in flight on average`,
    );
    console.log(`machine: ${describeMachine()} after the JetStream leg`);
    const loadAverage = () => machine().load_average[0] ?? 0;
    printBenchResult({
      suite: 'projections',
      metrics: {
        feed: 'applyBatch',
        catchup_events: catchUpEvents,
        catchup_events_per_s: Math.round(eventsPerSecond),
        catchup_node_cpu_us_per_event: Math.round(nodeUsPerEvent),
        catchup_pg_cpu_us_per_event: Math.round(pgUsPerEvent),
        batch_size: batchSize,
        complaints: filed,
        events: applied,
        load_average: loadAverage(),
        list_p50_ms: Number(list.p50.toFixed(2)),
        list_p99_ms: Number(list.p99.toFixed(2)),
        list_cpu_ms: Number((list.nodeCpuMs + list.pgCpuMs).toFixed(2)),
        stats_p50_ms: Number(stats.p50.toFixed(2)),
        stats_p99_ms: Number(stats.p99.toFixed(2)),
        stats_cpu_ms: Number((stats.nodeCpuMs + stats.pgCpuMs).toFixed(2)),
        catchup_jetstream_events: jet.events,
        catchup_jetstream_events_per_s: Math.round(jet.eventsPerSecond),
        catchup_jetstream_node_cpu_us_per_event: Math.round(jet.nodeUsPerEvent),
        catchup_jetstream_nats_cpu_us_per_event:
          jet.natsUsPerEvent === undefined ? null : Math.round(jet.natsUsPerEvent),
        catchup_jetstream_pg_cpu_us_per_event: Math.round(jet.pgUsPerEvent),
        catchup_jetstream_redelivered: jet.redelivered,
        catchup_jetstream_transactions: jet.transactions,
        catchup_jetstream_transactions_in_flight: Number(jet.transactionShare.toFixed(2)),
        catchup_jetstream_load_average: loadAverage(),
      },
      calibration,
      ratios: {
        catchup_events_per_s: 'pg_inserts_per_s',
        catchup_node_cpu_us_per_event: 'cpu_ms',
        list_p99_ms: 'cpu_ms',
        stats_p99_ms: 'cpu_ms',
        catchup_jetstream_events_per_s: ['jetstream_publishes_per_s', 'pg_inserts_per_s'],
        catchup_jetstream_node_cpu_us_per_event: 'cpu_ms',
      },
    });
  } finally {
    if (http) {
      const s = http;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    }
    await db.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
