// An admin at the operator page in a real browser (Debian's chromium driven by Playwright), against
// the real platform as `npm start` wires it (the embedded provider, the services trusting its JWKS,
// the console server), with notifications sending to a real SMTP sink and keeping its sent log in
// PostgreSQL: a malformed submission becomes a dead letter, a corrected copy replayed from the page
// files one complaint, an e-mail left `unknown` is resent from the page and received once; axe finds
// no serious or critical violation; an agent is not let in.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleScopes } from '@chp/identity';
import { consoleMain, consoleProcess, eventually, repoRoot, type ServiceProcess } from '@chp/stack';
import { freePort, type PostgresHandle, postgres, type SmtpSink, smtpSink } from '@chp/testing';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messages } from '../src/i18n/catalogues.js';
import {
  chromiumMissing,
  intlErrorsOf,
  launchChromium,
  SignInForm,
  seriousAccessibilityViolations,
} from './support/desk.js';
import { type LocalPlatform, startLocalPlatform } from './support/local-stack.js';

const missing = chromiumMissing();
if (missing) console.warn(`skipping the operator page's browser tests: ${missing}`);

const here = dirname(fileURLToPath(import.meta.url));
const root = repoRoot(here);
const artifacts = join(here, '..', 'test-results');
const m = messages.en;
const run = Date.now().toString(36);
const email = `olga.${run}@customers.example`;
const externalRef = `scan-${run}`;
const submission = {
  channel: 'post',
  externalRef,
  customer: { name: `Olga Operatorova ${run}`, email, preferredLanguage: 'en' },
  subject: 'The scanned letter',
  description: 'My card was charged twice.',
};

