import { randomUUID } from 'node:crypto';
import { type PortalLinkRequested, subjects } from '@chp/contracts';
import { waitFor } from '@chp/testing';
import { ComplaintStory } from './support/events.js';
import { type Harness, harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sink.clear();
  h.reports.length = 0;
});

const request = (
  story: ComplaintStory,
  overrides: Partial<PortalLinkRequested> = {},
): PortalLinkRequested => ({
  requestId: randomUUID(),
  complaintId: story.complaintId,
  reference: story.reference,
  language: 'hu',
  url: `https://intake.test/portal/hu/link/${randomUUID()}.1775296800000.sig`,
  expiresAt: '2026-03-02T10:30:00.000Z',
  at: '2026-03-02T10:00:00.000Z',
  ...overrides,
});

describe('the portal’s one-time links (intake.events.portal-link-requested)', () => {
  it('e-mails the link to the complaint’s own address, in the requested language, once per request', async () => {
    const story = new ComplaintStory();
    await h.publish(story.filed({ email: 'kovacs.anna@example.hu', preferredLanguage: 'hu' }));
    await h.sink.waitForMessages(1);
    h.sink.clear();
    const link = request(story);
    h.nc.publish(subjects.intake.portalLinkRequested, JSON.stringify(link));
    h.nc.publish(subjects.intake.portalLinkRequested, JSON.stringify(link));
    const [mail] = await h.sink.waitForMessages(1);
    expect(mail?.envelope.to).toEqual(['kovacs.anna@example.hu']);
    expect(mail?.parsed.subject).toBe(`[${story.reference}] Hivatkozás panasza nyomon követéséhez`);
    expect(mail?.parsed.text).toContain(link.url);
    expect(mail?.parsed.text).toContain('A hivatkozás egyszer használható');
    await waitFor(() => h.reports.some((r) => r.data.template === 'portal-link'), {
      timeoutMs: 10_000,
      description: 'the proof of sending',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.sink.messages).toHaveLength(1);
  });

  it('sends nothing for a complaint it does not know, or a request that breaks the schema', async () => {
    const unknown = new ComplaintStory();
    h.nc.publish(subjects.intake.portalLinkRequested, JSON.stringify(request(unknown)));
    h.nc.publish(
      subjects.intake.portalLinkRequested,
      JSON.stringify({ ...request(unknown), url: 'javascript:alert(1)' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.sink.messages).toHaveLength(0);
  });
});
