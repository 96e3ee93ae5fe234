// `npm run bench -- console`: the agents' desk in Debian's chromium (playwright-core), against the
// real platform started as the console's end-to-end test starts it (the embedded OpenID provider,
// nats-server, the four services and the console server as processes; sign-in through the
// provider's form), with complaints' event store and projections' read model on PostgreSQL
// (DATABASE_URL or 127.0.0.1:5432, a schema each, dropped after).
//
// 1. The initial JavaScript: what dist/public/index.html loads eagerly (its module script and
//    modulepreloads), gzipped at zlib's default level (6, as Vite's report and most servers), in KiB.
//    Target ≤ 250 KB.
// 2. The read model gets BENCH_COMPLAINTS (100,000) complaints (bench/seed.ts), and 20 are filed
//    through intake and acknowledged through complaints (real histories for the complaint page).
// 3. Navigation → usable queue page (`/queue`: the first row's reference link rendered, and the
//    page's main thread answering), and → usable complaint page (its heading), BENCH_LOADS (20)
//    loads each after one warm-up, in one signed-in session. Targets p95 ≤ 1 s.
// 4. Live: a note added through complaints' API (POST …/add-note) → its text on the open complaint
//    page (server-sent events, then the read model), BENCH_CHANGES (20) changes. Target p95 ≤ 2 s.
// 5. Lighthouse (desktop preset) on the queue and on a complaint page, in a chromium started by
//    chrome-launcher and signed in first through Playwright over the same DevTools port; its
//    performance and accessibility scores. Target ≥ 90 each. BENCH_LIGHTHOUSE=0 skips it.
// BENCH_PROFILE_DIR=<dir> writes a DevTools CPU profile of one queue load there.
// BENCH_MORNING_SCHEMA=<schema> (e.g. `bench_dashboard`, the million complaints that
// `npm run bench -- dashboard` seeds and keeps) runs the morning view instead of 2–5: projections
// reads that schema of DATABASE_URL's database (set it to the dashboard bench's, by default
// postgres://<user>@127.0.0.1:5432/test; @chp/testing's default is `postgres`). Nothing is filed or
// seeded into it: its row count and checkpoint are compared before and after. A supervisor signs in,
// and navigation → morning view loaded is timed BENCH_LOADS (20) times after one warm-up, for the 30
// days before the seed's now. Loaded: every report of the page (8) answered 200, each of its 8
// sections rendered without a loader or an error, the 3 charts' `<svg>` in their figures, and the
// main thread answering. Target p95 ≤ 2 s.
// Ends with one JSON line. Calibration: the CPU workload, PostgreSQL's raw inserts, JetStream's raw
// publishes.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { consoleScopes } from '@chp/identity';
import { consoleProcess, eventually, repoRoot, type ServiceProcess, StackClient, samples } from '@chp/stack';
import {
  calibrate,
  describeMachine,
  freePort,
  type PostgresHandle,
  percentile,
  postgres,
  printBenchResult,
} from '@chp/testing';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { Client } from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumMissing, chromiumPath, Desk, launchChromium } from '../test/support/desk.js';
import { type LocalPlatform, startLocalPlatform } from '../test/support/local-stack.js';
import { seedReadModel } from './seed.js';

const complaintsInReadModel = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const loads = Number(process.env.BENCH_LOADS ?? 20);
const changes = Number(process.env.BENCH_CHANGES ?? 20);
const withLighthouse = process.env.BENCH_LIGHTHOUSE !== '0';
/** Set to a directory to have one queue load written there as a DevTools CPU profile. */
const profileDir = process.env.BENCH_PROFILE_DIR;
const filedThroughIntake = 20;
const morningSchema = process.env.BENCH_MORNING_SCHEMA;
/** What the morning view (src/features/dashboard) shows once loaded. */
const morningView = {
  path: '/dashboard?from=2026-10-31&to=2026-11-30', // the 30 days before the dashboard seed's now
  reports: 8,
  sections: 8,
  charts: 3,
};

