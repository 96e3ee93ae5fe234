import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import type { OutgoingMail } from './outgoing-mail.js';

/** A message ready for the SMTP connection: the envelope and the RFC 5322 bytes. */
export interface ComposedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

/** What nodemailer builds from an outgoing mail (its MIME tree, streamed into one buffer). */
export const nodemailerFields = (mail: OutgoingMail) => ({
  from: mail.from,
  to: mail.to,
  ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  headers: { 'Content-Language': mail.language, ...mail.headers },
  // Cyrillic and Latvian text is mostly non-ASCII: base64 is smaller than quoted-printable there, and
  // Buffer encodes it natively (quoted-printable in JS was a hot spot of the benchmark).
  textEncoding: 'base64' as const,
});

/** The general path: nodemailer's MailComposer (any address, any header), at more CPU (README, Benchmark). */
export async function composeWithNodemailer(mail: OutgoingMail): Promise<ComposedMail> {
  const message = new MailComposer(nodemailerFields(mail)).compile();
  const envelope = message.getEnvelope();
  const raw = await new Promise<Buffer>((resolve, reject) =>
    message.build((error, built) => (error ? reject(error) : resolve(built))),
  );
  return { envelope: { from: envelope.from || '', to: envelope.to }, raw };
}

interface Sender {
  /** `From:` and `Reply-To:` as nodemailer encodes and folds them, each ending in CRLF. */
  lines: string;
  envelopeFrom: string;
}

// The sender is configuration (MAIL_FROM, MAIL_REPLY_TO): nodemailer encodes each pair once.
const senders = new Map<string, Promise<Sender>>();

function senderOf(from: string, replyTo: string | undefined): Promise<Sender> {
  const key = `${from}\n${replyTo ?? ''}`;
  let sender = senders.get(key);
  if (!sender) {
    sender = (async () => {
      const { envelope, raw } = await composeWithNodemailer({
        from,
        ...(replyTo ? { replyTo } : {}),
        to: 'to@example.com',
        subject: '',
        text: '',
        html: '',
        messageId: '<sender@example.com>',
        language: 'en',
      });
      const head = raw.toString('utf8').split('\r\n\r\n', 1)[0] ?? '';
      // Header fields with their folded continuation lines.
      const fields = head.split(/\r\n(?![ \t])/);
      const pick = (name: string) => fields.filter((f) => f.toLowerCase().startsWith(`${name}:`));
      const lines = [...pick('from'), ...pick('reply-to')].map((f) => `${f}\r\n`).join('');
      return { lines, envelopeFrom: envelope.from };
    })();
    senders.set(key, sender);
    // A failure is not kept: the next message asks again.
    sender.catch(() => senders.delete(key));
  }
  return sender;
}

// What goes into a header as it is: printable ASCII, nothing to encode, quote or fold.
const printable = /^[\x20-\x7e]*$/;
const plainAddress = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const plainMessageId = /^<[\x21-\x3b\x3d\x3f-\x7e]+>$/;
const headerName = /^[A-Za-z0-9-]+$/;
// A line break in the subject would end the header and start another: nodemailer's path handles it.
const control = /\p{Cc}/u;

/** Base64 in lines of 76 characters (RFC 2045). */
function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  let out = '';
  for (let at = 0; at < encoded.length; at += 76) out += `${encoded.slice(at, at + 76)}\r\n`;
  return out;
}

const subjectLine = (subject: string) =>
  foldLines(`Subject: ${printable.test(subject) ? subject : encodeWords(subject, 'B', 52)}`, 76);

const partOf = (type: string, body: string) =>
  `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;

/**
 * Builds a multipart/alternative message (text and HTML, UTF-8, base64) directly, in a few
 * microseconds. Mail this fast path does not cover (an address that needs quoting or encoding, an
 * unusual header) goes through nodemailer's MailComposer, so every message is built correctly.
 */
export async function composeMail(mail: OutgoingMail, date: Date): Promise<ComposedMail> {
  const extra = Object.entries({ 'Content-Language': mail.language, ...mail.headers });
  const fast =
    plainAddress.test(mail.to) &&
    plainMessageId.test(mail.messageId) &&
    !control.test(mail.subject) &&
    extra.every(([name, value]) => headerName.test(name) && printable.test(value) && value.length < 900);
  if (!fast) return composeWithNodemailer(mail);
  const sender = await senderOf(mail.from, mail.replyTo);
  // Base64 and the header lines never contain `_`, so the boundary cannot occur in the content.
  const boundary = `--_chp_${randomBytes(12).toString('hex')}`;
  const head =
    sender.lines +
    `To: ${mail.to}\r\n` +
    `${subjectLine(mail.subject)}\r\n` +
    `Message-ID: ${mail.messageId}\r\n` +
    `Date: ${date.toUTCString().replace(/GMT/, '+0000')}\r\n` +
    'MIME-Version: 1.0\r\n' +
    extra.map(([name, value]) => `${foldLines(`${name}: ${value}`, 76)}\r\n`).join('') +
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"\r\n`;
  const body =
    `--${boundary}\r\n${partOf('text/plain', mail.text)}` +
    `--${boundary}\r\n${partOf('text/html', mail.html)}` +
    `--${boundary}--\r\n`;
  return { envelope: { from: sender.envelopeFrom, to: [mail.to] }, raw: Buffer.from(`${head}\r\n${body}`) };
}
