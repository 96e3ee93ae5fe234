import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, urlOf } from '@chp/platform';
import { smtpSink } from '@chp/testing';
import { simpleParser } from 'mailparser';
import { countEmail } from '../src/delivery/index.js';
import { createNotificationsApp } from '../src/http/index.js';
import { classifySendError, emlFileName, outboxMailer, smtpMailer } from '../src/sending/index.js';
import { openStorage } from '../src/storage/index.js';

describe('the .eml outbox (no SMTP_URL)', () => {
  it('writes one <message-id>.eml per message, and a resend overwrites it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    const mailer = outboxMailer(join(dir, 'nested'));
    const mail = {
      from: 'care@complaints.test',
      to: 'ada@example.com',
      subject: '[C-7KX2-9QMG] We have received your complaint',
      text: 'Hello & welcome',
      html: '<p>Hello &amp; welcome</p>',
      messageId: '<abc-123@complaints.test>',
      language: 'en',
    };
    await mailer.send(mail);
    await mailer.send(mail);
    const files = await readdir(join(dir, 'nested'));
    expect(files).toEqual([emlFileName(mail.messageId)]);
    expect(files[0]).toBe('abc-123@complaints.test.eml');
    const parsed = await simpleParser(await readFile(join(dir, 'nested', files[0] ?? '')));
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text?.trim()).toBe('Hello & welcome');
    await mailer.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('the SMTP pool', () => {
  it('authenticates with the credentials of SMTP_URL and keeps the Message-ID', async () => {
    const sink = await smtpSink({ auth: { user: 'mailer', pass: 's3cret&pass' } });
    const mailer = smtpMailer({ url: sink.url, maxConnections: 1, rateLimitPerSecond: 10 });
    try {
      await mailer.verify();
      await mailer.send({
        from: 'care@complaints.test',
        to: 'ada@example.com',
        subject: 'Тема',
        text: 'Привіт',
        html: '<p>Привіт</p>',
        messageId: '<auth-1@complaints.test>',
        language: 'uk',
      });
      const [mail] = await sink.waitForMessages(1);
      expect(mail?.user).toBe('mailer');
      expect(mail?.parsed.messageId).toBe('<auth-1@complaints.test>');
      expect(mail?.parsed.text?.trim()).toBe('Привіт');
      expect(mail?.parsed.headers.get('content-language')).toBe('uk');
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('fails to authenticate with wrong credentials as a temporary (not permanent) failure', async () => {
    const sink = await smtpSink({ auth: { user: 'mailer', pass: 'right' } });
    const wrong = sink.url.replace(':right@', ':wrong@');
    const mailer = smtpMailer({ url: wrong, maxConnections: 1, rateLimitPerSecond: 10 });
    try {
      const error = await mailer
        .send({
          from: 'a@b.test',
          to: 'c@d.test',
          subject: 's',
          text: 't',
          html: 'h',
          messageId: '<x@y>',
          language: 'en',
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(classifySendError(error)).toMatchObject({ permanent: false });
      expect(sink.messages).toHaveLength(0);
    } finally {
      await mailer.close();
      await sink.close();
    }
  });
});

describe('HTTP', () => {
  it('answers /healthz, /readyz with the sent log, and /metrics with the email counters', async () => {
    const storage = await openStorage('pglite://memory');
    const server = await listen(createNotificationsApp({ storage }), 0);
    try {
      const base = urlOf(server);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      countEmail('skipped', 'complaint-acknowledgement');
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain(
        'chp_notifications_emails_total{outcome="skipped",template="complaint-acknowledgement"}',
      );
      await storage.close();
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await storage.close();
    }
  });
});
