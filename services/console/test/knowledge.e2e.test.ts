// Standard answers end to end in a real browser (Debian's chromium driven by Playwright), against the
// real platform started as `npm start` starts it (the knowledge service among the others): a
// supervisor drafts and publishes an answer on the authoring page, an agent picks it in a complaint's
// "ask the customer" form, the text with the complaint's reference filled in is sent, and the use is
// counted in the supervisor's statistics.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleScopes } from '@chp/identity';
import { consoleMain, consoleProcess, eventually, repoRoot, type ServiceProcess } from '@chp/stack';
import { freePort } from '@chp/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  chromiumMissing,
  Desk,
  intlErrorsOf,
  launchChromium,
  seriousAccessibilityViolations,
} from './support/desk.js';
import { type LocalPlatform, startLocalPlatform } from './support/local-stack.js';

const missing = chromiumMissing();
if (missing) console.warn(`skipping the standard answers' browser test: ${missing}`);

const here = dirname(fileURLToPath(import.meta.url));
const root = repoRoot(here);
const artifacts = join(here, '..', 'test-results');

/** The answer the supervisor writes: a title and a text in each language, the text naming the complaint. */
const answer = {
  English: [
    'Copy of the bill needed',
    'Dear {customerName}, to look into complaint {reference} we need a copy of the bill.',
  ],
  Українська: [
    'Потрібна копія рахунку',
    'Шановний(-а) {customerName}, щоб розглянути скаргу {reference}, нам потрібна копія рахунку.',
  ],
  Русский: [
    'Нужна копия счёта',
    'Уважаемый(-ая) {customerName}, чтобы рассмотреть жалобу {reference}, нам нужна копия счёта.',
  ],
  Magyar: [
    'Számlamásolat szükséges',
    'Tisztelt {customerName}! A(z) {reference} számú panasz kivizsgálásához szükségünk van a számla másolatára.',
  ],
  Latviešu: [
    'Vajadzīga rēķina kopija',
    'Cien. {customerName}! Lai izskatītu sūdzību {reference}, mums vajadzīga rēķina kopija.',
  ],
  Română: [
    'Este necesară o copie a facturii',
    'Stimate/Stimată {customerName}, pentru a analiza reclamația {reference} avem nevoie de o copie a facturii.',
  ],
} as const;