describe.skipIf(missing !== undefined)('the operator page in a browser', () => {
  let dir: string;
  let platform: LocalPlatform;
  let server: ServiceProcess;
  let browser: Browser;
  let consoleUrl: string;
  let sink: SmtpSink;
  let sentLogDb: PostgresHandle;

  beforeAll(async () => {
    if (!existsSync(consoleMain(root)))
      throw new Error(`${consoleMain(root)} is missing: run npm run build first`);
    dir = await mkdtemp(join(tmpdir(), 'chp-operator-'));
    sink = await smtpSink();
    // The sent log in a PostgreSQL schema of its own, so that the test can reach a row while the
    // service runs (its default PGlite is one process only).
    sentLogDb = await postgres({ use: 'server' });
    const port = await freePort();
    consoleUrl = `http://localhost:${port}`;
    platform = await startLocalPlatform(dir, {
      consolePort: port,
      serviceEnv: { notifications: { SMTP_URL: sink.url, SENT_LOG_URL: sentLogDb.url } },
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
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await platform?.stop();
    await sink?.close();
    await sentLogDb?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function inBrowser(name: string, scenario: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Riga' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const intlErrors = intlErrorsOf(page);
    try {
      await scenario(page);
      expect(intlErrors).toEqual([]);
    } catch (error) {
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  }

  const signIn = async (page: Page, username: string) => {
    await page.goto(`${consoleUrl}/admin`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await new SignInForm(page).signIn(username, platform.identity.newPasswords?.[username] ?? '');
  };

  /** Published as a postal scanning desk would (the `channel` NATS user). */
  async function publishAsChannel(body: unknown): Promise<void> {
    const nc = await connect(platform.stack.natsClientOptions('channel'));
    try {
      await nc.request('intake.complaints.post', JSON.stringify(body), { timeout: 10_000 });
    } finally {
      await nc.drain();
    }
  }

  async function complaintsOf(customer: string): Promise<unknown[]> {
    const token = await platform.identity.signToken({
      subject: 'test-supervisor',
      roles: ['supervisor'],
      expiresInSeconds: 600,
    });
    const response = await fetch(
      `${platform.stack.urls.projections}/v1/customers/${encodeURIComponent(customer)}/complaints`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw new Error(`projections answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { items: unknown[] }).items;
  }

  const mailsTo = (address: string) => sink.messages.filter((mail) => mail.envelope.to.includes(address));

  test('an admin replays a dead letter corrected (one complaint) and resends an unknown e-mail (received once)', async () => {
    await inBrowser('operator', async (page) => {
      await signIn(page, 'admin');
      await page.getByRole('heading', { name: m['operator.title'], level: 1 }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // No description: intake's schema refuses it and dead-letters it.
      const { description: _omitted, ...malformed } = submission;
      await publishAsChannel(malformed);
      await page.getByRole('tab', { name: m['operator.tabs.deadLetters'] }).click();
      const letter = page.getByRole('row').filter({ hasText: externalRef });
      await eventually('the dead letter on the page', async () => {
        if ((await letter.count()) > 0) return true;
        await page.getByRole('tab', { name: m['operator.tabs.overview'] }).click();
        await page.getByRole('tab', { name: m['operator.tabs.deadLetters'] }).click();
        return undefined;
      });
      await expect.poll(() => letter.textContent()).toContain('intake.complaints.post');
      expect(await letter.textContent()).not.toContain(email);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await letter.getByRole('button', { name: m['operator.deadLetters.replayCorrected'] }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(m['operator.deadLetters.correctedPayload']).fill(JSON.stringify(submission));
      await dialog.getByRole('button', { name: m['operator.deadLetters.sendCorrected'] }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => letter.textContent()).toContain(m['operator.deadLetters.state.replayed']);
      const filed = await eventually('the replayed complaint', async () => {
        const items = await complaintsOf(email);
        return items.length > 0 ? items : undefined;
      });
      expect(filed).toHaveLength(1);

      // Its acknowledgement reaches the sink; then the row is made what a crash mid-send leaves.
      await eventually('the acknowledgement', async () => (mailsTo(email).length > 0 ? true : undefined));
      const db = new pg.Client({ connectionString: sentLogDb.url });
      await db.connect();
      try {
        const updated = await db.query(
          `UPDATE notification_sent_log SET status = 'unknown', finished_at = now(),
             error = 'the process stopped between the intent and the result; the message may have been sent'
           WHERE recipient = $1 AND status = 'sent' RETURNING stream_sequence`,
          [email],
        );
        expect(updated.rows).toHaveLength(1);
        expect(updated.rows[0].stream_sequence).not.toBeNull();
      } finally {
        await db.end();
      }

      await page.getByRole('tab', { name: m['operator.tabs.unsettled'] }).click();
      const row = page.getByRole('row').filter({ hasText: m['operator.unsettled.status.unknown'] });
      await row.first().waitFor();
      if (process.env.CONSOLE_SCREENSHOTS === '1') {
        await mkdir(join(here, '..', 'docs'), { recursive: true });
        await page.screenshot({ path: join(here, '..', 'docs', 'operator.png'), fullPage: true });
      }
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await row
        .first()
        .getByRole('button', { name: /^Resend / })
        .click();
      const decided = page.getByRole('row').filter({ hasText: /Resent by/ });
      await decided.first().waitFor();
      expect(await decided.first().textContent()).toContain(m['operator.unsettled.status.sent']);
      // Gone from the undecided: a second click is not offered, and the API decides once anyway.
      expect(await row.count()).toBe(0);

      await eventually('the resent acknowledgement', async () =>
        mailsTo(email).length >= 2 ? true : undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(mailsTo(email)).toHaveLength(2);
      const [first, second] = mailsTo(email);
      expect(second?.parsed.messageId).toBe(first?.parsed.messageId);

      await page.getByRole('tab', { name: m['operator.tabs.status'] }).click();
      await page.getByRole('heading', { name: m['operator.status.title'] }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      // The rebuild asks first; cancelling starts nothing.
      await page.getByRole('button', { name: m['operator.status.rebuildButton'] }).click();
      await page.getByRole('dialog').getByRole('button', { name: m['operator.status.cancel'] }).click();
    });
  });

  test('an agent gets the not-allowed page', async () => {
    await inBrowser('operator-agent', async (page) => {
      await signIn(page, 'agent');
      await page.getByRole('heading', { name: m['notAllowed.title'], level: 1 }).waitFor();
      expect(await page.getByRole('tab', { name: m['operator.tabs.unsettled'] }).count()).toBe(0);
    });
  });
});
