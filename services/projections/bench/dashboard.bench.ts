// `npm run bench -- dashboard`: the morning view at scale. Seeds (or reuses, see dashboard-seed.ts)
// a read model of BENCH_DASHBOARD_COMPLAINTS (1,000,000) complaints in the PostgreSQL schema
// `bench_dashboard` (DATABASE_URL, else 127.0.0.1:5432 database `test`), then measures p50/p95 over
// BENCH_SAMPLES (60) requests through the real HTTP app for each morning-view report, the queue's
// first page with 3 filters, a full-text search and drill-downs, and the read model's size on disk.
// Targets: reports p95 ≤ 300 ms; queue, search and drill-down p95 ≤ 100 ms. Ends with one JSON line.
// BENCH_DASHBOARD_KEEP=0 drops the schema after the run (kept by default: seeding takes minutes).
// The whole page in Chromium over this schema: the console's bench with BENCH_MORNING_SCHEMA=bench_dashboard.
import type { Server } from 'node:http';
import { userInfo } from 'node:os';
import { openSqlDriver } from '@chp/eventstore';
import { listen, signToken, urlOf } from '@chp/platform';
import { calibrate, describeMachine, machine, percentileOfSorted, printBenchResult } from '@chp/testing';
import { createProjectionsApp } from '../src/http/index.js';
import { Rebuilder } from '../src/rebuild/index.js';
import { categories, SEED_NOW, SEED_SCHEMA, seed, teams } from './dashboard-seed.js';

const complaints = Number(process.env.BENCH_DASHBOARD_COMPLAINTS ?? 1_000_000);
const perWeek = Number(process.env.BENCH_DASHBOARD_PER_WEEK ?? 5_000);
const samples = Math.max(50, Number(process.env.BENCH_SAMPLES ?? 60));
const secret = 'dashboard-bench-secret-of-at-least-32-chars';

const baseUrl =
  process.env.DATABASE_URL ??
  `postgres://${encodeURIComponent(process.env.PGUSER ?? userInfo().username)}@127.0.0.1:5432/${process.env.PGDATABASE ?? 'test'}`;
const url = (() => {
  const parsed = new URL(baseUrl);
  parsed.searchParams.set('options', `-c search_path=${SEED_SCHEMA}`);
  parsed.searchParams.set('application_name', 'projections-dashboard-bench');
  return parsed.toString().replace(/\+/g, '%20');
})();

interface Timing {
  p50: number;
  p95: number;
}

