// A customer on the portal in a real browser (Debian's chromium driven by Playwright), against the
// real platform started as `npm start` starts it (nats-server and the four services as processes),
// with mail going to the test's SMTP server.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, repoRoot, roleTokens, type Stack, StackClient, startStack } from '@chp/stack';
import { freePort, type SmtpSink, smtpSink } from '@chp/testing';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, seriousViolations } from './support/browser.js';

const missing = chromiumMissing();
if (missing) console.warn(`skipping the portal's browser tests: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

describeInBrowser('the portal in a browser', () => {
  let dir: string;
  let sink: SmtpSink;
  let stack: Stack;
  let client: StackClient;
  let browser: Browser;
  let portal: string;

  beforeAll(async () => {
    const root = repoRoot(__dirname);
    if (!existsSync(join(root, 'services/intake/dist/main.js'))) throw new Error('run npm run build first');
    dir = await mkdtemp(join(tmpdir(), 'chp-portal-'));
    sink = await smtpSink();
    stack = await startStack({
      dataDir: dir,
      root,
      nats: { port: -1 },
      ports: {
        complaints: await freePort(),
        projections: await freePort(),
        notifications: await freePort(),
        knowledge: await freePort(),
        intake: await freePort(),
      },
      smtpUrl: sink.url,
      serviceEnv: { intake: { PORTAL_MIN_FILL_TIME: '1s' } },
    });
    client = new StackClient({ urls: stack.urls, tokens: await roleTokens(stack.secrets.jwtSecret) });
    browser = await launchChromium();
    portal = `${stack.urls.intake}/portal`;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await sink?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Every portal page the customer sees is checked by axe on the way. */
  async function accessible(page: Page): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
  }

  const mailTo = (address: string, subject: RegExp) =>
    eventually(`a mail to ${address} matching ${subject}`, async () =>
      sink.messages.find((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? '')),
    );

  const complaintIdOf = (email: string) =>
    eventually(`the complaint of ${email} in the projections`, async () => {
      const list = await client.get<{ items: { id: string }[] }>(
        'projections',
        `/v1/complaints?customer=${encodeURIComponent(email)}`,
      );
      return list?.items[0]?.id;
    });

  async function file(
    page: Page,
    language: string,
    form: { name: string; email: string; subject: string },
    // axe runs in the page: not where JavaScript is off.
    audit = true,
  ) {
    await page.goto(`${portal}/${language}/complaint`);
    if (audit) await accessible(page);
    await page.locator('#f-name').fill(form.name);
    await page.locator('#f-email').fill(form.email);
    await page.locator('#f-category').selectOption('billing');
    await page.locator('#f-subject').fill(form.subject);
    await page.locator('#f-description').fill('A novemberi számlámon kétszer szerepel ugyanaz a tétel.');
    await page.locator('#f-consent').check();
    await page.waitForTimeout(1_200); // the minimum fill time
    await page.locator('form button[type=submit]:not([name=action])').click();
    await page.waitForSelector('.reference');
    if (audit) await accessible(page);
    return (await page.locator('.reference').textContent()) ?? '';
  }

  /** Polls the status page (reloading) until it shows a text. */
  async function statusShowing(page: Page, text: string): Promise<void> {
    await eventually(`"${text}" on the status page`, async () => {
      await page.reload();
      return (await page.content()).includes(text);
    });
  }

  test('a customer files in Hungarian, follows the one-time link, answers with a file, sees the resolution, accepts and rates', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const email = `kovacs.anna.${Date.now()}@example.hu`;
    const reference = await file(page, 'hu', {
      name: 'Kovács Anna',
      email,
      subject: 'Kétszer számlázott tétel',
    });
    expect(reference).toMatch(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.content()).toContain('Megkaptuk a panaszát');

    const acknowledgement = await mailTo(email, new RegExp(reference));
    expect(acknowledgement.parsed.text).toContain(reference);
    const complaintId = await complaintIdOf(email);

    // Follow: reference and e-mail, then the link from the e-mail.
    await page.goto(`${portal}/hu/follow`);
    await accessible(page);
    await page.locator('#f-reference').fill(reference.toLowerCase());
    await page.locator('#f-contact').fill(email);
    await page.waitForTimeout(1_200);
    await page.locator('form button[type=submit]:not([name=action])').click();
    await page.getByText('Ha az ügyszám és az e-mail-cím egy panaszhoz tartozik').waitFor();
    await accessible(page);
    const linkMail = await mailTo(email, /Hivatkozás panasza nyomon követéséhez/);
    const link = /https?:\/\/\S+\/portal\/hu\/link\/\S+/.exec(linkMail.parsed.text ?? '')?.[0] ?? '';
    expect(link).not.toBe('');

    await client.command(complaintId, 'acknowledge');
    await page.goto(link);
    await accessible(page);
    await page.getByRole('button', { name: 'Panaszom megnyitása' }).click();
    await page.waitForURL(/\/portal\/hu\/status$/);
    await statusShowing(page, 'Visszaigazoltuk a panaszát');
    await accessible(page);

    await client.command(complaintId, 'request-customer-information', {
      question: 'Kérjük, adja meg a számla sorszámát.',
    });
    await statusShowing(page, 'Kérjük, adja meg a számla sorszámát.');
    await page.getByLabel('Az Ön válasza').fill('A számla sorszáma 2026/1234.');
    await page.locator('#f-files').setInputFiles({
      name: 'számla.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1'),
    });
    await page.getByRole('button', { name: 'Válasz elküldése' }).click();
    await page.getByText('Megkaptuk a válaszát.').waitFor();
    await accessible(page);
    const events = await client.get<{
      events: { type: string; data: { channel?: string; attachments?: { name: string }[] } }[];
    }>('complaints', `/v1/complaints/${complaintId}/events`);
    const responded = events?.events.find((event) => event.type === 'CustomerResponded');
    expect(responded?.data.channel).toBe('web');
    expect(responded?.data.attachments?.map((a) => a.name)).toEqual(['számla.pdf']);

    await client.command(complaintId, 'resolve', {
      summary: 'A kétszer számlázott tételt jóváírtuk.',
      outcome: 'upheld',
      remedies: [{ type: 'refund', amount: { amount: '12.50', currency: 'EUR' } }],
      firstContact: false,
    });
    await statusShowing(page, 'A kétszer számlázott tételt jóváírtuk.');
    await accessible(page);
    await page
      .locator('section', { hasText: 'A panasz megoldásának elfogadása' })
      .getByRole('button')
      .click();
    await page.getByText('Válaszát rögzítettük.').waitFor();
    await statusShowing(page, 'Ön elfogadta a megoldást');
    const survey = page.locator('section', { hasText: 'Mennyire elégedett' });
    await survey.getByLabel('5').check();
    await survey.getByRole('button').click();
    await statusShowing(page, 'Ön értékelte az ügyintézést');
    const types = (
      await client.get<{ events: { type: string }[] }>('complaints', `/v1/complaints/${complaintId}/events`)
    )?.events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['ResolutionAccepted', 'SatisfactionRecorded']));
    // The link worked once.
    await page.goto(link);
    await page.getByRole('button', { name: 'Panaszom megnyitása' }).click();
    await page.getByText('Ezt a hivatkozást már felhasználták').waitFor();
    await context.close();
  });

  test('the form works without JavaScript, and one complaint’s page never shows another’s', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const first = `first.${Date.now()}@example.com`;
    const second = `second.${Date.now()}@example.com`;
    const firstReference = await file(
      page,
      'en',
      {
        name: 'Ada Lovelace',
        email: first,
        subject: 'First one',
      },
      false,
    );
    const secondReference = await file(
      page,
      'en',
      {
        name: 'Grace Hopper',
        email: second,
        subject: 'Second one',
      },
      false,
    );
    const secondId = await complaintIdOf(second);
    await client.command(secondId, 'add-note', { visibility: 'customer', text: 'A note for Grace only' });

    await page.goto(`${portal}/en/follow`);
    await page.locator('#f-reference').fill(firstReference);
    await page.locator('#f-contact').fill(first);
    await page.waitForTimeout(1_200);
    await page.locator('form button[type=submit]:not([name=action])').click();
    const mail = await mailTo(first, /Your link to follow your complaint/);
    const link = /https?:\/\/\S+\/portal\/en\/link\/\S+/.exec(mail.parsed.text ?? '')?.[0] ?? '';
    await page.goto(link);
    await page.getByRole('button', { name: 'Open my complaint' }).click();
    await page.waitForURL(/\/portal\/en\/status$/);
    await statusShowing(page, 'You filed the complaint');
    const html = await page.content();
    expect(html).toContain(firstReference);
    for (const foreign of [secondReference, 'Grace', 'Second one', 'A note for Grace only', second])
      expect(html).not.toContain(foreign);
    await context.close();
  });
  it('suggests typical questions while a Latvian customer types, and a vote files nothing', async () => {
    const tokens = await roleTokens(stack.secrets.jwtSecret);
    const loaded = await fetch(`${stack.urls.knowledge}/v1/starter-set`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.supervisor}` },
    });
    expect(loaded.status).toBe(200);
    const context = await browser.newContext({ locale: 'lv' });
    const page = await context.newPage();
    await page.goto(portal);
    await page.locator('.common summary').first().waitFor();
    await accessible(page);
    await page.goto(`${portal}/lv/complaint`);
    await page.locator('#f-subject').fill('Rēķins lielāks');
    await page.locator('#f-description').fill('Mans rēķins ir daudz lielāks nekā parasti.');
    // The script asks intake after a pause in typing and fills the block in.
    const first = page.locator('#suggestions summary').first();
    await first.waitFor();
    expect(await first.textContent()).toBe('Kāpēc mans rēķins ir lielāks nekā parasti?');
    await first.click();
    await accessible(page);
    await page.locator('#suggestions button').first().click();
    await page.waitForURL(/\/portal\/lv\/questions\/[0-9a-f-]+\/helped$/);
    expect(await page.getByRole('status').textContent()).toContain('Sūdzība nav iesniegta');
    const stats = await client.get<{ total: { helped: number } }>('knowledge', '/v1/stats/deflection');
    expect(stats?.total.helped).toBe(1);
    await context.close();
  });
});
