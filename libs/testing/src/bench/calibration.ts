// A calibration measured in the same run as a benchmark, so that its figures compare across
// machines: the same commit ran the end-to-end bench at 368–384 complaints/s on one 2-core machine
// and at 153–166/s on another. Each figure here is a fixed piece of work, independent of our code.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';
import { nats } from '../nats.js';
import { postgresServer } from '../postgres.js';

/** The figures of one calibration; PostgreSQL's and JetStream's only where the suite uses them. */
export interface Calibration {
  /** CPU time (user + system, ms) of the fixed single-threaded workload: lower is a faster core. */
  cpu_ms: number;
  /** Single-row INSERTs per second, each its own transaction, from `PG_WRITERS` connections. */
  pg_inserts_per_s?: number;
  /** JetStream publishes per second, each acknowledged, `JETSTREAM_WINDOW` awaiting their ack. */
  jetstream_publishes_per_s?: number;
}

/** SHA-256 rounds and JSON round trips of the CPU workload: about half a second of one core. */
export const CPU_WORKLOAD = { sha256Rounds: 250_000, jsonRoundTrips: 15_000 } as const;
export const PG_WRITERS = 8;
export const JETSTREAM_WINDOW = 256;
/** How long the PostgreSQL and JetStream rates are measured, after a warm-up. */
const RATE_WINDOW_MS = 1_000;

/** A complaint-sized document (~2 KB of JSON) for the workload's round trips. */
const document = {
  complaintId: '0b4a7c2e-8f7e-4c39-9a57-3d1f0f2f6e11',
  notes: Array.from({ length: 12 }, (_, n) => ({
    n,
    text: `Customer called again about the delayed refund, note ${n}. Promised a call-back.`,
    by: { id: 'agent-42', role: 'agent' },
    at: '2025-03-01T10:15:00.000Z',
  })),
};

/**
 * The fixed CPU work: a chain of SHA-256 digests (each of the previous one) and JSON round trips of
 * a complaint-sized document. Returns the chain's last digest, so that no step can be skipped.
 */
export function cpuWorkload(scale = 1): string {
  let digest: Buffer = Buffer.from('chp-calibration');
  for (let i = 0; i < CPU_WORKLOAD.sha256Rounds * scale; i++) {
    digest = createHash('sha256').update(digest).digest();
  }
  let copy: typeof document = document;
  for (let i = 0; i < CPU_WORKLOAD.jsonRoundTrips * scale; i++) {
    copy = JSON.parse(JSON.stringify(copy)) as typeof document;
  }
  if (copy.notes.length !== document.notes.length) throw new Error('the JSON round trip lost notes');
  return digest.toString('hex');
}

/** CPU ms of one `cpuWorkload()`, after a warm-up of a tenth of it (JIT). */
export function measureCpuWorkload(): number {
  cpuWorkload(0.1);
  const before = process.cpuUsage();
  cpuWorkload();
  const spent = process.cpuUsage(before);
  return Math.round((spent.user + spent.system) / 1_000);
}

/**
 * Single-row INSERTs per second on the server at `url` (its schema, as `postgresServer()` gives), into
 * a table of its own (dropped after): `PG_WRITERS` connections, each inserting one ~400-byte row per
 * transaction with a prepared statement, as an event store's append does at its simplest.
 */
export async function measurePgInserts(url: string, windowMs = RATE_WINDOW_MS): Promise<number> {
  const table = `calibration_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: url, max: PG_WRITERS });
  try {
    await pool.query(
      `CREATE TABLE ${table} (id bigserial PRIMARY KEY, event_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL)`,
    );
    const insert = () =>
      pool.query({
        name: `insert_${table}`,
        text: `INSERT INTO ${table} (event_id, type, data) VALUES ($1, $2, $3)`,
        values: [randomUUID(), 'CalibrationRow', JSON.stringify(document.notes.slice(0, 3))],
      });
    return await rate(PG_WRITERS, windowMs, 20, insert);
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  }
}

/**
 * Acknowledged JetStream publishes per second on the server at `url`, to a file-backed stream of its
 * own (deleted after), ~400-byte messages with `JETSTREAM_WINDOW` awaiting their acknowledgement.
 */
export async function measureJetStreamPublishes(url: string, windowMs = RATE_WINDOW_MS): Promise<number> {
  const nc = await connect({ servers: url, name: 'calibration' });
  const id = randomBytes(4).toString('hex');
  const stream = `CALIBRATION_${id}`;
  const subject = `calibration.${id}`;
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subject] });
    try {
      const js = jetstream(nc);
      const payload = new TextEncoder().encode(JSON.stringify(document.notes.slice(0, 3)));
      return await rate(JETSTREAM_WINDOW, windowMs, 4, async () => {
        await js.publish(subject, payload);
      });
    } finally {
      await jsm.streams.delete(stream);
    }
  } finally {
    await nc.close();
  }
}

/**
 * `lanes` loops each running `op` back to back: `warmup` untimed operations each, then as many as
 * fit in `windowMs`; completed operations per second, rounded.
 */
async function rate(lanes: number, windowMs: number, warmup: number, op: () => Promise<unknown>) {
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = 0; i < warmup; i++) await op();
    }),
  );
  let done = 0;
  const started = performance.now();
  const deadline = started + windowMs;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < deadline) {
        await op();
        done++;
      }
    }),
  );
  return Math.round((done / (performance.now() - started)) * 1_000);
}

export interface CalibrateOptions {
  /** Measure PostgreSQL's insert rate (a schema of its own on `DATABASE_URL` or 127.0.0.1:5432). */
  postgres?: boolean;
  /** Measure JetStream's publish rate (a nats-server of its own from PATH, or `NATS_URL`). */
  nats?: boolean;
  /** Where the readable line goes; `console.log` by default. */
  log?: (line: string) => void;
}

/**
 * Measures the calibration of a benchmark run: the CPU workload always, PostgreSQL and JetStream when
 * asked. Each server is a fresh one (schema, nats-server) so that every suite measures the same
 * thing. Throws when a server that was asked for is not there: a figure without its calibration is
 * what this is meant to end.
 */
export async function calibrate(options: CalibrateOptions = {}): Promise<Calibration> {
  const log = options.log ?? ((line: string) => console.log(line));
  const calibration: Calibration = { cpu_ms: measureCpuWorkload() };
  if (options.postgres) {
    const server = await postgresServer();
    if (!server.available) throw new Error(`calibration needs PostgreSQL: ${server.reason}`);
    try {
      calibration.pg_inserts_per_s = await measurePgInserts(server.url);
    } finally {
      await server.close();
    }
  }
  if (options.nats) {
    const server = await nats();
    try {
      calibration.jetstream_publishes_per_s = await measureJetStreamPublishes(server.url);
    } finally {
      await server.stop();
    }
  }
  log(describeCalibration(calibration));
  return calibration;
}

/** "calibration: CPU workload 512 ms, PostgreSQL 2400 inserts/s (8 connections), ...". */
export function describeCalibration(calibration: Calibration): string {
  const parts = [`CPU workload ${calibration.cpu_ms} ms`];
  if (calibration.pg_inserts_per_s !== undefined) {
    parts.push(`PostgreSQL ${calibration.pg_inserts_per_s} single-row inserts/s (${PG_WRITERS} connections)`);
  }
  if (calibration.jetstream_publishes_per_s !== undefined) {
    parts.push(
      `JetStream ${calibration.jetstream_publishes_per_s} publishes/s (${JETSTREAM_WINDOW} awaiting their ack)`,
    );
  }
  return `calibration: ${parts.join(', ')}`;
}
