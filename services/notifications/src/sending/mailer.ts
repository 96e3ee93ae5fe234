import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** One email, fully rendered, with its stable Message-ID. */
export interface OutgoingMail {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  language: string;
  /** Extra headers, such as the complaint reference for mail rules downstream. */
  headers?: Record<string, string>;
}

/** Delivers mail somewhere: an SMTP server or a directory of `.eml` files. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  /** Resolves when the destination is usable (readiness). */
  verify(): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`. */
  url: string;
  /** Pooled connections. */
  maxConnections: number;
  /** Messages per second across the pool (nodemailer's rateLimit per rateDelta). */
  rateLimitPerSecond: number;
}

const toNodemailer = (mail: OutgoingMail) => ({
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

/** nodemailer's SMTP pool: connections reused, sends rate-limited, bounded timeouts. */
export function smtpMailer(options: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections,
    maxMessages: Number.POSITIVE_INFINITY,
    rateDelta: 1_000,
    rateLimit: options.rateLimitPerSecond,
    // Bounded so that a hung server turns into a temporary failure, well inside the send lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail(toNodemailer(mail));
    },
    async verify() {
      await transport.verify();
    },
    async close() {
      transport.close();
    },
  };
}

/** A file name for a Message-ID: the id without angle brackets, anything unusual replaced. */
export const emlFileName = (messageId: string) =>
  `${messageId.replace(/^<|>$/g, '').replace(/[^\w.@-]/g, '_')}.eml`;

/**
 * Writes each message as `<message-id>.eml` into `directory` (the default without `SMTP_URL`), through
 * a temporary name and a rename so that a reader never sees half a file. A resend overwrites the same file.
 */
export function outboxMailer(directory: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let created: Promise<unknown> | undefined;
  return {
    kind: 'outbox',
    async send(mail) {
      created ??= mkdir(directory, { recursive: true });
      await created;
      const info = await transport.sendMail(toNodemailer(mail));
      const file = join(directory, emlFileName(mail.messageId));
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, file);
    },
    async verify() {
      created ??= mkdir(directory, { recursive: true });
      await created;
    },
    async close() {
      transport.close();
    },
  };
}
