import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, urlOf } from '@chp/platform';
import { simpleParser } from 'mailparser';
import { countEmail } from '../src/delivery/index.js';
import { createNotificationsApp } from '../src/http/index.js';
import { emlFileName, outboxMailer } from '../src/sending/index.js';
import { openStorage } from '../src/storage/open.js';

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
