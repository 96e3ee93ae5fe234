import { type ParsedMail, simpleParser } from 'mailparser';
import type { OutgoingMail } from '../src/sending/index.js';
import { composeMail, composeWithNodemailer } from '../src/sending/mime.js';
import { render, templateLanguages } from '../src/templates/index.js';

const date = new Date('2026-03-02T10:00:00.000Z');

const mailIn = (language: string, overrides: Partial<OutgoingMail> = {}): OutgoingMail => {
  const rendered = render(
    {
      template: 'complaint-acknowledgement',
      reference: 'C-7KX2-9QMG',
      complaintId: '0b7e9c1e-5d7a-4c53-9a43-1f0c2d9e8a11',
      customerName: 'Olena Kovalenko',
      subject: 'Card charged twice & <b>bold</b>',
      description: 'I was charged twice.\n> Please refund one payment.\n.\nThanks',
      firstResponseBy: '2026-02-10T17:00:00.000Z',
    },
    { language, timeZone: 'Europe/Kyiv' },
  );
  return {
    from: 'Customer Care <care@complaints.example>',
    replyTo: 'replies@complaints.example',
    to: 'olena@example.com',
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: '<0b7e9c1e-5d7a-4c53-9a43-1f0c2d9e8a11@complaints.example>',
    language: rendered.language,
    headers: { 'X-Complaint-Reference': 'C-7KX2-9QMG' },
    ...overrides,
  };
};

/** What a mail client sees of a message. */
const seen = (parsed: ParsedMail) => ({
  from: parsed.from?.value,
  to: Array.isArray(parsed.to) ? parsed.to.flatMap((a) => a.value) : parsed.to?.value,
  replyTo: parsed.replyTo?.value,
  subject: parsed.subject,
  messageId: parsed.messageId,
  date: parsed.date?.toISOString(),
  text: parsed.text,
  html: parsed.html,
  language: parsed.headers.get('content-language'),
  reference: parsed.headers.get('x-complaint-reference'),
  headerNames: [...parsed.headers.keys()].filter((name) => name !== 'content-type').sort(),
});

async function bothWays(mail: OutgoingMail) {
  const ours = await composeMail(mail, date);
  const theirs = await composeWithNodemailer(mail);
  return {
    ours,
    theirs,
    oursSeen: seen(await simpleParser(ours.raw)),
    theirsSeen: { ...seen(await simpleParser(theirs.raw)), date: date.toISOString() },
  };
}

describe('composeMail', () => {
  it.each(templateLanguages)(
    'reads in %s exactly as nodemailer’s message does, envelope included',
    async (language) => {
      const { ours, theirs, oursSeen, theirsSeen } = await bothWays(mailIn(language));
      expect(oursSeen).toEqual(theirsSeen);
      expect(ours.envelope).toEqual({ from: theirs.envelope.from, to: theirs.envelope.to });
      expect(oursSeen.text).toContain('> Please refund one payment.\n.\nThanks');
      // Lines stay within RFC 5322's limit and end in CRLF only.
      const lines = ours.raw.toString('utf8').split('\r\n');
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(78);
      expect(lines.some((line) => line.includes('\n') || line.includes('\r'))).toBe(false);
    },
  );

  it('folds and encodes a long non-ASCII subject, and a line break in it cannot start a header', async () => {
    const cyrillic = `[C-7KX2-9QMG] ${'Ми отримали вашу скаргу щодо подвійного списання '.repeat(4)}кінець`;
    const folded = await bothWays(mailIn('uk', { subject: cyrillic }));
    expect(folded.oursSeen.subject).toBe(cyrillic);
    expect(folded.theirsSeen.subject).toBe(cyrillic);
    const lineLengths = folded.ours.raw
      .toString('utf8')
      .split('\r\n')
      .map((line) => line.length);
    expect(Math.max(...lineLengths)).toBeLessThanOrEqual(78);
    const broken = await bothWays(mailIn('uk', { subject: `${cyrillic}\r\nBcc: x@evil.example` }));
    expect(broken.oursSeen.subject).toBe(broken.theirsSeen.subject);
    expect(broken.oursSeen.headerNames).not.toContain('bcc');
    expect(broken.ours.raw.toString('utf8')).not.toMatch(/^Bcc:/m);
    const ascii = `[C-7KX2-9QMG]${' We have received your complaint about a double charge'.repeat(4)}`;
    const long = await bothWays(mailIn('en', { subject: ascii }));
    expect(long.oursSeen.subject).toBe(ascii);
    expect(long.theirsSeen.subject).toBe(ascii);
  });

  it('leaves addresses and headers it does not handle itself to nodemailer, with the same result', async () => {
    for (const overrides of [
      { to: 'ada@bücher.example' },
      { to: '"Ada Lovelace"@example.com' },
      { from: 'Служба підтримки <care@complaints.example>', replyTo: undefined },
      { headers: { 'X-Complaint-Reference': 'C-7KX2\r\nBcc: x@evil.example' } },
      { messageId: '<a b@complaints.example>' },
    ] satisfies Partial<OutgoingMail>[]) {
      const { ours, theirs, oursSeen, theirsSeen } = await bothWays(mailIn('lv', overrides));
      expect({ ...oursSeen, date: theirsSeen.date }).toEqual(theirsSeen);
      expect(ours.envelope).toEqual({ from: theirs.envelope.from, to: theirs.envelope.to });
    }
  });
});
