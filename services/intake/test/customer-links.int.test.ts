import { intakeAnswerSchema } from '@chp/contracts';
import { type CustomerLinkAction, signCustomerLink } from '@chp/platform';
import { type IntakeHarness, LINK_SECRET, startIntake, submission } from './support/intake.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h.close());

interface Resolved {
  complaintId: string;
  reference: string;
  /** The latest resolution's id, which its links carry. */
  resolutionId: string;
}

/** The id of the complaint's latest resolution (its `ComplaintResolved` carries it). */
async function latestResolutionId(complaintId: string): Promise<string> {
  const resolved = (await h.complaints.eventsOf(complaintId)).filter((e) => e.type === 'ComplaintResolved');
  const id = (resolved.at(-1)?.data as { resolutionId?: string } | undefined)?.resolutionId;
  if (id === undefined) throw new Error('the resolution carries no id');
  return id;
}

const resolution = () => ({
  summary: 'Refunded the second charge.',
  outcome: 'upheld' as const,
  remedies: [],
  firstContact: false,
});

/** Files a complaint through intake, then acknowledges and resolves it as an agent would. */
async function resolvedComplaint(): Promise<Resolved> {
  const res = await h.post('/v1/complaints', submission());
  const { complaintId, reference } = intakeAnswerSchema.parse(await res.json());
  await h.complaints.command(complaintId, 'AcknowledgeComplaint', {});
  await h.complaints.command(complaintId, 'ResolveComplaint', { ...resolution(), firstContact: true });
  return { complaintId, reference, resolutionId: await latestResolutionId(complaintId) };
}

const tokenFor = (
  c: Resolved,
  action: CustomerLinkAction,
  language = 'en',
  expiresAt = new Date(Date.now() + 86_400_000),
) => signCustomerLink({ secret: LINK_SECRET, ...c, action, language, expiresAt });

const get = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/v1/customer-links/${token}`, { headers });
const post = (token: string, form: Record<string, string>) =>
  fetch(`${h.url}/v1/customer-links/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
const typesOf = async (id: string) => (await h.complaints.eventsOf(id)).map((e) => e.type);