describe.skipIf(missing !== undefined)('standard answers in a browser', () => {
  let dir: string;
  let platform: LocalPlatform;
  let server: ServiceProcess;
  let browser: Browser;
  let consoleUrl: string;
  let filed: { complaintId: string; reference: string };

  beforeAll(async () => {
    if (!existsSync(consoleMain(root)))
      throw new Error(`${consoleMain(root)} is missing: run npm run build first`);
    dir = await mkdtemp(join(tmpdir(), 'chp-knowledge-'));
    const port = await freePort();
    consoleUrl = `http://localhost:${port}`;
    platform = await startLocalPlatform(dir, { consolePort: port });
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

    const channel = await platform.identity.signToken({
      subject: 'test-web',
      roles: ['channel'],
      expiresInSeconds: 600,
    });
    const response = await fetch(`${platform.stack.urls.intake}/v1/complaints`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${channel}`,
        'content-type': 'application/json',
        'idempotency-key': 'knowledge-1',
      },
      body: JSON.stringify({
        channel: 'web',
        externalRef: 'knowledge-1',
        customer: { name: 'Kovács Anna', email: 'anna@customers.example', preferredLanguage: 'hu' },
        subject: 'Túl magas számla',
        description: 'A márciusi számlám kétszer akkora, mint máskor.',
      }),
    });
    expect(response.status).toBe(201);
    filed = (await response.json()) as { complaintId: string; reference: string };
    const agentToken = await platform.identity.signToken({
      subject: 'test-agent',
      roles: ['agent'],
      expiresInSeconds: 600,
    });
    await eventually(
      'the complaint in the read model',
      async () => {
        const read = await fetch(`${platform.stack.urls.projections}/v1/complaints/${filed.complaintId}`, {
          headers: { authorization: `Bearer ${agentToken}` },
        });
        return read.ok ? true : undefined;
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

  /** One session per page; on failure each page is saved under test-results/. */
  async function inBrowser(name: string, scenario: (...pages: Page[]) => Promise<void>, sessions: number) {
    const contexts = await Promise.all(
      Array.from({ length: sessions }, () =>
        browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Riga' }),
      ),
    );
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    for (const page of pages) page.setDefaultTimeout(20_000);
    const intlErrorLists = pages.map((page) => intlErrorsOf(page));
    try {
      await scenario(...pages);
      expect(intlErrorLists.flat()).toEqual([]);
    } catch (error) {
      await mkdir(artifacts, { recursive: true });
      for (const [i, page] of pages.entries()) {
        const file = join(artifacts, `${name}-${i + 1}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.error(`screenshot of the failure: ${file}`);
      }
      throw error;
    } finally {
      for (const context of contexts) await context.close();
    }
  }

  test('a supervisor publishes an answer, an agent picks it with the reference filled in, and the use is counted', async () => {
    const passwords = platform.identity.newPasswords;
    await inBrowser(
      'knowledge',
      async (supervisorPage, agentPage) => {
        const supervisor = new Desk(supervisorPage as Page, consoleUrl);
        const page = supervisorPage as Page;
        await supervisor.signIn('supervisor', passwords?.supervisor ?? '');
        await page.getByRole('link', { name: 'Standard answers' }).click();
        await page.getByRole('heading', { name: 'Standard answers', level: 1 }).waitFor();
        // Supervisors see the typical questions too (none yet).
        await page
          .getByRole('region', { name: 'Typical questions' })
          .getByText('No typical question matches.')
          .waitFor();

        // A draft in all six languages, then published.
        await page.getByRole('button', { name: 'New answer' }).click();
        const form = page.getByRole('region', { name: 'New answer' });
        await form.getByLabel('Category', { exact: true }).fill('billing');
        await form.getByLabel('Tags', { exact: true }).fill('bill-copy');
        for (const [language, [title, body]] of Object.entries(answer)) {
          await form.getByRole('tab', { name: language }).click();
          await form.getByLabel(`Title (${language})`, { exact: true }).fill(title);
          await form.getByLabel(`Text (${language})`, { exact: true }).fill(body);
        }
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await form.getByRole('button', { name: 'Save draft' }).click();
        const detail = page.getByRole('region', { name: answer.English[0] });
        await detail.getByRole('button', { name: 'Publish the draft' }).click();
        await detail.getByText('Published', { exact: true }).waitFor();
        await detail.getByRole('cell', { name: 'Live' }).waitFor();
        expect(await seriousAccessibilityViolations(page)).toEqual([]);

        // The agent asks the Hungarian customer for the bill with the answer: Hungarian and the
        // complaint's category are chosen for them.
        const desk = new Desk(agentPage as Page, consoleUrl);
        await desk.signIn('agent', passwords?.agent ?? '');
        await desk.openComplaint(filed.reference);
        await desk.act('Acknowledge');
        await desk.done();
        await desk.act('Triage', { Category: 'billing', Priority: 'Medium', Severity: 'Minor' });
        await desk.done();
        await desk.fill('Ask the customer');
        const agent = agentPage as Page;
        await agent.getByRole('button', { name: 'Insert a standard answer' }).click();
        expect(await agent.getByLabel('Answer language', { exact: true }).inputValue()).toBe('hu');
        await agent.getByRole('button', { name: `Use “${answer.Magyar[0]}”` }).click();
        const question = agent.getByLabel('Question', { exact: true });
        const expected = `Tisztelt Kovács Anna! A(z) ${filed.reference} számú panasz kivizsgálásához szükségünk van a számla másolatára.`;
        expect(await question.inputValue()).toBe(expected);
        await agent.getByRole('button', { name: 'Ask the customer', exact: true }).click();
        await desk.done();

        // The complaint holds the text as sent.
        const supervisorToken = await platform.identity.signToken({
          subject: 'test-supervisor',
          roles: ['supervisor'],
          expiresInSeconds: 600,
        });
        const events = await fetch(
          `${platform.stack.urls.complaints}/v1/complaints/${filed.complaintId}/events`,
          {
            headers: { authorization: `Bearer ${supervisorToken}` },
          },
        );
        const trail = (await events.json()) as { events: { type: string; data: Record<string, unknown> }[] };
        expect(trail.events.find((e) => e.type === 'CustomerInformationRequested')?.data.question).toBe(
          expected,
        );

        // The use is counted (StandardAnswerUsed, recorded once the form was sent): the statistics
        // say 1 for version 1, and so does the supervisor's page.
        const usage = await eventually('the use in the statistics', async () => {
          const stats = await fetch(`${platform.stack.urls.knowledge}/v1/stats/answer-usage`, {
            headers: { authorization: `Bearer ${supervisorToken}` },
          });
          const { items } = (await stats.json()) as { items: { version: number; uses: number }[] };
          return items.length > 0 ? items : undefined;
        });
        expect(usage.map(({ version, uses }) => ({ version, uses }))).toEqual([{ version: 1, uses: 1 }]);
        await page.reload();
        await page.getByRole('button', { name: answer.English[0] }).click();
        const uses = page
          .getByRole('region', { name: answer.English[0] })
          .getByRole('row')
          .nth(1)
          .getByRole('cell');
        await expect
          .poll(async () => (await uses.allTextContents()).join('|'), { timeout: 10_000 })
          .toMatch(/^1\|Live\|.*\|1$/);
      },
      2,
    );
  });
});
