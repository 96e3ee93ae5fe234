import { type PortalLinkRequested, portalLinkRequestedSchema, subjects } from '@chp/contracts';
import type { Subscription } from '@nats-io/transport-node';
import { FormClient, hiddenValue, type PortalHarness, startPortal } from './support/portal.js';

let h: PortalHarness;
let requested: PortalLinkRequested[];
let subscription: Subscription;
beforeAll(async () => {
  h = await startPortal({ PORTAL_LIMIT_PER_ADDRESS: '1000', PORTAL_LIMIT_PER_EMAIL: '1000' });
  requested = [];
  // Notifications' side of the subject: every link intake asks to send.
  subscription = h.nc.subscribe(subjects.intake.portalLinkRequested, {
    callback: (_error, message) => {
      requested.push(portalLinkRequestedSchema.parse(message.json()));
    },
  });
  await h.nc.flush();
});
afterAll(async () => {
  subscription.unsubscribe();
  await h.close();
});

const until = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

let counter = 0;
/** Files through the portal; the reference and complaint id, once the portal's view has it. */
async function fileComplaint(language = 'hu', extra: Record<string, string> = {}) {
  counter += 1;
  const email = `follow.${counter}.${Date.now()}@example.hu`;
  const client = new FormClient(h.url);
  const page = await client.get(`/portal/${language}/complaint`);
  h.advance(5_000);
  const { html } = await client.post(`/portal/${language}/complaint`, {
    token: hiddenValue(page.html, 'token'),
    name: 'Kovács Anna',
    email,
    subject: `Hibás számla ${counter}`,
    description: 'A novemberi számlám kétszer tartalmazza ugyanazt a tételt.',
    consent: 'yes',
    ...extra,
  });
  const reference = /class="reference">([^<]+)</.exec(html)?.[1] ?? '';
  const complaintId = (await h.deps.ledger.complaintIdOf(reference)) ?? '';
  return { reference, complaintId, email };
}

/** Asks for a link; the page's text and the links sent since. */
async function follow(reference: string, contact: string, language = 'hu') {
  const client = new FormClient(h.url);
  const page = await client.get(`/portal/${language}/follow`);
  h.advance(5_000);
  const before = requested.length;
  const started = performance.now();
  const answer = await client.post(`/portal/${language}/follow`, {
    token: hiddenValue(page.html, 'token'),
    reference,
    contact,
  });
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { ...answer, ms, sent: requested.slice(before) };
}

/** Follows a complaint to its status page in a fresh browser: the client with its session. */
async function openStatus(reference: string, email: string, language = 'hu') {
  const { sent } = await until('the view', async () => {
    const attempt = await follow(reference, email, language);
    return attempt.sent.length > 0 ? attempt : undefined;
  });
  const url = new URL(sent[0]?.url ?? '');
  const client = new FormClient(h.url);
  const button = await client.get(url.pathname);
  expect(button.res.status).toBe(200);
  const used = await client.post(url.pathname, { token: hiddenValue(button.html, 'token') });
  expect([used.res.status, used.res.headers.get('location')]).toEqual([303, `/portal/${language}/status`]);
  expect(used.res.headers.getSetCookie().join()).toMatch(/chp_portal_session=.*HttpOnly.*SameSite=Strict/i);
  return { client, path: url.pathname, button };
}

const statusOf = (client: FormClient, language = 'hu') => client.get(`/portal/${language}/status`);

/** Waits until the status page shows a text (the projection follows COMPLAINTS). */
const statusShowing = (client: FormClient, text: string, language = 'hu') =>
  until(`"${text}" on the status page`, async () => {
    const page = await statusOf(client, language);
    return page.html.includes(text) ? page : undefined;
  });

async function act(client: FormClient, action: string, form: Record<string, string>, language = 'hu') {
  const page = await statusOf(client, language);
  return client.post(`/portal/${language}/status/${action}`, {
    token: hiddenValue(page.html, 'token'),
    ...form,
  });
}