describe('customer links', () => {
  it('shows a localized survey page and records the score once, twice harmlessly', async () => {
    const c = await resolvedComplaint();
    const token = tokenFor(c, 'survey', 'uk');
    const page = await get(token);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('lang="uk"');
    expect(html).toContain('Наскільки ви задоволені');
    expect(html).toContain(c.reference);

    expect((await post(token, { score: '4', comment: '<script>alert(1)</script> fine' })).status).toBe(200);
    expect((await post(token, { score: '4', comment: '<script>alert(1)</script> fine' })).status).toBe(200);
    const events = (await h.complaints.eventsOf(c.complaintId)).filter(
      (e) => e.type === 'SatisfactionRecorded',
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ score: 4 });
  });

  it('shows what the customer acts on: outcome, summary and remedies in the link language, escaped', async () => {
    const res = await h.post('/v1/complaints', submission());
    const { complaintId, reference } = intakeAnswerSchema.parse(await res.json());
    const other = await resolvedComplaint();
    await h.complaints.command(complaintId, 'AcknowledgeComplaint', {});
    await h.complaints.command(complaintId, 'ResolveComplaint', {
      summary: 'Atmaksājām otro maksājumu.\n<script>alert(1)</script> & "citi"',
      outcome: 'partially_upheld',
      remedies: [
        { type: 'refund', amount: { amount: '49.99', currency: 'EUR' } },
        { type: 'other', description: 'Bezmaksas piegāde <b>nākamreiz</b>' },
      ],
      firstContact: false,
    });
    const c = { complaintId, reference, resolutionId: await latestResolutionId(complaintId) };
    for (const action of ['accept', 'reject', 'survey'] as const) {
      const page = await get(tokenFor(c, action, 'lv'));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h2 id="decision">Mūsu lēmums</h2>');
      expect(html).toContain('Mēs atzīstam jūsu sūdzību par daļēji pamatotu.');
      expect(html).toContain(
        'Atmaksājām otro maksājumu.\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;citi&quot;',
      );
      expect(html).toContain('Lai labotu situāciju, mēs piedāvājam:');
      expect(html).toContain(
        `Naudas atmaksu: ${new Intl.NumberFormat('lv-LV', { style: 'currency', currency: 'EUR' }).format(49.99)}`,
      );
      expect(html).toContain(
        'Citu risinājumu: <span class="summary">Bezmaksas piegāde &lt;b&gt;nākamreiz&lt;/b&gt;</span>',
      );
      expect(html).not.toContain('<script>');
      // Only this complaint's resolution: not another customer's.
      expect(html).not.toContain(other.reference);
      expect(html).not.toContain('Refunded the second charge.');
    }
    // The other complaint's own link shows its own resolution, in English.
    const theirs = await (await get(tokenFor(other, 'accept'))).text();
    expect(theirs).toContain('We uphold your complaint.');
    expect(theirs).toContain('Refunded the second charge.');
    expect(theirs).not.toContain('Atmaksājām');
  });

  it('shows the expired page for a superseded or revoked link before the customer types anything', async () => {
    const c = await resolvedComplaint();
    await h.complaints.command(c.complaintId, 'ReopenComplaint', { reason: 'More to do.' });
    await h.complaints.command(c.complaintId, 'ResolveComplaint', {
      ...resolution(),
      summary: 'Second look.',
    });
    const superseded = await get(tokenFor(c, 'accept'));
    expect(superseded.status).toBe(410);
    const page = await superseded.text();
    expect(page).toContain('expired');
    expect(page).not.toContain('Second look.');
    const second = { ...c, resolutionId: await latestResolutionId(c.complaintId) };
    expect(await (await get(tokenFor(second, 'accept'))).text()).toContain('Second look.');
    const revoke = { reason: 'Sent to a wrong address.' };
    expect(
      (await h.complaints.send(c.complaintId, 'RevokeCustomerLinks', revoke, ['supervisor'])).status,
    ).toBe(200);
    expect((await get(tokenFor(second, 'accept'))).status).toBe(410);
  });

  it('refuses a score out of range without changing anything', async () => {
    const c = await resolvedComplaint();
    const before = await typesOf(c.complaintId);
    expect((await post(tokenFor(c, 'survey'), { score: '9' })).status).toBe(400);
    expect(await typesOf(c.complaintId)).toEqual(before);
  });

  it('accepts a resolution; the same link again is harmless', async () => {
    const c = await resolvedComplaint();
    const token = tokenFor(c, 'accept', 'ro');
    expect(await (await get(token)).text()).toContain('Acceptați');
    const first = await post(token, {});
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Vă mulțumim');
    const again = await post(token, { comment: 'Another comment.' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('deja folosit');
    expect((await typesOf(c.complaintId)).filter((t) => t === 'ResolutionAccepted')).toHaveLength(1);
  });

  it('rejects a resolution with a reason; a second use changes nothing', async () => {
    const c = await resolvedComplaint();
    const token = tokenFor(c, 'reject', 'hu');
    expect((await post(token, {})).status).toBe(400);
    expect((await post(token, { reason: 'The refund never arrived.' })).status).toBe(200);
    const after = await typesOf(c.complaintId);
    expect(after).toContain('ResolutionRejected');
    // The same answer through the same link is the same command: complaints records it once.
    expect((await post(token, { reason: 'The refund never arrived.' })).status).toBe(200);
    // One decision per link: another reason is still the link's one command, and changes nothing;
    // the page says the first answer stands.
    const other = await post(token, { reason: 'Something else.' });
    expect(other.status).toBe(200);
    expect(await other.text()).toContain('már használták');
    expect(await typesOf(c.complaintId)).toEqual(after);
  });

  it('a used reject link cannot reject the next resolution (attack: a new reason, once a new command)', async () => {
    const c = await resolvedComplaint();
    const firstReject = tokenFor(c, 'reject');
    expect((await post(firstReject, { reason: 'The refund never arrived.' })).status).toBe(200);
    await h.complaints.command(c.complaintId, 'ResolveComplaint', resolution());
    const before = await typesOf(c.complaintId);
    // The link's one command was applied: a new reason is the same command, and appends nothing.
    const reused = await post(firstReject, { reason: 'Reject the second one too.' });
    expect(await reused.text()).toContain('already used');
    await post(firstReject, { reason: 'And the third.' });
    expect(await typesOf(c.complaintId)).toEqual(before);
    expect(before.filter((t) => t === 'ResolutionRejected')).toHaveLength(1);
  });

  it('the links of a superseded resolution show the expired page and act on nothing', async () => {
    const c = await resolvedComplaint();
    // An agent reopens and resolves again: resolution #1's links, never used, are superseded.
    await h.complaints.command(c.complaintId, 'ReopenComplaint', { reason: 'More to do.' });
    await h.complaints.command(c.complaintId, 'ResolveComplaint', resolution());
    const before = await typesOf(c.complaintId);
    const reused = await post(tokenFor(c, 'reject'), { reason: 'Reject the second one.' });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('expired');
    expect((await post(tokenFor(c, 'accept'), {})).status).toBe(410);
    expect((await post(tokenFor(c, 'survey'), { score: '1' })).status).toBe(410);
    expect(await typesOf(c.complaintId)).toEqual(before);
    // The links sent for resolution #2 act.
    const second = { ...c, resolutionId: await latestResolutionId(c.complaintId) };
    expect((await post(tokenFor(second, 'accept'), {})).status).toBe(200);
    expect(await typesOf(c.complaintId)).toEqual([...before, 'ResolutionAccepted']);
  });

  it('a revoked link no longer acts; only a supervisor or an admin may revoke', async () => {
    const c = await resolvedComplaint();
    const reason = { reason: 'The resolution e-mail went to a wrong address.' };
    expect((await h.complaints.send(c.complaintId, 'RevokeCustomerLinks', reason, ['agent'])).status).toBe(
      403,
    );
    const revoked = await h.complaints.send(c.complaintId, 'RevokeCustomerLinks', reason, ['supervisor']);
    expect(revoked.status).toBe(200);
    const before = await typesOf(c.complaintId);
    expect(before.at(-1)).toBe('CustomerLinksRevoked');
    const reject = await post(tokenFor(c, 'reject'), { reason: 'Whoever has the mail.' });
    expect(reject.status).toBe(410);
    expect((await post(tokenFor(c, 'accept'), {})).status).toBe(410);
    expect(await typesOf(c.complaintId)).toEqual(before);
    // Revoking again is harmless, for an admin too.
    expect((await h.complaints.send(c.complaintId, 'RevokeCustomerLinks', reason, ['admin'])).status).toBe(
      200,
    );
    expect(await typesOf(c.complaintId)).toEqual(before);
  });

  it("records the customer's own survey answer after a score staff recorded by phone", async () => {
    const c = await resolvedComplaint();
    const byPhone = { score: 5, source: 'by phone, call of 4 March' } as const;
    // Without a source, staff cannot put a score in the customer's mouth.
    expect(
      (await h.complaints.send(c.complaintId, 'RecordSatisfaction', { score: 5 }, ['agent'])).status,
    ).toBe(409);
    await h.complaints.command(c.complaintId, 'RecordSatisfaction', byPhone);
    expect((await post(tokenFor(c, 'survey'), { score: '2', comment: 'Not happy.' })).status).toBe(200);
    const scores = (await h.complaints.eventsOf(c.complaintId))
      .filter((e) => e.type === 'SatisfactionRecorded')
      .map((e) => e.data);
    expect(scores).toMatchObject([
      { score: 5, source: 'by phone, call of 4 March' },
      { score: 2, comment: 'Not happy.', by: { role: 'customer' } },
    ]);
    expect(scores[1]).not.toHaveProperty('source');
  });

  it('answers a tampered token with 403 and an expired one with 410, changing nothing', async () => {
    const c = await resolvedComplaint();
    const before = await typesOf(c.complaintId);
    const token = tokenFor(c, 'accept');
    const [payload = '', signature = ''] = token.split('.');
    const other = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), action: 'reject' }),
    ).toString('base64url');
    const forged = await post(`${other}.${signature}`, { reason: 'forged' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('not valid');
    const expired = tokenFor(c, 'accept', 'lv', new Date(Date.now() - 1_000));
    const page = await get(expired);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('derīguma termiņš');
    expect((await post(expired, {})).status).toBe(410);
    expect((await get('not-a-token')).status).toBe(400);
    expect(await typesOf(c.complaintId)).toEqual(before);
  });

  it('refuses a token whose signature differs only in the unused bits of its last character', async () => {
    const c = await resolvedComplaint();
    const before = await typesOf(c.complaintId);
    const [payload = '', signature = ''] = tokenFor(c, 'reject').split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const variant = signature.slice(0, -1) + alphabet[alphabet.indexOf(signature.at(-1) ?? 'A') ^ 1];
    // The same MAC bytes, spelt differently: a second token for one link.
    expect(Buffer.from(variant, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    const res = await post(`${payload}.${variant}`, { reason: 'A second spelling.' });
    expect(res.status).toBe(403);
    expect(await typesOf(c.complaintId)).toEqual(before);
  });

  it('shows the form alone while complaints cannot say what the link acts on', async () => {
    const c = await resolvedComplaint();
    await h.complaints.stop();
    try {
      const page = await get(tokenFor(c, 'accept', 'uk'));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Прийняти рішення');
      expect(html).not.toContain('Наше рішення');
    } finally {
      await h.complaints.start();
    }
  });
});