const here = dirname(fileURLToPath(import.meta.url));
const root = repoRoot(here);
const round = (ms: number): number => Math.round(ms);

/**
 * The scripts the first render needs: what index.html loads eagerly (module entry and modulepreloads)
 * and the largest language catalogue, each gzipped at zlib's default level.
 */
function initialJavaScript(): { files: { file: string; bytes: number; gzip: number }[]; gzip: number } {
  const dir = join(here, '..', 'dist', 'public');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g),
  ].map((m) => m[1] as string);
  if (sources.length === 0) throw new Error(`no module script in ${join(dir, 'index.html')}`);
  // The first render also waits for one language's catalogue (a chunk of its own): count the largest.
  const catalogues = readdirSync(join(dir, 'assets'))
    .filter((name) => /^(en|uk|ru|hu|lv|ro)-[\w-]+\.js$/.test(name))
    .map((name) => `/assets/${name}`);
  const largest = catalogues
    .map((src) => ({ src, size: gzipSync(readFileSync(join(dir, src.slice(1)))).length }))
    .sort((a, b) => b.size - a.size)[0];
  if (largest) sources.push(largest.src);
  const files = [...new Set(sources)].map((src) => {
    const content = readFileSync(join(dir, src.replace(/^\//, '')));
    return { file: src, bytes: content.length, gzip: gzipSync(content).length };
  });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** Resolves once the page's main thread has run a frame and a task: the page answers input. */
const answering = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));

/** Where a load's time went, in ms from the navigation's start as the page's own clock says. */
interface Phases {
  /** index.html received. */
  html: number;
  /** The module script has run (DOMContentLoaded waits for module scripts). */
  script: number;
  /** `/auth/session` answered. */
  session: number;
  /** The first request to projections sent, and answered. */
  apiSent: number;
  apiAnswered: number;
  /** The last request to projections answered. */
  apiLastAnswered: number;
  /** The page usable (as `timeLoads` waits for it). */
  usable: number;
}

const phasesOf = (page: Page): Promise<Phases> =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const session = resources.find((r) => r.name.includes('/auth/session'));
    const apis = resources.filter((r) => r.name.includes('/api/projections/'));
    const api = apis[0];
    return {
      html: nav?.responseEnd ?? Number.NaN,
      script: nav?.domContentLoadedEventEnd ?? Number.NaN,
      session: session?.responseEnd ?? Number.NaN,
      apiSent: api?.startTime ?? Number.NaN,
      apiAnswered: api?.responseEnd ?? Number.NaN,
      apiLastAnswered: api ? Math.max(...apis.map((r) => r.responseEnd)) : Number.NaN,
      usable: performance.now(),
    };
  });

/**
 * Milliseconds from `page.goto(url)` to `usable` resolving, `loads` times after one warm-up, and
 * where each load's time went.
 */
async function timeLoads(
  page: Page,
  urls: readonly string[],
  usable: (page: Page, i: number) => Promise<void>,
): Promise<{ times: number[]; phases: Phases[] }> {
  const times: number[] = [];
  const phases: Phases[] = [];
  for (let i = -1; i < loads; i++) {
    const k = Math.max(0, i);
    const started = performance.now();
    await page.goto(urls[k % urls.length] as string, { waitUntil: 'commit' });
    await usable(page, k);
    await answering(page);
    if (i < 0) continue;
    times.push(performance.now() - started);
    phases.push(await phasesOf(page));
  }
  return { times, phases };
}

/** One load of `url` under the DevTools CPU profiler, to `file` (open it in Chrome's DevTools). */
async function profileLoad(page: Page, url: string, file: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.getByRole('table').getByRole('row').nth(1).getByRole('link').first().waitFor();
  await answering(page);
  const { profile } = await cdp.send('Profiler.stop');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(profile));
  await cdp.detach();
  console.log(`CPU profile of one queue load: ${file}`);
}

