import { intakeAnswerSchema } from '@chp/contracts';
import { waitFor } from '@chp/testing';
import { GATEWAY, type IntakeHarness, startIntake } from './support/intake.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake({ consumer: true });
});
afterAll(() => h.close());

let n = 0;
function mail(
  headers: Record<string, string>,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): string {
  n += 1;
  const lines = {
    From: '"Olena Petrenko" <Olena@Example.UA>',
    To: 'complaints@example.com',
    Subject: 'My parcel never arrived',
    'Message-ID': `<m-${process.pid}-${Date.now()}-${n}@example.ua>`,
    Date: 'Mon, 2 Mar 2026 09:00:00 +0000',
    'MIME-Version': '1.0',
    'Content-Type': contentType,
    ...headers,
  };
  return `${Object.entries(lines)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body}\r\n`;
}

/** Our gateway's verdict for the customer's domain. */
const passed = `${GATEWAY} 1; spf=pass smtp.mailfrom=example.ua; dkim=pass header.d=example.ua; dmarc=pass (p=reject) header.from=example.ua`;

const postMail = (raw: string) => h.post('/v1/channels/email', raw, { 'content-type': 'message/rfc822' });

describe('the e-mail channel', () => {
  let filed: { complaintId: string; reference: string };

  it('files a new mail as a complaint from the sender, language from the headers', async () => {
    const res = await postMail(mail({ 'Content-Language': 'uk' }, 'I ordered on 1 March and nothing came.'));
    expect(res.status).toBe(201);
    filed = intakeAnswerSchema.parse(await res.json());
    const [event] = await h.complaints.eventsOf(filed.complaintId);
    expect(event).toMatchObject({
      type: 'ComplaintFiled',
      data: {
        channel: 'email',
        subject: 'My parcel never arrived',
        customer: { name: 'Olena Petrenko', email: 'Olena@example.ua', preferredLanguage: 'uk' },
      },
    });
  });

  it('threads a reply carrying the reference onto that complaint instead of filing a new one', async () => {
    const before = (await h.complaints.filed()).size;
    const res = await postMail(
      mail(
        { Subject: `Re: Your complaint [${filed.reference}]`, 'Authentication-Results': passed },
        'Here is the tracking number: 123.',
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'responded', complaintId: filed.complaintId });
    const events = await h.complaints.eventsOf(filed.complaintId);
    // The customer's own reply, with its sender recorded.
    expect(events.at(-1)).toMatchObject({
      type: 'CustomerResponded',
      data: { from: 'Olena@Example.UA', message: 'Here is the tracking number: 123.' },
    });
    expect((await h.complaints.filed()).size).toBe(before);
  });

  describe("a reply that cannot be shown to be the customer's is recorded unverified (attack: a planted reply)", () => {
    const planted = 'Please send the refund to IBAN XX00 EVIL instead.';
    it.each([
      [
        'from another address, DMARC passed for it',
        {
          From: 'Mallory <mallory@evil.example>',
          'Authentication-Results': `${GATEWAY}; dmarc=pass header.from=evil.example`,
        },
        ['sender_not_customer'],
      ],
      [
        'from the customer address, DMARC failed',
        { 'Authentication-Results': `${GATEWAY}; dkim=fail; dmarc=fail header.from=example.ua` },
        ['authentication_failed'],
      ],
      ['with no verdict of our gateway', {}, ['authentication_failed']],
      [
        'with a pass the sender wrote under another authserv-id',
        { 'Authentication-Results': 'mx.evil.example; dmarc=pass header.from=example.ua' },
        ['authentication_failed'],
      ],
    ])('%s', async (_name, headers, reasons) => {
      const res = await postMail(mail({ Subject: `Re: [${filed.reference}]`, ...headers }, planted));
      expect(res.status).toBe(200);
      const events = await h.complaints.eventsOf(filed.complaintId);
      expect(events.at(-1)).toMatchObject({
        type: 'UnverifiedResponseReceived',
        data: { reasons, message: planted, channel: 'email' },
      });
      expect(
        events
          .filter((e) => e.type === 'CustomerResponded')
          .every((e) => (e.data as { message: string }).message !== planted),
      ).toBe(true);
    });
  });

  it('threads a reply whose client lower-cased the tag, and treats a tag with a wrong check character as no tag', async () => {
    const res = await postMail(
      mail(
        {
          Subject: `RE: YOUR COMPLAINT [${filed.reference.toLowerCase()}]`,
          'Authentication-Results': passed,
        },
        'And the receipt.',
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'responded', complaintId: filed.complaintId });

    // The same tag with its check character changed: not this complaint's reference, so a new one.
    const last = filed.reference.slice(-1);
    const mistyped = `${filed.reference.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    const other = await postMail(mail({ Subject: `About [${mistyped}]` }, 'A different matter.'));
    expect(other.status).toBe(201);
    expect(intakeAnswerSchema.parse(await other.json()).complaintId).not.toBe(filed.complaintId);
  });

  it.each([
    ['an out-of-office (Auto-Submitted)', mail({ 'Auto-Submitted': 'auto-replied' }, 'I am away.')],
    [
      'a bounce (multipart/report)',
      mail(
        {},
        '--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b--',
        'multipart/report; report-type=delivery-status; boundary="b"',
      ),
    ],
  ])('ignores %s', async (_name, raw) => {
    const before = (await h.complaints.filed()).size;
    const res = await postMail(raw);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'ignored' });
    expect((await h.complaints.filed()).size).toBe(before);
  });

  it('refuses a body that is not message/rfc822', async () => {
    const res = await h.post('/v1/channels/email', 'hello', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('files raw mail published on intake.email.raw', async () => {
    const before = (await h.complaints.filed()).size;
    await h.js.publish('intake.email.raw', mail({ Subject: 'Broken kettle' }, 'It broke on day two.'));
    await waitFor(async () => (await h.complaints.filed()).size === before + 1, {
      description: 'the mail filed',
    });
  });
});
