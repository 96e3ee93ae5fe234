import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { type SmtpSink, smtpSink } from '../src/smtp.js';
import { waitFor } from '../src/wait.js';

describe('smtpSink', () => {
  let sink: SmtpSink;
  afterEach(() => sink.close());

  it('accepts a message over real SMTP and parses it', async () => {
    sink = await smtpSink();
    const transport = nodemailer.createTransport(sink.url);
    await transport.sendMail({
      from: 'service@example.com',
      to: 'ivan@example.com',
      subject: 'Скарга [C-7KX2-9QMA] отримана',
      text: 'Дякуємо',
      messageId: '<evt-1@complaints.example>',
    });
    const [mail] = await sink.waitForMessages(1);
    expect(mail?.envelope).toEqual({ from: 'service@example.com', to: ['ivan@example.com'] });
    expect(mail?.parsed.subject).toBe('Скарга [C-7KX2-9QMA] отримана');
    expect(mail?.parsed.messageId).toBe('<evt-1@complaints.example>');
    expect(mail?.parsed.text?.trim()).toBe('Дякуємо');
  });

  it('answers scripted temporary and permanent failures with their codes', async () => {
    sink = await smtpSink();
    sink.failNext({ code: 451, message: 'try later' });
    sink.failNext({ code: 550, message: 'no such user' });
    const transport = nodemailer.createTransport(sink.url);
    const mail = { from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' };

    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 550 });
    await transport.sendMail(mail);
    expect(sink.messages).toHaveLength(1);
  });

  it('requires the configured credentials and puts them in its URL', async () => {
    sink = await smtpSink({ auth: { user: 'mailer', pass: 's3cret' } });
    expect(sink.url).toMatch(/^smtp:\/\/mailer:s3cret@127\.0\.0\.1:\d+$/);
    const good = nodemailer.createTransport(sink.url);
    await good.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' });
    expect(sink.messages[0]?.user).toBe('mailer');

    const bad = nodemailer.createTransport(`smtp://mailer:wrong@127.0.0.1:${sink.port}`);
    await expect(
      bad.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 't' }),
    ).rejects.toMatchObject({
      responseCode: 535,
    });
  });
});

test('a client that drops its connection inside a mail transaction is recorded, not thrown', async () => {
  const sink = await smtpSink();
  try {
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect({ host: sink.host, port: sink.port });
        socket.once('error', reject);
        // Greeting, then EHLO's answer, then MAIL FROM's: the transaction is open (smtp-server
        // ignores a reset outside one as a client merely hanging up).
        const script = ['EHLO crash.example\r\n', 'MAIL FROM:<sender@example.com>\r\n'];
        let buffered = '';
        socket.on('data', (chunk) => {
          buffered += chunk.toString();
          // A reply is complete at a line "NNN text" (a multi-line reply's other lines are "NNN-text").
          if (!/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffered)) return;
          buffered = '';
          const next = script.shift();
          if (next) {
            socket.write(next);
            return;
          }
          // RST instead of QUIT: what the sink sees when the sending process is SIGKILLed.
          socket.resetAndDestroy();
          resolve();
        });
      });
    }
    await waitFor(() => sink.connectionErrors.length >= 3, { description: 'three connection errors' });
    expect(sink.connectionErrors).toEqual(['ECONNRESET', 'ECONNRESET', 'ECONNRESET']);
  } finally {
    await sink.close();
  }
});