/** The p50 of each phase, as one readable line. */
function describePhases(label: string, phases: Phases[]): string {
  const p50 = (key: keyof Phases) =>
    round(
      percentile(
        phases.map((p) => p[key]),
        50,
      ),
    );
  return `${label}, p50 ms from navigation start in the page: HTML ${p50('html')}, script run ${p50('script')}, session ${p50('session')}, projections asked ${p50('apiSent')} and answered ${p50('apiAnswered')} (the last ${p50('apiLastAnswered')}), usable ${p50('usable')}`;
}

function summary(label: string, times: number[], target: string): { p50: number; p95: number } {
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  console.log(
    `${label}: p50 ${round(p50)} ms, p95 ${round(p95)} ms, max ${round(Math.max(...times))} ms over ${times.length} (${target})`,
  );
  return { p50, p95 };
}

interface LighthouseScores {
  performance: number | null;
  accessibility: number | null;
}

/**
 * Lighthouse (desktop preset) on each URL, in a chromium started by chrome-launcher: Playwright
 * signs in over the same DevTools port first, so the session cookie is in the browser Lighthouse
 * drives; storage is not reset, which would sign it out.
 */
async function runLighthouse(
  consoleUrl: string,
  password: string,
  urls: Record<string, string>,
): Promise<Record<string, LighthouseScores>> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const context = browser.contexts()[0];
    if (!context) throw new Error('the launched chromium has no default context');
    const page = await context.newPage();
    await new Desk(page, consoleUrl).signIn('agent', password);
    await page.close();
    const scores: Record<string, LighthouseScores> = {};
    for (const [name, url] of Object.entries(urls)) {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          disableStorageReset: true,
        },
        desktopConfig,
      );
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${url}`);
      if (lhr.finalDisplayedUrl && new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname)
        throw new Error(`lighthouse ended on ${lhr.finalDisplayedUrl}, not ${url} (signed out?)`);
      // Signed in: the page read the API (a signed-out page asks for nothing but /auth/session).
      const requests = (
        lhr.audits['network-requests']?.details as { items?: { url: string; statusCode: number }[] }
      )?.items;
      const api = (requests ?? []).filter((r) => new URL(r.url).pathname.startsWith('/api/projections/'));
      if (api.length === 0 || api.some((r) => r.statusCode !== 200))
        throw new Error(
          `lighthouse on ${url} did not read the API signed in: ${JSON.stringify(api.map((r) => [r.url, r.statusCode]))}`,
        );
      const score = (id: string) => {
        const value = lhr.categories[id]?.score;
        return typeof value === 'number' ? Math.round(value * 100) : null;
      };
      scores[name] = { performance: score('performance'), accessibility: score('accessibility') };
      const failing = Object.values(lhr.audits)
        .filter((a) => typeof a.score === 'number' && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
        .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      console.log(
        `lighthouse ${name}: performance ${scores[name].performance}, accessibility ${scores[name].accessibility} (target ≥ 90 each); audits below 0.9: ${failing.join(', ') || 'none'}`,
      );
    }
    await browser.close();
    return scores;
  } finally {
    chrome.kill();
  }
}

/** The read model's rows and checkpoint, to show that the morning view's run wrote nothing. */
async function readModelState(db: Client): Promise<{ complaints: number; checkpoint: string | null }> {
  const { rows } = await db.query<{ complaints: number; checkpoint: string | null }>(
    `SELECT (SELECT count(*) FROM complaint_summary)::int AS complaints,
       (SELECT md5(string_agg(c::text, ',')) FROM projection_checkpoint c) AS checkpoint`,
  );
  const [state] = rows;
  if (!state) throw new Error('the read model answered no row');
  return state;
}

/** Resolves once the morning view is loaded (see the header); rejects on an error shown or answered. */
async function morningViewLoaded(page: Page): Promise<void> {
  const state = await page.waitForFunction(
    (expected) => {
      const reports = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
        r.name.includes('/api/projections/v1/reports/'),
      );
      const failed = reports.find((r) => r.responseStatus !== 0 && r.responseStatus !== 200);
      if (failed) return `${failed.name} answered ${failed.responseStatus}`;
      const alert = document.querySelector('section.dashboard-section [role="alert"]');
      if (alert) return `a section shows an error: ${alert.textContent}`;
      const answered = new Set(reports.map((r) => new URL(r.name).pathname)).size;
      const sections = document.querySelectorAll('section.dashboard-section').length;
      const loading = document.querySelector('section.dashboard-section [aria-label="…"]');
      const charts = document.querySelectorAll('figure.dashboard-chart svg').length;
      return (
        answered >= expected.reports &&
        sections === expected.sections &&
        !loading &&
        charts >= expected.charts &&
        'loaded'
      );
    },
    morningView,
    { polling: 'raf' },
  );
  const outcome = await state.jsonValue();
  if (outcome !== 'loaded') throw new Error(`the morning view did not load: ${outcome}`);
}

/** Part 6 (BENCH_MORNING_SCHEMA): the morning view over the read model `db` reads, as a supervisor. */
async function benchMorningView(
  browser: Browser,
  consoleUrl: string,
  password: string,
  db: Client,
): Promise<Record<string, number | string>> {
  const before = await readModelState(db);
  if (before.complaints === 0)
    throw new Error(`schema ${morningSchema} has no complaints: run \`npm run bench -- dashboard\` first`);
  console.log(`read model: schema ${morningSchema}, ${before.complaints} complaints (kept, not written)`);
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Riga' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await new Desk(page, consoleUrl).signIn('supervisor', password);
  const morningLoads = await timeLoads(page, [`${consoleUrl}${morningView.path}`], morningViewLoaded);
  const morning = summary(
    `navigation → morning view loaded (${morningView.path})`,
    morningLoads.times,
    'target p95 ≤ 2000 ms',
  );
  console.log(describePhases('  morning view', morningLoads.phases));
  await context.close();
  const after = await readModelState(db);
  if (after.complaints !== before.complaints || after.checkpoint !== before.checkpoint)
    throw new Error(`the run changed ${morningSchema}: ${JSON.stringify({ before, after })}`);
  const p50 = (key: keyof Phases) =>
    round(
      percentile(
        morningLoads.phases.map((p) => p[key]),
        50,
      ),
    );
  return {
    morning_read_model_complaints: before.complaints,
    morning_p50_ms: round(morning.p50),
    morning_p95_ms: round(morning.p95),
    morning_script_p50_ms: p50('script'),
    morning_reports_answered_p50_ms: p50('apiLastAnswered'),
    loads,
  };
}

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`the console bench needs chromium: ${missing}`);
  const calibration = await calibrate({ postgres: true, nats: true });

  const js = initialJavaScript();
  for (const f of js.files)
    console.log(
      `initial JavaScript: ${f.file} ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzip / 1024).toFixed(1)} KB gzipped`,
    );
  const initialKb = Number((js.gzip / 1024).toFixed(1));
  console.log(`initial JavaScript: ${initialKb} KB gzipped in ${js.files.length} file(s) (target ≤ 250)`);

  const dir = await mkdtemp(join(tmpdir(), 'chp-console-bench-'));
  const stores: PostgresHandle[] = [];
  let platform: LocalPlatform | undefined;
  let server: ServiceProcess | undefined;
  let browser: Browser | undefined;
  let db: Client | undefined;
  try {
    const eventStore = await postgres({ use: 'server' });
    stores.push(eventStore);
    const readModel = await postgres({ use: 'server' });
    stores.push(readModel);
    // The morning view reads the kept schema instead of the fresh one (dropped unused).
    const readModelUrl =
      morningSchema && readModel.schema
        ? readModel.url.replace(readModel.schema, morningSchema)
        : readModel.url;
    db = new Client({ connectionString: readModelUrl });
    await db.connect();
    if (morningSchema)
      await readModelState(db).catch((error: unknown) => {
        throw new Error(
          `no read model in schema ${morningSchema} of ${readModelUrl.replace(/\?.*/, '')} (set DATABASE_URL to the database the dashboard bench seeded): ${(error as Error).message}`,
        );
      });
    const port = await freePort();
    const consoleUrl = `http://localhost:${port}`;
    platform = await startLocalPlatform(dir, {
      consolePort: port,
      env: { LOG_LEVEL: 'warn' },
      serviceEnv: {
        complaints: { EVENT_STORE_URL: eventStore.url },
        projections: {
          READ_MODEL_URL: readModelUrl,
        },
      },
    });
    const { identity, stack } = platform;
    server = consoleProcess({
      root,
      dataDir: dir,
      port,
      oidc: {
        issuer: identity.issuer,
        clientId: identity.consoleClient.clientId,
        clientSecret: identity.consoleClient.clientSecret,
        scope: consoleScopes,
      },
      urls: stack.urls,
      natsUrl: stack.natsUrl,
      natsSeed: stack.natsCredentials.console.seed,
      baseEnv: { PATH: process.env.PATH, LOG_LEVEL: 'warn' },
    });
    await server.start();

    if (morningSchema) {
      browser = await launchChromium();
      const metrics = await benchMorningView(
        browser,
        consoleUrl,
        identity.newPasswords?.supervisor ?? '',
        db,
      );
      console.log(`machine: ${describeMachine()} (shared with other work: figures vary)`);
      printBenchResult({
        suite: 'console',
        context: { store: 'postgres', browser: 'chromium', read_model: morningSchema },
        metrics: { initial_js_gzip_kb: initialKb, ...metrics },
        calibration,
        ratios: { morning_p95_ms: 'cpu_ms' },
      });
      return;
    }
    const seedMs = await seedReadModel(db, complaintsInReadModel);
    console.log(
      `read model: ${complaintsInReadModel} complaints written in ${(seedMs / 1000).toFixed(1)} s (bench/seed.ts, then VACUUM ANALYZE)`,
    );

    const token = (subject: string, role: string) =>
      identity.signToken({ subject, roles: [role], expiresInSeconds: 3600 });
    const client = new StackClient({
      urls: stack.urls,
      tokens: {
        channel: await token('bench-web', 'channel'),
        agent: await token('bench-agent', 'agent'),
        supervisor: await token('bench-supervisor', 'supervisor'),
        admin: await token('bench-admin', 'admin'),
      },
    });
    const filed: { complaintId: string; reference: string; subject: string }[] = [];
    for (let i = 0; i < filedThroughIntake; i++) {
      const sample = samples[i % samples.length];
      if (!sample) throw new Error('no sample complaints');
      const subject = `${sample.subject} — bench ${i}`;
      const answer = await client.submit(
        {
          channel: 'web',
          externalRef: `console-bench-${i}`,
          customer: {
            name: sample.name,
            email: `bench.${i % 5}@customers.example`,
            preferredLanguage: sample.language,
          },
          subject,
          description: sample.description,
        },
        `console-bench-${i}`,
      );
      filed.push({ ...answer.body, subject });
    }
    for (const c of filed) {
      await eventually(`${c.reference} in complaints`, () =>
        client.get('complaints', `/v1/complaints/${c.complaintId}`, 'agent'),
      );
      await client.command(c.complaintId, 'acknowledge');
    }
    await eventually(
      'the filed complaints acknowledged in the read model',
      async () => {
        for (const c of filed) {
          const read = await client.get<{ status: string }>(
            'projections',
            `/v1/complaints/${c.complaintId}`,
            'agent',
          );
          if (read?.status !== 'acknowledged') return undefined;
        }
        return true;
      },
      180_000,
    );
    console.log(
      `filed ${filed.length} complaints through intake and acknowledged them (their pages are the ones loaded)`,
    );

    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Riga' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const password = identity.newPasswords?.agent ?? '';
    await new Desk(page, consoleUrl).signIn('agent', password);

    const queueLoads = await timeLoads(page, [`${consoleUrl}/queue`], async (p) => {
      await p.getByRole('table').getByRole('row').nth(1).getByRole('link').first().waitFor();
    });
    if (profileDir) await profileLoad(page, `${consoleUrl}/queue`, join(profileDir, 'queue.cpuprofile'));
    const queue = summary('navigation → usable queue (first row)', queueLoads.times, 'target p95 ≤ 1000 ms');
    console.log(describePhases('  queue', queueLoads.phases));
    const complaintUrls = filed.map((c) => `${consoleUrl}/complaints/${c.complaintId}`);
    const complaintLoads = await timeLoads(page, complaintUrls, async (p, i) => {
      const c = filed[i % filed.length];
      await p.getByRole('heading', { level: 1, name: c?.subject }).waitFor();
    });
    const complaint = summary(
      'navigation → usable complaint page (heading)',
      complaintLoads.times,
      'target p95 ≤ 1000 ms',
    );
    console.log(describePhases('  complaint page', complaintLoads.phases));

    // Live: the complaint page stays open; each note goes in through complaints' API.
    const watched = filed[0];
    if (!watched) throw new Error('nothing filed');
    await page.goto(`${consoleUrl}/complaints/${watched.complaintId}`);
    await page.getByRole('heading', { level: 1, name: watched.subject }).waitFor();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    const liveTimes: number[] = [];
    const appendTimes: number[] = [];
    for (let i = 0; i < changes; i++) {
      const text = `Bench live change ${i}: called the customer back.`;
      const shown = page.getByText(text).first().waitFor({ timeout: 30_000 });
      const started = performance.now();
      await client.command(watched.complaintId, 'add-note', { visibility: 'internal', text });
      appendTimes.push(performance.now() - started);
      await shown;
      liveTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const appended = summary('command → event appended (202/200)', appendTimes, 'for reference');
    const live = summary(
      'command sent → shown on the open complaint page',
      liveTimes,
      'target p95 ≤ 2000 ms',
    );
    await browser.close();
    browser = undefined;

    let scores: Record<string, LighthouseScores> = {};
    if (withLighthouse) {
      scores = await runLighthouse(consoleUrl, password, {
        queue: `${consoleUrl}/queue`,
        complaint: `${consoleUrl}/complaints/${watched.complaintId}`,
      });
    } else console.log('lighthouse: skipped (BENCH_LIGHTHOUSE=0)');
    console.log(`machine: ${describeMachine()} (shared with other work: figures vary)`);

    printBenchResult({
      suite: 'console',
      context: { store: 'postgres', browser: 'chromium' },
      metrics: {
        initial_js_gzip_kb: initialKb,
        initial_js_files: js.files.length,
        read_model_complaints: complaintsInReadModel,
        seed_s: Number((seedMs / 1000).toFixed(1)),
        queue_p50_ms: round(queue.p50),
        queue_p95_ms: round(queue.p95),
        complaint_p50_ms: round(complaint.p50),
        complaint_p95_ms: round(complaint.p95),
        queue_script_p50_ms: round(
          percentile(
            queueLoads.phases.map((p) => p.script),
            50,
          ),
        ),
        queue_api_answered_p50_ms: round(
          percentile(
            queueLoads.phases.map((p) => p.apiAnswered),
            50,
          ),
        ),
        complaint_script_p50_ms: round(
          percentile(
            complaintLoads.phases.map((p) => p.script),
            50,
          ),
        ),
        complaint_api_answered_p50_ms: round(
          percentile(
            complaintLoads.phases.map((p) => p.apiAnswered),
            50,
          ),
        ),
        loads,
        live_p50_ms: round(live.p50),
        live_p95_ms: round(live.p95),
        append_p50_ms: round(appended.p50),
        live_changes: changes,
        lighthouse_queue_performance: scores.queue?.performance ?? null,
        lighthouse_queue_accessibility: scores.queue?.accessibility ?? null,
        lighthouse_complaint_performance: scores.complaint?.performance ?? null,
        lighthouse_complaint_accessibility: scores.complaint?.accessibility ?? null,
      },
      calibration,
      ratios: {
        queue_p95_ms: 'cpu_ms',
        complaint_p95_ms: 'cpu_ms',
        live_p95_ms: 'cpu_ms',
      },
    });
  } finally {
    await browser?.close();
    await db?.end();
    await server?.close();
    await platform?.stop();
    for (const store of stores) await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
