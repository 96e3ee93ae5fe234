import { FormClient, hiddenValue, type PortalHarness, startPortal } from './support/portal.js';

let h: PortalHarness;
beforeAll(async () => {
  h = await startPortal({ PORTAL_LIMIT_PER_EMAIL: '3', PORTAL_LIMIT_PER_ADDRESS: '1000' });
});
afterAll(() => h.close());

let counter = 0;
/** A filled-in form; each call has its own e-mail address (the per-e-mail limit is 3). */
function filled(overrides: Record<string, string> = {}): Record<string, string> {
  counter += 1;
  return {
    name: 'Kovács Anna',
    email: `anna.${counter}@example.hu`,
    phone: '',
    subject: 'Kétszer terhelték a kártyámat',
    description: 'A 1234-es rendelésért kétszer vonták le az összeget.',
    desiredOutcome: 'Kérem a második terhelés visszatérítését.',
    category: 'billing',
    consent: 'yes',
    website: '',
    ...overrides,
  };
}

/** Opens the form in a language, waits the minimum fill time, and sends it. */
async function file(form: Record<string, string>, language = 'hu', client = new FormClient(h.url)) {
  const page = await client.get(`/portal/${language}/complaint`);
  const token = hiddenValue(page.html, 'token');
  h.advance(5_000);
  return client.post(`/portal/${language}/complaint`, { token, ...form });
}

/** Complaints filed so far, by the complaints service's own feed of events. */
async function filedCount(): Promise<number> {
  return [...(await h.complaints.filed()).values()].reduce((sum, n) => sum + n, 0);
}

describe('the portal: file a complaint', () => {
  it('serves the form in six languages with a strict CSP, a CSRF cookie and a token', async () => {
    for (const [language, heading] of [
      ['en', 'File a complaint'],
      ['uk', 'Подати скаргу'],
      ['ru', 'Подать жалобу'],
      ['hu', 'Panasz benyújtása'],
      ['lv', 'Iesniegt sūdzību'],
      ['ro', 'Depuneți o reclamație'],
    ] as const) {
      const { res, html } = await new FormClient(h.url).get(`/portal/${language}/complaint`);
      expect(res.status).toBe(200);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(heading);
      expect(res.headers.get('content-security-policy')).toMatch(
        /script-src 'self'; connect-src 'self'; style-src 'self'/,
      );
      expect(html).not.toMatch(/<script>|<style>| on[a-z]+=/);
      expect(res.headers.getSetCookie().join()).toMatch(/chp_portal_csrf=.*HttpOnly.*SameSite=Strict/i);
    }
    const home = await new FormClient(h.url).get('/portal', { 'accept-language': 'lv-LV,lv;q=0.9' });
    expect(home.res.status).toBe(200);
    expect(home.html).toContain('<a href="/portal/lv/complaint">Iesniegt sūdzību</a>');
  });

  it('files a complaint in Hungarian and answers with the reference and the date', async () => {
    const before = await filedCount();
    const { res, html } = await file(filled());
    expect(res.status).toBe(200);
    expect(html).toContain('Megkaptuk a panaszát');
    const reference = /class="reference">(C-[0-9A-Z]{4}-[0-9A-Z]{4})</.exec(html)?.[1];
    expect(reference).toBeDefined();
    expect(html).toMatch(/visszaigazoljuk, hogy foglalkozunk vele: \d{4}\. [a-zéáőúöüóí]+ \d{1,2}\./);
    expect(await filedCount()).toBe(before + 1);
    const complaintId = await h.deps.ledger.complaintIdOf(reference ?? '');
    const filed = (await h.complaints.eventsOf(complaintId ?? '')).find(
      (event) => event.type === 'ComplaintFiled',
    );
    expect(filed?.data).toMatchObject({
      channel: 'web',
      customer: { name: 'Kovács Anna', preferredLanguage: 'hu' },
      category: 'billing',
      desiredOutcome: 'Kérem a második terhelés visszatérítését.',
    });
  });

  it('files the same form once when it is sent twice (a double click, a reload)', async () => {
    const client = new FormClient(h.url);
    const page = await client.get('/portal/en/complaint');
    const token = hiddenValue(page.html, 'token');
    h.advance(5_000);
    const form = { token, ...filled() };
    const before = await filedCount();
    const first = await client.post('/portal/en/complaint', form);
    const second = await client.post('/portal/en/complaint', form);
    const referenceOf = (html: string) => /class="reference">([^<]+)</.exec(html)?.[1];
    expect(referenceOf(second.html)).toBe(referenceOf(first.html));
    expect(await filedCount()).toBe(before + 1);
  });

  it('takes files with the form (multipart), judged by content, referenced by id in ComplaintFiled', async () => {
    const client = new FormClient(h.url);
    const page = await client.get('/portal/hu/complaint');
    expect(page.html).toContain('enctype="multipart/form-data"');
    const token = hiddenValue(page.html, 'token');
    h.advance(5_000);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0x90)]);
    const before = await filedCount();
    const refused = await client.postMultipart('/portal/hu/complaint', { token, ...filled() }, [
      { name: 'számla.pdf', bytes: exe },
    ]);
    expect([
      refused.res.status,
      refused.html.includes('számla.pdf: program, ezt nem fogadhatjuk el.'),
    ]).toEqual([400, true]);
    expect(await filedCount()).toBe(before);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    const form = { token, ...filled() };
    const files = [{ name: 'számla.pdf', bytes: pdf }];
    const filed = await client.postMultipart('/portal/hu/complaint', form, files);
    expect(filed.res.status).toBe(200);
    // The same form with the same file again (a reload): the same complaint, no conflict.
    const again = await client.postMultipart('/portal/hu/complaint', form, files);
    expect(again.res.status).toBe(200);
    const reference = /class="reference">([^<]+)</.exec(filed.html)?.[1] ?? '';
    expect(/class="reference">([^<]+)</.exec(again.html)?.[1]).toBe(reference);
    const complaintId = (await h.deps.ledger.complaintIdOf(reference)) ?? '';
    const event = (await h.complaints.eventsOf(complaintId)).find((e) => e.type === 'ComplaintFiled');
    expect(event?.data).toMatchObject({
      attachments: [{ name: 'számla.pdf', contentType: 'application/pdf', sizeBytes: pdf.length }],
    });
    expect(await filedCount()).toBe(before + 1);
  });

  it('accepts a phone number without an e-mail address', async () => {
    const { res } = await file(filled({ email: '', phone: '+36 1 234 5678' }), 'ro');
    expect(res.status).toBe(200);
  });
});

