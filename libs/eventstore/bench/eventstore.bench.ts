// `npm run bench -- eventstore` (or `npx tsx libs/eventstore/bench/eventstore.bench.ts`).
// Our PostgreSQL adapter (a server: DATABASE_URL or 127.0.0.1:5432) and our PGlite adapter against
// Emmett's PostgreSQL event store and a raw single-row INSERT on the same server, in one run.
// Readable lines first, then one JSON line: {"suite":"eventstore","metrics":{...},"calibration":{...},...}.
// Calibration: the CPU workload, and PostgreSQL's raw insert rate where a server answers.
// BENCH_APPEND_MS (2,500) sets each timed append window.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { calibrate, printBenchResult } from '@chp/testing';
import { Client } from 'pg';
import { createEventStore } from '../src/factory.js';
import {
  appendSingles,
  type BenchTarget,
  counted,
  eightWriterShootout,
  median,
  medianRatio,
  newStreamName,
  perSecond,
  runScenarios,
  type ScenarioConfig,
  sampleEvent,
} from './scenarios.js';
import { emmettTarget, portTarget, rawInsertTarget } from './targets.js';

const config: ScenarioConfig = {
  appendMs: Number(process.env.BENCH_APPEND_MS ?? 2_500),
  warmupOps: 20,
  eightWriterRounds: 3,
  readStreamEvents: 10_000,
  catchUpMax: 20_000,
};

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const metrics: Record<string, number> = {};
  const server = await serverOrReason();
  const calibration = await calibrate({ postgres: typeof server !== 'string' });
  const databases: string[] = [];
  try {
    if (typeof server === 'string') {
      log(`PostgreSQL server legs skipped: ${server}`);
    } else {
      log(
        `PostgreSQL server ${redact(server.base)}, one database for all three contenders (es_*, emt_* and raw_events tables); PGlite in a temporary directory`,
      );
      const database = async (suffix: string) => {
        const name = `chp_bench_${randomBytes(4).toString('hex')}_${suffix}`;
        await withClient(server.base, (client) => client.query(`CREATE DATABASE ${name}`));
        databases.push(name);
        return withDatabase(server.base, name);
      };
      // The same database for all three, as the comparison is meant: their tables do not collide.
      const shared = await database('shootout');
      const ours = counted(portTarget('postgres', await createEventStore(shared)));
      const emmett = counted(emmettTarget(shared));
      const raw = await rawInsertTarget(shared, 8);
      try {
        const single = (target: BenchTarget) => async () => {
          await target.append(newStreamName('bench-8w'), [sampleEvent(0)], true);
        };
        const eight = await eightWriterShootout(
          [
            { name: 'raw_insert', op: raw.op },
            { name: 'postgres', op: single(ours) },
            { name: 'emmett', op: single(emmett) },
          ],
          config,
          log,
        );
        const rounds = (name: string) => eight.get(name) ?? [];
        metrics.raw_insert_8w_per_s = median(rounds('raw_insert'));
        metrics.postgres_append_8w_per_s = median(rounds('postgres'));
        metrics.emmett_append_8w_per_s = median(rounds('emmett'));
        metrics.ratio_vs_emmett_8w = medianRatio(rounds('postgres'), rounds('emmett'));
        metrics.ratio_vs_raw_insert_8w = medianRatio(rounds('postgres'), rounds('raw_insert'));
        log(
          `8 writers (median of ${config.eightWriterRounds}): raw INSERT ${metrics.raw_insert_8w_per_s}/s, ` +
            `postgres ${metrics.postgres_append_8w_per_s}/s, emmett ${metrics.emmett_append_8w_per_s}/s`,
        );
        Object.assign(metrics, await runScenarios(ours, config, log));
        Object.assign(metrics, await runScenarios(emmett, config, log));
      } finally {
        await Promise.all([ours.close(), emmett.close(), raw.close()]);
      }
    }

    const dir = await mkdtemp(join(tmpdir(), 'chp-bench-pglite-'));
    const lite = counted(portTarget('pglite', await createEventStore(`pglite://${dir}`)));
    try {
      const eight = await appendSingles(lite, 8, config);
      metrics.pglite_append_8w_per_s = perSecond(eight);
      log(`pglite: single-event appends, 8 writers: ${perSecond(eight)}/s (one connection; appends queue)`);
      Object.assign(metrics, await runScenarios(lite, config, log));
    } finally {
      await lite.close();
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    if (typeof server !== 'string') {
      for (const name of databases) {
        await withClient(server.base, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        );
      }
    }
  }

  if (metrics.ratio_vs_emmett_8w !== undefined) {
    log(
      `postgres, 8 writers (median of per-round ratios): ${metrics.ratio_vs_emmett_8w}x Emmett (target >= 1.5), ` +
        `${metrics.ratio_vs_raw_insert_8w}x raw INSERT (target >= 0.8)`,
    );
  }
  printBenchResult({
    suite: 'eventstore',
    metrics,
    calibration,
    ratios: {
      postgres_append_8w_per_s: 'pg_inserts_per_s',
      emmett_append_8w_per_s: 'pg_inserts_per_s',
      postgres_read_10k_ms: 'cpu_ms',
      pglite_read_10k_ms: 'cpu_ms',
    },
  });
}

/** The server's admin URL (DATABASE_URL or the local default), or why there is none. */
async function serverOrReason(): Promise<{ base: string } | string> {
  const base =
    process.env.DATABASE_URL ??
    `postgres://${encodeURIComponent(process.env.PGUSER ?? userInfo().username)}@127.0.0.1:5432/postgres`;
  try {
    await withClient(base, (client) => client.query('SELECT 1'));
    return { base };
  } catch (error) {
    return `${redact(base)} does not answer (${(error as Error).message})`;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
