import { intakeAnswerSchema } from '@chp/contracts';
import { type CustomerLinkAction, signCustomerLink } from '@chp/platform';
import { type IntakeHarness, LINK_SECRET, startIntake, submission } from './support/intake.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h.close());

/** Files a complaint through intake, then acknowledges and resolves it as an agent would. */
async function resolvedComplaint() {
  const res = await h.post('/v1/complaints', submission());
  const { complaintId, reference } = intakeAnswerSchema.parse(await res.json());
  await h.complaints.command(complaintId, 'AcknowledgeComplaint', {});
  await h.complaints.command(complaintId, 'ResolveComplaint', {
    summary: 'Refunded the second charge.',
    outcome: 'upheld',
    remedies: [],
    firstContact: true,
  });
  return { complaintId, reference };
}

const tokenFor = (
  c: { complaintId: string; reference: string },
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
    expect((await post(token, {})).status).toBe(200);
    expect((await post(token, {})).status).toBe(200);
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
    // Another answer after the complaint reopened is refused with a clear page.
    const other = await post(token, { reason: 'Something else.' });
    expect(other.status).toBe(409);
    expect(await other.text()).toContain('már használták');
    expect(await typesOf(c.complaintId)).toEqual(after);
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
});