async function main(): Promise<void> {
  const calibration = await calibrate({ postgres: true });
  const db = await openSqlDriver(url, { poolSize: 8 });
  let http: Server | undefined;
  try {
    const seeded = await seed(db, { complaints, perWeek, generatedWeeks: 10 }, (line) => console.log(line));
    const app = createProjectionsApp({
      db,
      rebuilder: new Rebuilder({ db, feed: { read: async () => ({ events: [], next: null }) } }),
      auth: { secret },
      now: () => SEED_NOW,
    });
    http = await listen(app, 0, '127.0.0.1');
    const base = urlOf(http);
    const token = await signToken({ secret, subject: 'bench', roles: ['supervisor'] });
    const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

    async function measure(label: string, paths: string[], target: number): Promise<Timing> {
      for (const path of paths.slice(0, 3)) await (await get(path)).arrayBuffer(); // warm up
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const path = paths[i % paths.length] as string;
        const started = performance.now();
        const response = await get(path);
        await response.arrayBuffer();
        times.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`${label}: ${path} answered ${response.status}`);
      }
      times.sort((a, b) => a - b);
      const t = { p50: percentileOfSorted(times, 50), p95: percentileOfSorted(times, 95) };
      console.log(
        `${label}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms over ${samples} requests (target p95 ≤ ${target} ms)${t.p95 > target ? ' MISSED' : ''}`,
      );
      return t;
    }

    // Each report with a rotation of the morning view's filters: none, a team, channels, a regime,
    // a category, a team with a regime.
    const slices = [
      '',
      `team=${teams[0]}`,
      'channel=email,web',
      'regime=psd2',
      `category=${categories[1]}`,
      `team=${teams[3]}&regime=fca_disp`,
    ];
    const reports = [
      'clocks',
      'backlog',
      'flow',
      'outcomes',
      'escalations',
      'csat',
      'categories',
      'compliance',
    ];
    const results: Record<string, Timing> = {};
    for (const report of reports)
      results[report] = await measure(
        `report ${report}`,
        slices.map((s) => `/v1/reports/${report}?${s}`),
        300,
      );
    results.queue = await measure(
      'queue first page, 3 filters (status, team, channel)',
      teams.map(
        (team) => `/v1/complaints?status=in_progress,acknowledged&team=${team}&channel=email,web&limit=50`,
      ),
      100,
    );
    results.search = await measure(
      'full-text search',
      ['двічі', 'transfer', 'kétszer', 'pārskaitījums', 'комиссия', 'overdraft fee'].map(
        (q) => `/v1/complaints?q=${encodeURIComponent(q)}&limit=50`,
      ),
      100,
    );
    // The drill-downs of the figures above, as the report responses give them.
    const drills: string[] = [];
    for (const report of ['clocks', 'backlog', 'outcomes', 'compliance']) {
      const body = JSON.stringify(await (await get(`/v1/reports/${report}`)).json());
      for (const match of body.matchAll(/"drillDown":"([^"]+)"/g)) drills.push(`${match[1]}&limit=50`);
    }
    results.drilldown = await measure(`drill-down (${drills.length} figures' queries in turn)`, drills, 100);

    const [size] = await db.query<{
      summary: string;
      summary_indexes: string;
      timeline: string;
      total: string;
    }>(
      `SELECT pg_relation_size('complaint_summary')::text AS summary,
         pg_indexes_size('complaint_summary')::text AS summary_indexes,
         pg_total_relation_size('complaint_timeline')::text AS timeline,
         pg_database_size(current_database())::text AS total`,
    );
    const mb = (bytes: string | undefined) => Math.round(Number(bytes ?? 0) / 1048576);
    console.log(
      `read model: complaint_summary ${mb(size?.summary)} MB heap (TOAST included in total) + ${mb(size?.summary_indexes)} MB indexes; timeline (generated weeks only) ${mb(size?.timeline)} MB`,
    );
    console.log(`machine: ${describeMachine()} (shared with other work: figures vary)`);
    const missed = Object.entries(results)
      .filter(([name, t]) => t.p95 > (reports.includes(name) ? 300 : 100))
      .map(([name]) => name);
    printBenchResult({
      suite: 'dashboard',
      context: { store: 'postgres' },
      metrics: {
        complaints: seeded.complaints,
        seeded_now: seeded.seeded,
        seed_s: Math.round(seeded.seedMs / 1000),
        seed_generated_complaints: seeded.generated,
        seed_generated_events: seeded.events,
        samples,
        ...Object.fromEntries(
          Object.entries(results).flatMap(([name, t]) => [
            [`${name}_p50_ms`, Number(t.p50.toFixed(1))],
            [`${name}_p95_ms`, Number(t.p95.toFixed(1))],
          ]),
        ),
        summary_heap_mb: mb(size?.summary),
        summary_indexes_mb: mb(size?.summary_indexes),
        timeline_mb: mb(size?.timeline),
        targets_missed: missed.join(',') || 'none',
        load_average: machine().load_average[0] ?? 0,
      },
      calibration,
      ratios: {
        clocks_p95_ms: 'cpu_ms',
        outcomes_p95_ms: 'cpu_ms',
        queue_p95_ms: 'cpu_ms',
        drilldown_p95_ms: 'cpu_ms',
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
    if (process.env.BENCH_DASHBOARD_KEEP === '0') await db.exec(`DROP SCHEMA ${SEED_SCHEMA} CASCADE`);
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
