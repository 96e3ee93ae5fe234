// The supervisors' morning view in a real browser (Debian's chromium driven by Playwright) against the
// real platform, every process started as `npm start` starts it. The SLA policy gives one minute to
// acknowledge (a 24/7 calendar), so a breach happens while the page is open. The test files and walks
// its own complaints and checks every figure it shows against its own counts.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleScopes } from '@chp/identity';
import { consoleMain, consoleProcess, eventually, repoRoot, type ServiceProcess } from '@chp/stack';
import { freePort } from '@chp/testing';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumMissing, Desk, launchChromium, seriousAccessibilityViolations } from './support/desk.js';
import { type LocalPlatform, startLocalPlatform } from './support/local-stack.js';

const missing = chromiumMissing();
if (missing) console.warn(`skipping the morning view's browser tests: ${missing}`);

const here = dirname(fileURLToPath(import.meta.url));
const root = repoRoot(here);
const artifacts = join(here, '..', 'test-results');
// `CONSOLE_SCREENSHOTS=1` refreshes the README's screenshot (docs/dashboard.png) from this run.
const screenshots = process.env.CONSOLE_SCREENSHOTS === '1' ? join(here, '..', 'docs') : undefined;

const allDay = ['00:00-24:00'];
const far = { amount: 30, unit: 'business_days' };
/** One minute to acknowledge, round the clock; the other targets far away. */
const policies = {
  calendars: {
    always: {
      timeZone: 'UTC',
      workingHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
      ),
      holidays: [],
    },
  },
  policies: [
    {
      id: 'dashboard-fast',
      version: 1,
      name: 'One-minute acknowledgement (morning view test)',
      calendar: 'always',
      targets: Object.fromEntries(
        ['low', 'medium', 'high', 'urgent'].map((p) => [
          p,
          { acknowledge: { amount: 1, unit: 'business_minutes' }, first_response: far, resolve: far },
        ]),
      ),
      escalation: { levels: [{ level: 1, after: far, to: 'complaints-manager' }] },
    },
  ],
  defaults: { policy: 'dashboard-fast' },
};

/** vitest's expect.poll gives up after 1 s by default: the page's refetches may take longer. */
const soon = { timeout: 20_000, interval: 200 };

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number a figure's link shows, found by what it counts (its accessible name). */
async function figure(page: Page, label: string): Promise<number> {
  const link = page
    .getByRole('link', { name: new RegExp(`^${literal(label)}: [\\d,]+, show in the queue$`) })
    .first();
  return Number(((await link.textContent()) ?? '').replaceAll(',', ''));
}

async function downloaded(download: Download): Promise<string[]> {
  const text = await readFile((await download.path()) ?? '', 'utf8');
  return text.split('\r\n').filter((line) => line !== '');
}