describe('the portal: follow my complaint', () => {
  it('answers alike for a match, an unknown reference and a wrong e-mail, and sends a link only for the match', async () => {
    const c = await fileComplaint();
    await until('the view', async () => {
      const attempt = await follow(c.reference, c.email);
      return attempt.sent.length > 0 ? attempt : undefined;
    });
    const match = await follow(c.reference, c.email.toUpperCase());
    const wrongEmail = await follow(c.reference, 'someone.else@example.hu');
    const unknown = await follow('C-7KX2-9QMG', c.email);
    expect(match.sent).toHaveLength(1);
    expect(match.sent[0]).toMatchObject({
      complaintId: c.complaintId,
      reference: c.reference,
      language: 'hu',
    });
    expect([wrongEmail.sent, unknown.sent]).toEqual([[], []]);
    const text = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(text(wrongEmail.html)).toBe(text(match.html));
    expect(text(unknown.html)).toBe(text(match.html));
    expect([match.res.status, wrongEmail.res.status, unknown.res.status]).toEqual([200, 200, 200]);
  });

  it('opens the status page once per link, in a short HttpOnly session, and never shows internal notes', async () => {
    const c = await fileComplaint();
    const other = await fileComplaint('hu', { subject: 'Egy másik ügyfél panasza' });
    const { client, path, button } = await openStatus(c.reference, c.email);
    const page = await statusShowing(client, 'Ön benyújtotta a panaszt');
    expect(page.html).toContain(c.reference);
    expect(page.html).toContain('Beérkezett');
    expect(page.html).toMatch(/Legkésőbb ezen a napon visszaigazoljuk a panaszát: \d{4}\. /);

    // The link was used: a second use (another browser) is refused.
    const again = new FormClient(h.url);
    const second = await again.get(path);
    const reuse = await again.post(path, { token: hiddenValue(second.html, 'token') });
    expect(reuse.res.status).toBe(410);
    expect(reuse.html).toContain('Ezt a hivatkozást már felhasználták');
    expect(button.html).toContain('Panaszom megnyitása');

    await h.complaints.command(c.complaintId, 'AcknowledgeComplaint', {});
    await h.complaints.command(c.complaintId, 'AddNote', {
      visibility: 'internal',
      text: 'Belső: ügyfél VIP',
    });
    await h.complaints.command(c.complaintId, 'AddNote', {
      visibility: 'customer',
      text: 'Vizsgáljuk a számlát.',
    });
    await h.complaints.command(c.complaintId, 'AssignComplaint', {
      team: 'billing',
      assigneeId: 'agent-7',
      assigneeName: 'Szabó Péter',
    } as never);
    const later = await statusShowing(client, 'Vizsgáljuk a számlát.');
    expect(later.html).toContain('Visszaigazoltuk a panaszát');
    expect(later.html).not.toContain('Belső: ügyfél VIP');
    expect(later.html).not.toContain('Szabó Péter');
    expect(later.html).not.toContain(other.reference);
    expect(later.html).not.toContain('Egy másik ügyfél panasza');
  });

  it('takes an answer to a request for information as the customer’s response, then accepts and rates the resolution', async () => {
    const c = await fileComplaint();
    const { client } = await openStatus(c.reference, c.email);
    await h.complaints.command(c.complaintId, 'AcknowledgeComplaint', {});
    await h.complaints.command(c.complaintId, 'RequestCustomerInformation', {
      question: 'Kérjük, küldje el a számla sorszámát.',
    });
    await statusShowing(client, 'Kérjük, küldje el a számla sorszámát.');
    // Files are judged by their content: a program named .pdf, an archive, too many files.
    const page = async () => hiddenValue((await statusOf(client)).html, 'token');
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    const refusals: [{ name: string; bytes: Uint8Array }[], string][] = [
      [
        [{ name: 'szamla.pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]) }],
        'szamla.pdf: program',
      ],
      [
        [{ name: 'iratok.zip', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(60)]) }],
        'iratok.zip: tömörített fájl',
      ],
      [
        [{ name: '../../etc/passwd', bytes: Buffer.from([0, 1, 2, 0xff, 0xfe, 7, 7, 7]) }],
        'passwd: típusát nem fogadhatjuk el',
      ],
      [
        Array.from({ length: 11 }, (_, i) => ({ name: `lap${i}.pdf`, bytes: pdf })),
        'Egyszerre legfeljebb 10 fájlt küldhet.',
      ],
    ];
    for (const [files, message] of refusals) {
      const refused = await client.postMultipart(
        '/portal/hu/status/reply',
        { token: await page(), message: 'Csatolom.' },
        files,
      );
      expect([refused.res.status, refused.html.includes(message)]).toEqual([400, true]);
    }
    expect((await h.complaints.eventsOf(c.complaintId)).map((event) => event.type)).not.toContain(
      'CustomerResponded',
    );
    const reply = await client.postMultipart(
      '/portal/hu/status/reply',
      { token: await page(), message: 'A számla sorszáma: 2026/1234.' },
      [{ name: 'számla.pdf', bytes: pdf }],
    );
    expect(reply.res.status).toBe(200);
    expect(reply.html).toContain('Megkaptuk a válaszát.');
    const events = await h.complaints.eventsOf(c.complaintId);
    const responded = events.find((event) => event.type === 'CustomerResponded');
    expect(responded?.data).toMatchObject({ message: 'A számla sorszáma: 2026/1234.', channel: 'web' });
    expect(responded?.data).toHaveProperty('requestId');
    expect(responded?.data).toMatchObject({
      attachments: [{ name: 'számla.pdf', contentType: 'application/pdf', sizeBytes: pdf.length }],
    });

    await h.complaints.command(c.complaintId, 'ResolveComplaint', {
      summary: 'A kétszer számlázott tételt jóváírtuk.',
      outcome: 'upheld',
      remedies: [{ type: 'refund', amount: { amount: '12.50', currency: 'EUR' } }],
      firstContact: false,
    });
    const resolved = await statusShowing(client, 'A kétszer számlázott tételt jóváírtuk.');
    expect(resolved.html).toContain('Megalapozott');
    expect(resolved.html).toContain('Visszatérítés 12.50 EUR');
    expect((await act(client, 'accept', { comment: 'Köszönöm' })).res.status).toBe(200);
    await statusShowing(client, 'Ön elfogadta a megoldást');
    expect((await act(client, 'rate', { score: '5' })).res.status).toBe(200);
    await statusShowing(client, 'Ön értékelte az ügyintézést');
    const types = (await h.complaints.eventsOf(c.complaintId)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['ResolutionAccepted', 'SatisfactionRecorded']));
  });

  it('refuses forged and expired links, a status page without a session, and a form without its CSRF token', async () => {
    const c = await fileComplaint('en');
    const { client, path } = await openStatus(c.reference, c.email, 'en');
    const [linkId, expires] = (path.split('/').at(-1) ?? '').split('.');
    const forged = await new FormClient(h.url).get(`/portal/en/link/${linkId}.${Number(expires) + 1}.AAAA`);
    expect([forged.res.status, forged.html.includes('This link is not valid.')]).toEqual([403, true]);
    const garbage = await new FormClient(h.url).get('/portal/en/link/not-a.link.at-all');
    expect(garbage.res.status).toBe(403);

    const noSession = await new FormClient(h.url).get('/portal/en/status');
    expect([noSession.res.status, noSession.html.includes('Your session has ended.')]).toEqual([401, true]);

    const withoutToken = await client.post('/portal/en/status/accept', { comment: 'yes' });
    expect([withoutToken.res.status, withoutToken.html.includes('Your form could not be verified.')]).toEqual(
      [403, true],
    );

    // A fresh link, expired before use.
    const fresh = await follow(c.reference, c.email, 'en');
    const freshPath = new URL(fresh.sent[0]?.url ?? '').pathname;
    h.advance(31 * 60_000);
    const expired = await new FormClient(h.url).get(freshPath);
    expect([expired.res.status, expired.html.includes('This link has been used or has expired.')]).toEqual([
      410,
      true,
    ]);
    // And the session of the first link ended with the same 30 minutes.
    expect((await statusOf(client, 'en')).res.status).toBe(401);
    expect(await h.complaints.eventsOf(c.complaintId)).not.toContainEqual(
      expect.objectContaining({ type: 'ResolutionAccepted' }),
    );
  });
});
