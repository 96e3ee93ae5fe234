import { verifyCustomerLink } from '@chp/platform';
import { waitFor } from '@chp/testing';
import { messageIdOf } from '../src/ids/index.js';
import { ComplaintStory, RESOLUTION_ID } from './support/events.js';
import { type Harness, harness, linkSecret } from './support/harness.js';

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

const mailsTo = (address: string) => h.sink.messages.filter((m) => m.envelope.to.includes(address));
const reportsOf = (eventId: string) => h.reports.filter((r) => r.data.eventId === eventId);

describe('one email per event', () => {
  it('acknowledges a filing with the reference, the due dates, how to reply, and a stable Message-ID', async () => {
    const story = new ComplaintStory();
    const filed = story.filed({ email: 'ada@example.com', timeZone: 'Europe/London' });
    await h.publish(filed);
    const [mail] = await h.sink.waitForMessages(1);
    expect(mail?.envelope.to).toEqual(['ada@example.com']);
    expect(mail?.parsed.subject).toBe(`[${story.reference}] We have received your complaint`);
    expect(mail?.parsed.messageId).toBe(
      messageIdOf(
        { eventId: filed.id, template: 'complaint-acknowledgement', recipient: 'ada@example.com' },
        'complaints.test',
      ),
    );
    expect(mail?.parsed.text).toContain('We will send you our final response by 16 March 2026 at 17:00 GMT.');
    expect(mail?.parsed.text).toContain(`keep [${story.reference}] in the subject line`);
    expect(mail?.parsed.html).toContain(story.reference);
    expect(mail?.parsed.replyTo?.text).toBe('replies@complaints.test');

    await waitFor(() => reportsOf(filed.id).length === 1, { timeoutMs: 10_000 });
    expect(reportsOf(filed.id)[0]).toMatchObject({
      type: 'NotificationSent',
      data: {
        complaintId: story.complaintId,
        template: 'complaint-acknowledgement',
        messageId: mail?.parsed.messageId,
      },
    });
    expect(await h.service.sentLog.ofEvent(filed.id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('writes in the customer language and time zone, asks for information, resolves with links, closes and reopens', async () => {
    const story = new ComplaintStory();
    const email = 'olena@example.com';
    await h.publish(story.filed({ email, preferredLanguage: 'uk', timeZone: 'Europe/Kyiv' }));
    await h.sink.waitForMessages(1);
    await h.publish(story.assigned('billing'));
    await h.publish(story.informationRequested('Якою карткою ви платили? <b>'));
    await h.publish(story.resolved());
    await h.publish(story.closedNoResponse());
    await h.publish(story.reopened());
    const mails = await h.sink.waitForMessages(5);
    // Handlers run concurrently, so events of one complaint may be mailed in any order.
    const bySubject = (text: string) => mails.find((m) => m.parsed.subject?.includes(text))?.parsed;
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual(
      [
        `[${story.reference}] Ми отримали вашу скаргу`,
        `[${story.reference}] Нам потрібна додаткова інформація щодо вашої скарги`,
        `[${story.reference}] Наше рішення щодо вашої скарги`,
        `[${story.reference}] Вашу скаргу закрито`,
        `[${story.reference}] Вашу скаргу відкрито знову`,
      ].sort(),
    );
    expect(bySubject('отримали')?.text).toContain('16 березня 2026 р. о 19:00'); // 17:00 UTC in Kyiv
    expect(bySubject('додаткова')?.html).toContain('Якою карткою ви платили? &lt;b&gt;');
    const resolution = bySubject('рішення');
    // Links signed with the platform's customer links, as intake verifies them.
    const urls = [...(resolution?.text ?? '').matchAll(/https:\/\/intake\.test\/v1\/customer-links\/(\S+)/g)];
    const payloads = urls.map(([, token]) =>
      verifyCustomerLink(decodeURIComponent(token ?? ''), linkSecret, new Date('2026-03-05T00:00:00Z')),
    );
    expect(payloads.map((p) => p.action).sort()).toEqual(['accept', 'reject', 'survey']);
    for (const payload of payloads) {
      expect(payload).toMatchObject({
        complaintId: story.complaintId,
        reference: story.reference,
        language: 'uk',
        // Bound to the resolution they were sent for, so that a later one supersedes them.
        resolutionId: RESOLUTION_ID,
      });
      expect(payload.expiresAt).toBe('2026-04-01T10:00:00.000Z'); // resolved at 2026-03-02T10:00Z + 30 days
    }
    for (const [url] of urls) expect(resolution?.html).toContain(`href="${url}"`);
    expect(mailsTo(email)).toHaveLength(5);
  });

  it('writes in the corrected language once an agent corrected it', async () => {
    const story = new ComplaintStory();
    const email = 'anna@example.lv';
    await h.publish(story.filed({ email, preferredLanguage: 'en', preferredLanguageSource: 'default' }));
    await h.sink.waitForMessages(1);
    await h.publish(story.event('CustomerLanguageCorrected', { language: 'lv', previous: 'en' }));
    await h.settled();
    await h.publish(story.resolved());
    const mails = await h.sink.waitForMessages(2);
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      `[${story.reference}] We have received your complaint`,
      `[${story.reference}] Mūsu lēmums par jūsu sūdzību`,
    ]);
    const resolution = mails[1]?.parsed.text ?? '';
    const [token] = [...resolution.matchAll(/https:\/\/intake\.test\/v1\/customer-links\/(\S+)/g)].map(
      ([, t]) => t,
    );
    const link = verifyCustomerLink(
      decodeURIComponent(token ?? ''),
      linkSecret,
      new Date('2026-03-05T00:00:00Z'),
    );
    expect(link.language).toBe('lv');
  });

  it('sends nothing for events that tell the customer nothing', async () => {
    const story = new ComplaintStory();
    await h.publish(story.filed());
    await h.publish(story.assigned('billing'));
    await h.publish(story.event('ComplaintClosed', { reason: 'accepted' }));
    await h.settled();
    expect(h.sink.messages.map((m) => m.parsed.subject)).toEqual([
      `[${story.reference}] We have received your complaint`,
    ]);
  });
});

describe('alerts', () => {
  it('sends an escalation to the address configured for the team and level', async () => {
    const story = new ComplaintStory();
    await h.publish(story.filed());
    await h.publish(story.assigned('billing'));
    // Routing reads the team known when the escalation is handled (see README).
    await waitFor(async () => (await h.service.directory.find(story.complaintId))?.team === 'billing', {
      timeoutMs: 10_000,
    });
    await h.publish(story.escalated(2, 'billing-supervisors'));
    await waitFor(() => mailsTo('billing-supervisor@example.com').length === 1, { timeoutMs: 10_000 });
    const alert = mailsTo('billing-supervisor@example.com')[0]?.parsed;
    expect(alert?.subject).toBe(`Escalation level 2: complaint ${story.reference}`);
    expect(alert?.text).toContain('Two deadlines missed.');
    expect(alert?.text).toContain(story.complaintId);
  });

  it('sends a breach alert to the default route for a complaint without a team', async () => {
    const story = new ComplaintStory();
    await h.publish(story.filed());
    await h.publish(story.breached());
    await waitFor(() => mailsTo('duty-lead@example.com').length === 1, { timeoutMs: 10_000 });
    expect(mailsTo('duty-lead@example.com')[0]?.parsed.text).toContain('overdue by 3 hours');
  });
});

describe('skips', () => {
  it('records a skip, sends nothing and reports nothing for an opted-out customer and one without email', async () => {
    const optedOut = new ComplaintStory();
    const byPhone = new ComplaintStory();
    const optedOutFiled = optedOut.filed({ email: 'quiet@example.com', notificationsOptOut: true });
    const byPhoneFiled = byPhone.filed({ email: undefined, phone: '+447700900123' });
    await h.publish(optedOutFiled);
    await h.publish(byPhoneFiled);
    await h.settled();

    expect(mailsTo('quiet@example.com')).toHaveLength(0);
    expect(h.sink.messages).toHaveLength(0);
    expect(await h.service.sentLog.ofEvent(optedOutFiled.id)).toMatchObject([
      { status: 'skipped', skipReason: 'opted_out', recipient: 'quiet@example.com' },
    ]);
    expect(await h.service.sentLog.ofEvent(byPhoneFiled.id)).toMatchObject([
      { status: 'skipped', skipReason: 'no_email', recipient: '' },
    ]);
    expect(reportsOf(optedOutFiled.id)).toEqual([]);
  });
});
