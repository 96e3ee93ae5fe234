import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { composeMail, nodemailerFields } from './mime.js';
import type { OutgoingMail } from './outgoing-mail.js';

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
      // One buffer instead of nodemailer's MIME streams: those cost a large share of the CPU per
      // message and reached the socket in dozens of small writes (bench/, and the README's Benchmark).
      await transport.sendMail(await composeMail(mail, new Date()));
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
      const info = await transport.sendMail(nodemailerFields(mail));
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