type Case = [string, () => Promise<{ res: Response; html: string }>, number, string];

const script = '<script>alert(1)</script>';
const fieldCases = (['name', 'subject', 'description', 'desiredOutcome', 'email', 'phone'] as const).map(
  (name): Case => [
    `script in ${name}`,
    () => file(filled({ [name]: `x ${script}` }), 'hu'),
    400,
    'Kérjük, távolítsa el a HTML-jelölést',
  ],
);

const cases: Case[] = [
  ...fieldCases,
  ['missing name', () => file(filled({ name: '' }), 'en'), 400, 'Your name: Please fill in this field.'],
  ['missing subject', () => file(filled({ subject: '   ' }), 'uk'), 400, 'Будь ласка, заповніть це поле.'],
  [
    'missing description',
    () => file(filled({ description: '' }), 'ru'),
    400,
    'Пожалуйста, заполните это поле.',
  ],
  [
    'no e-mail and no phone',
    () => file(filled({ email: '', phone: '' }), 'lv'),
    400,
    'Lūdzu, norādiet e-pasta adresi vai tālruņa numuru.',
  ],
  [
    'a malformed e-mail address',
    () => file(filled({ email: 'anna@@example' }), 'ro'),
    400,
    'Aceasta nu este o adresă de e-mail validă.',
  ],
  [
    'a malformed phone number',
    () => file(filled({ phone: '12' }), 'hu'),
    400,
    'Ez nem érvényes telefonszám.',
  ],
  [
    'a subject over 200 characters',
    () => file(filled({ subject: 'x'.repeat(201) }), 'en'),
    400,
    'This is too long.',
  ],
  [
    'a description over 20,000 characters',
    () => file(filled({ description: 'x'.repeat(20_001) }), 'en'),
    400,
    'This is too long.',
  ],
  [
    'a body over 64 KB',
    () => file(filled({ description: 'x'.repeat(70_000) }), 'lv'),
    413,
    'Teksts ir pārāk garš.',
  ],
  [
    'a category not on the list',
    () => file(filled({ category: 'secret-admin' }), 'uk'),
    400,
    'Будь ласка, виберіть категорію зі списку.',
  ],
  [
    'no consent',
    () => file(filled({ consent: '' }), 'hu'),
    400,
    'Kérjük, fogadja el az adatkezelési tájékoztatót',
  ],
  [
    'the honeypot filled in',
    () => file(filled({ website: 'http://spam.example' }), 'en'),
    400,
    'leave the last field empty',
  ],
  [
    'sent too fast',
    async () => {
      const client = new FormClient(h.url);
      const page = await client.get('/portal/lv/complaint');
      return client.post('/portal/lv/complaint', { token: hiddenValue(page.html, 'token'), ...filled() });
    },
    400,
    'Veidlapa tika nosūtīta pārāk ātri.',
  ],
  [
    'a form older than two hours',
    async () => {
      const client = new FormClient(h.url);
      const page = await client.get('/portal/ro/complaint');
      h.advance(3 * 3_600_000);
      return client.post('/portal/ro/complaint', { token: hiddenValue(page.html, 'token'), ...filled() });
    },
    400,
    'Formularul a expirat.',
  ],
  [
    'CSRF: no token',
    async () => {
      const client = new FormClient(h.url);
      await client.get('/portal/en/complaint');
      h.advance(5_000);
      return client.post('/portal/en/complaint', filled());
    },
    403,
    'Your form could not be verified.',
  ],
  [
    'CSRF: a token without its cookie (another site posting)',
    async () => {
      const client = new FormClient(h.url);
      const page = await client.get('/portal/en/complaint');
      client.forget('chp_portal_csrf');
      h.advance(5_000);
      return client.post('/portal/en/complaint', { token: hiddenValue(page.html, 'token'), ...filled() });
    },
    403,
    'Your form could not be verified.',
  ],
  [
    'CSRF: a forged token',
    async () => {
      const client = new FormClient(h.url);
      const page = await client.get('/portal/hu/complaint');
      const [issued, id] = hiddenValue(page.html, 'token').split('.');
      h.advance(5_000);
      return client.post('/portal/hu/complaint', {
        token: `${Number(issued) - 60_000}.${id}.AAAA`,
        ...filled(),
      });
    },
    403,
    'Az űrlapot nem sikerült ellenőrizni.',
  ],
  [
    'a fourth filing naming one e-mail address within the hour',
    async () => {
      const form = filled();
      for (let i = 0; i < 3; i += 1)
        expect((await file({ ...form, subject: `attempt ${i}` })).res.status).toBe(200);
      return file({ ...form, subject: 'attempt 4' }, 'en');
    },
    429,
    'Too many attempts.',
  ],
  [
    'an unknown language',
    () => new FormClient(h.url).get('/portal/xx/complaint'),
    404,
    'This page does not exist.',
  ],
];

describe('the portal refuses bad input with a clear message in the page’s language and files nothing', () => {
  it.each(cases)('%s', async (_name, act, status, message) => {
    const before = await filedCount();
    const { res, html } = await act();
    expect(res.status).toBe(status);
    if (message) expect(html).toContain(message);
    // The script never comes back unescaped, the values typed are kept (escaped).
    expect(html).not.toContain('<script>alert');
    const after = await filedCount();
    // The per-e-mail case files three before it is refused.
    expect(after - before).toBe(status === 429 ? 3 : 0);
  });

  it('keeps the values typed and puts each error next to its field', async () => {
    const { html } = await file(
      filled({ name: '', email: 'not-an-address', subject: '"quoted" & <b' }),
      'en',
    );
    expect(html).toMatch(/<p class="error" id="f-name-error">Please fill in this field.<\/p>/);
    expect(html).toMatch(
      /id="f-email-error">This is not a valid e-mail address.<\/p>\s*<input type="email" id="f-email"[^>]*aria-invalid="true" value="not-an-address">/,
    );
    expect(html).toContain('value="&quot;quoted&quot; &amp; &lt;b"');
  });
});