describe.skipIf(missing !== undefined)('the morning view in a browser', () => {
  let dir: string;
  let platform: LocalPlatform;
  let server: ServiceProcess;
  let browser: Browser;
  let consoleUrl: string;
  let channelToken: string;
  let supervisorToken: string;
  const filed: Record<'a' | 'b' | 'c' | 'd', { complaintId: string; reference: string }> = {} as never;

  async function file(key: keyof typeof filed, channel: string, subject: string): Promise<void> {
    const response = await fetch(`${platform.stack.urls.intake}/v1/complaints`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${channelToken}`,
        'content-type': 'application/json',
        'idempotency-key': `dashboard-${key}`,
      },
      body: JSON.stringify({
        channel,
        externalRef: `dashboard-${key}`,
        customer: { name: `Customer ${key}`, email: `${key}@customers.example`, preferredLanguage: 'en' },
        subject,
        description: `The morning view test's complaint ${key}.`,
      }),
    });
    expect(response.status).toBe(201);
    filed[key] = (await response.json()) as { complaintId: string; reference: string };
  }

  /**
   * A supervisor's command through complaints' API, with the current ETag; read again and retried
   * on a 412 (the platform itself writes to a new complaint too, e.g. its acknowledgement e-mail).
   */
  async function command(key: keyof typeof filed, path: string, body: object = {}): Promise<void> {
    const url = `${platform.stack.urls.complaints}/v1/complaints/${filed[key].complaintId}`;
    const authorization = `Bearer ${supervisorToken}`;
    let response: Response | undefined;
    for (let attempt = 0; attempt < 5 && response?.status !== 200; attempt++) {
      const current = await eventually(
        `complaint ${key} in complaints`,
        async () => {
          const read = await fetch(url, { headers: { authorization } });
          return read.ok ? read : undefined;
        },
        30_000,
      );
      response = await fetch(`${url}/${path}`, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/json',
          'if-match': current.headers.get('etag') ?? '',
        },
        body: JSON.stringify(body),
      });
      if (response.status !== 412) break;
    }
    expect(response?.status, `${path} of ${key}: ${await response?.clone().text()}`).toBe(200);
  }

  const report = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${platform.stack.urls.projections}/v1/reports/${path}`, {
      headers: { authorization: `Bearer ${supervisorToken}` },
    });
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    if (!existsSync(consoleMain(root)))
      throw new Error(`${consoleMain(root)} is missing: run npm run build first`);
    dir = await mkdtemp(join(tmpdir(), 'chp-dashboard-'));
    const policyFile = join(dir, 'sla-policies.json');
    await writeFile(policyFile, JSON.stringify(policies));
    const port = await freePort();
    consoleUrl = `http://localhost:${port}`;
    platform = await startLocalPlatform(dir, {
      consolePort: port,
      serviceEnv: { complaints: { SLA_POLICIES_FILE: policyFile } },
    });
    server = consoleProcess({
      root,
      dataDir: dir,
      port,
      oidc: {
        issuer: platform.identity.issuer,
        clientId: platform.identity.consoleClient.clientId,
        clientSecret: platform.identity.consoleClient.clientSecret,
        scope: consoleScopes,
      },
      urls: platform.stack.urls,
      natsUrl: platform.stack.natsUrl,
      natsSeed: platform.stack.natsCredentials.console.seed,
    });
    await server.start();
    channelToken = await platform.identity.signToken({
      subject: 'test-web',
      roles: ['channel'],
      expiresInSeconds: 900,
    });
    supervisorToken = await platform.identity.signToken({
      subject: 'test-supervisor',
      roles: ['supervisor'],
      expiresInSeconds: 900,
    });

    // Before the page opens: A is acknowledged, assigned to an agent of "cards", resolved as upheld
    // with a refund and rated 2 (a low rating); B is acknowledged and given to "payments" without an
    // agent. Both within their minute, so neither breaches.
    await file('a', 'web', 'Card charged twice');
    await file('b', 'email', 'Transfer never arrived');
    await command('a', 'acknowledge');
    await command('b', 'acknowledge');
    await command('a', 'assign', { team: 'cards', assigneeId: 'agent-alice', assigneeName: 'Alice' });
    await command('b', 'assign', { team: 'payments' });
    await command('a', 'resolve', {
      summary: 'We refunded the second charge.',
      outcome: 'upheld',
      remedies: [{ type: 'refund', amount: { amount: '25.50', currency: 'EUR' } }],
      firstContact: false,
    });
    await command('a', 'record-satisfaction', { score: 2, source: 'phone survey' });
    await eventually(
      'A rated and B open in the read model',
      async () => {
        const csat = await report<{ low: { count: number } }>('csat');
        const backlog = await report<{ open: { count: number } }>('backlog');
        return csat.low.count === 1 && backlog.open.count === 1 ? true : undefined;
      },
      90_000,
    );
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs a scenario in a session of its own; on failure the page is saved under test-results/. */
  async function inBrowser(name: string, scenario: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Riga',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await scenario(page);
    } catch (error) {
      await mkdir(artifacts, { recursive: true });
      const path = join(artifacts, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      console.error(`screenshot of the failure: ${path}`);
      throw error;
    } finally {
      await context.close();
    }
  }

  test('a supervisor reads the figures, sees new complaints and a breach arrive live, drills down, exports, and prints', async () => {
    await inBrowser('dashboard-supervisor', async (page) => {
      const desk = new Desk(page, consoleUrl);
      await desk.signIn('supervisor', platform.identity.newPasswords?.supervisor ?? '');
      await page.getByRole('link', { name: 'Morning view' }).click();
      await page.getByRole('heading', { name: 'Morning view', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'SLA compliance' }).waitFor();
      // Marks this document: if the page reloaded, the mark would be gone.
      await page.evaluate(() => {
        (window as { __noReload?: boolean }).__noReload = true;
      });

      // The figures are the test's own counts.
      await expect.poll(() => figure(page, 'Open'), soon).toBe(1);
      expect(await figure(page, 'New since yesterday')).toBe(2);
      expect(await figure(page, 'Unassigned')).toBe(1);
      for (const clock of ['Acknowledge', 'First response', 'Resolve', 'Regulatory final response']) {
        expect(await figure(page, `Breached, ${clock}`)).toBe(0);
      }
      expect(await figure(page, 'Closed')).toBe(1);
      expect(await figure(page, 'Within 3 business days')).toBe(1);
      expect(await figure(page, 'Upheld')).toBe(1);
      expect(await figure(page, 'Not upheld')).toBe(0);
      expect(await figure(page, 'Redress paid in EUR')).toBe(1);
      await page.getByText('€25.50').waitFor();
      expect(await figure(page, 'Rated 2')).toBe(1);
      expect(await figure(page, 'Low ratings (1–2)')).toBe(1);
      await page
        .getByRole('table', { name: 'Low ratings (1–2)' })
        .getByRole('link', { name: filed.a.reference })
        .waitFor();
      expect(await figure(page, 'Received, cards')).toBe(1);
      expect(await figure(page, 'Received, payments')).toBe(1);
      expect(await figure(page, 'Received, Alice')).toBe(1);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // Filters are in the URL: the team "payments" has B only.
      await page.getByLabel('Team', { exact: true }).fill('payments');
      await page.getByLabel('Team', { exact: true }).press('Enter');
      await expect.poll(() => page.url(), soon).toContain('team=payments');
      await expect.poll(() => figure(page, 'Received, payments'), soon).toBe(1);
      await expect.poll(() => page.getByRole('link', { name: /^Received, cards:/ }).count(), soon).toBe(0);
      await page.goBack();
      await expect.poll(() => figure(page, 'Received, cards'), soon).toBe(1);

      // Two complaints arrive while the page is open: the figures follow without a reload, and a minute
      // later their acknowledgement breaches, which shows without a reload too.
      await file('c', 'web', 'App shows a wrong balance');
      await file('d', 'web', 'Branch refused a deposit');
      await expect.poll(() => figure(page, 'Open'), { timeout: 20_000 }).toBe(3);
      expect(await figure(page, 'Unassigned')).toBe(3);
      await expect.poll(() => figure(page, 'New since yesterday'), soon).toBe(4);
      const breachWait = Date.now();
      await expect
        .poll(() => figure(page, 'Breached, Acknowledge'), { timeout: 150_000, interval: 500 })
        .toBe(2);
      console.info(`the acknowledgement breach showed ${Date.now() - breachWait} ms after the filing's wait`);
      expect(await figure(page, 'Breached, Resolve')).toBe(0);
      await expect.poll(() => figure(page, 'Breached, No team'), soon).toBe(2);
      expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);

      // The compliance table sorts: worst first, then the other way.
      const byTeam = page.getByRole('table', { name: 'By team' });
      const firstTeam = () => byTeam.getByRole('row').nth(1).getByRole('rowheader').textContent();
      expect(await firstTeam()).toBe('No team');
      await byTeam.getByRole('button', { name: 'Sort by Compliance' }).click();
      await expect.poll(firstTeam, soon).not.toBe('No team');
      expect(await byTeam.getByRole('columnheader', { name: /Compliance/ }).getAttribute('aria-sort')).toBe(
        'descending',
      );
      if (screenshots) {
        await mkdir(screenshots, { recursive: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });
      }

      // The clocks' CSV has the rows the table shows.
      const [clocksCsv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export Breached and at risk as CSV' }).click(),
      ]);
      expect(clocksCsv.suggestedFilename()).toBe('clocks.csv');
      const shown = [];
      for (const clock of [
        'acknowledge',
        'first_response',
        'resolve',
        'regulatory_final_response',
      ] as const) {
        const name = {
          acknowledge: 'Acknowledge',
          first_response: 'First response',
          resolve: 'Resolve',
          regulatory_final_response: 'Regulatory final response',
        }[clock];
        shown.push(
          `${clock},${await figure(page, `Breached, ${name}`)},${await figure(page, `At risk, ${name}`)}`,
        );
      }
      expect(await downloaded(clocksCsv)).toEqual(['clock,breached,atRisk', ...shown]);
      expect(shown[0]).toMatch(/^acknowledge,2,/);

      // Printed, the report drops the navigation and the buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print report' }).isVisible()).toBe(false);
      await page.getByRole('heading', { name: 'SLA compliance' }).waitFor();
      await page.emulateMedia({ media: 'screen' });

      // The drill-down lists exactly the two breached complaints, and its CSV the same rows.
      await page.getByRole('link', { name: /^Breached, Acknowledge: 2,/ }).click();
      await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
      await page
        .getByRole('list', { name: 'Filters of the figure' })
        .getByText('breached = acknowledge')
        .waitFor();
      await desk.queueRow(filed.c.reference).waitFor();
      await desk.queueRow(filed.d.reference).waitFor();
      const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^C-/ }) });
      expect(await listed.count()).toBe(2);
      const [queueCsv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const lines = await downloaded(queueCsv);
      expect(lines).toHaveLength(3);
      expect(
        lines
          .slice(1)
          .map((line) => line.split(',')[1])
          .sort(),
      ).toEqual([filed.c.reference, filed.d.reference].sort());
      await page.getByRole('button', { name: 'Show the whole queue' }).click();
      await desk.queueRow(filed.b.reference).waitFor();

      // In Ukrainian too, and still accessible.
      await page.getByRole('link', { name: 'Morning view' }).click();
      await page.getByRole('heading', { name: 'Morning view', level: 1 }).waitFor();
      await desk.switchLanguage('Українська');
      await page.getByRole('heading', { name: 'Ранковий огляд', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Дотримання SLA' }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  });

  test('an agent is refused the morning view, by the page and by the API', async () => {
    await inBrowser('dashboard-agent', async (page) => {
      const desk = new Desk(page, consoleUrl);
      await desk.signIn('agent', platform.identity.newPasswords?.agent ?? '');
      expect(await page.getByRole('link', { name: 'Morning view' }).count()).toBe(0);
      await page.goto(`${consoleUrl}/dashboard`);
      await page.getByRole('alert').filter({ hasText: 'The morning view is for supervisors.' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Breached and at risk' }).count()).toBe(0);
      const refused = await page.request.get(`${consoleUrl}/api/projections/v1/reports/clocks`);
      expect(refused.status()).toBe(403);
    });
  });
});
