// Deflection against the real knowledge service (its own process on PGlite, its starter set loaded)
// and intake's portal: the filing form suggests typical questions in the page's language, "this
// answered my question" is recorded at knowledge without filing, and with knowledge down the form
// files as before.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@chp/platform';
import { freePort, type ServiceProcess, startServiceProcess } from '@chp/testing';
import { JWT_SECRET } from './support/intake.js';
import { FormClient, hiddenValue, type PortalHarness, startPortal } from './support/portal.js';

let h: PortalHarness;
let knowledge: ServiceProcess | undefined;
let knowledgeUrl: string;
const latvianQuestion = 'Kāpēc mans rēķins ir lielāks nekā parasti?';

const asRole = (role: 'admin' | 'supervisor') =>
  signToken({ secret: JWT_SECRET, subject: `${role}-deflection-test`, roles: [role] });

async function deflectionStats(): Promise<{ total: { shown: number; helped: number } }> {
  const res = await fetch(`${knowledgeUrl}/v1/stats/deflection`, {
    headers: { authorization: `Bearer ${await asRole('supervisor')}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: { shown: number; helped: number } };
}

beforeAll(async () => {
  const port = await freePort();
  knowledgeUrl = `http://127.0.0.1:${port}`;
  h = await startPortal({
    KNOWLEDGE_URL: knowledgeUrl,
    PORTAL_LIMIT_PER_ADDRESS: '1000',
    PORTAL_LIMIT_PER_EMAIL: '1000',
  });
  const data = mkdtempSync(join(tmpdir(), 'chp-deflection-knowledge-'));
  knowledge = await startServiceProcess({
    service: 'knowledge',
    port,
    env: {
      ...h.natsServer.serviceEnv('knowledge'),
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      EVENT_STORE_URL: `pglite://${join(data, 'store')}`,
      READ_MODEL_URL: `pglite://${join(data, 'read')}`,
    },
  });
  const loaded = await fetch(`${knowledgeUrl}/v1/starter-set`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await asRole('admin')}` },
  });
  expect(loaded.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await knowledge?.stop();
  await h?.close();
});

const typed = {
  name: 'Anna Bērziņa',
  email: 'anna.berzina@example.lv',
  subject: 'Rēķins šomēnes lielāks',
  description: 'Mans rēķins par novembri ir daudz lielāks nekā parasti, lai gan patēriņš nav mainījies.',
  consent: 'yes',
};

describe('the portal suggests typical questions before filing', () => {
  it('the start page lists the published questions of the visitor’s language', async () => {
    const page = await new FormClient(h.url).get('/portal', { 'accept-language': 'lv' });
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('Biežāk uzdotie jautājumi');
    expect(page.html).toContain(latvianQuestion);
    expect(page.html).not.toContain('Why is my bill higher than usual?');
  });

  it('“check for answers first” shows the Latvian starter question for Latvian text and files nothing', async () => {
    const client = new FormClient(h.url);
    const form = await client.get('/portal/lv/complaint');
    const token = hiddenValue(form.html, 'token');
    const before = await deflectionStats();
    // At once, without JavaScript: the check is not held to the minimum fill time.
    const checked = await client.post('/portal/lv/complaint', { token, ...typed, action: 'check' });
    expect(checked.res.status).toBe(200);
    expect(checked.html).toContain('Šīs atbildes var palīdzēt');
    expect(checked.html).toContain(latvianQuestion);
    expect(checked.html).not.toContain('class="reference"');
    // The values are kept and the token too: the customer can still file from here.
    expect(checked.html).toContain('value="Rēķins šomēnes lielāks"');
    expect(hiddenValue(checked.html, 'token')).toBe(token);
    expect((await deflectionStats()).total.shown).toBeGreaterThan(before.total.shown);
  });

  it('the script’s route answers the same suggestions as JSON, from intake’s own origin', async () => {
    const text = `${typed.subject} ${typed.description}`;
    const res = await fetch(`${h.url}/portal/lv/suggestions?${new URLSearchParams({ text })}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; question: string; answer: string }[] };
    expect(body.items.map((item) => item.question)).toContain(latvianQuestion);
    const bad = await fetch(`${h.url}/portal/xx/suggestions?text=abc`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('“this answered my question” records the vote at knowledge and thanks without filing', async () => {
    const client = new FormClient(h.url);
    const form = await client.get('/portal/lv/complaint');
    const checked = await client.post('/portal/lv/complaint', {
      token: hiddenValue(form.html, 'token'),
      ...typed,
      action: 'check',
    });
    const action = /action="(\/portal\/lv\/questions\/[0-9a-f-]{36}\/helped)"/.exec(checked.html)?.[1];
    expect(action).toBeDefined();
    const before = await deflectionStats();
    const voted = await client.post(action ?? '', { token: hiddenValue(checked.html, 'token') });
    expect(voted.res.status).toBe(200);
    expect(voted.html).toContain('Sūdzība nav iesniegta');
    expect((await deflectionStats()).total.helped).toBe(before.total.helped + 1);
    // Without the form's CSRF cookie the vote is refused and not counted.
    const forged = await new FormClient(h.url).post(action ?? '', {
      token: hiddenValue(checked.html, 'token'),
    });
    expect(forged.res.status).toBe(403);
    expect((await deflectionStats()).total.helped).toBe(before.total.helped + 1);
  });
});

describe('with knowledge down', () => {
  beforeAll(async () => {
    await knowledge?.stop();
    knowledge = undefined;
  });

  it('the form shows no suggestions and still files the complaint', async () => {
    const client = new FormClient(h.url);
    const start = await client.get('/portal', { 'accept-language': 'lv' });
    expect(start.res.status).toBe(200);
    expect(start.html).not.toContain(latvianQuestion);
    const form = await client.get('/portal/lv/complaint');
    const token = hiddenValue(form.html, 'token');
    const checked = await client.post('/portal/lv/complaint', { token, ...typed, action: 'check' });
    expect(checked.res.status).toBe(200);
    expect(checked.html).toContain('Gatavu atbildi neatradām');
    const suggestions = await fetch(
      `${h.url}/portal/lv/suggestions?text=${encodeURIComponent(typed.subject)}`,
    );
    expect(await suggestions.json()).toEqual({ items: [] });
    h.advance(5_000);
    const filed = await client.post('/portal/lv/complaint', { token, ...typed });
    expect(filed.res.status).toBe(200);
    expect(filed.html).toMatch(/class="reference">C-[0-9A-Z]{4}-[0-9A-Z]{4}</);
  });
});
