import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait.js';

/** A mail as the sink received it: the SMTP envelope, the raw bytes and the parsed message. */
export interface ReceivedMail {
  envelope: { from: string | undefined; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  /** The user name the client authenticated with, if it did. */
  user: string | undefined;
}

/** A scripted answer to the next DATA command, to exercise temporary (4xx) and permanent (5xx) failures. */
export interface ScriptedFailure {
  code: number;
  message?: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** `smtp://127.0.0.1:<port>`, with credentials when the sink requires auth. */
  url: string;
  readonly messages: readonly ReceivedMail[];
  /** Socket errors of client connections (e.g. ECONNRESET when a sender dies mid-session). */
  readonly connectionErrors: readonly string[];
  /** The next `count` messages are answered with `failure` instead of being accepted. */
  failNext(failure: ScriptedFailure, count?: number): void;
  /** Resolves once at least `count` messages are accepted (bounded by `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  clear(): void;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials. */
  auth?: { user: string; pass: string };
}

/**
 * A real SMTP server (the `smtp-server` package) on a free loopback port. Every accepted message is
 * parsed with `mailparser`; scripted failures answer DATA with the given code.
 */
export async function smtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const failures: ScriptedFailure[] = [];
  const connectionErrors: string[] = [];
  const auth = options.auth;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !auth,
    logger: false,
    size: 25 * 1024 * 1024,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        callback(null, { user: credentials.username });
      } else {
        callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure) {
          const error = new Error(failure.message ?? `Scripted failure ${failure.code}`);
          callback(Object.assign(error, { responseCode: failure.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              raw,
              parsed,
              user: typeof session.user === 'string' ? session.user : undefined,
            });
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server re-emits each connection's socket errors on the server; a client that vanishes
  // mid-session (a sender SIGKILLed in a crash test: ECONNRESET) is normal for a sink, not a failure
  // of the test process, which an unhandled 'error' event would be.
  server.on('error', (error: NodeJS.ErrnoException) => {
    connectionErrors.push(error.code ?? error.message);
  });
  // smtp-server exposes the underlying net.Server as `server`.
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    connectionErrors,
    failNext(failure, count = 1) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      await waitFor(() => messages.length >= count, {
        timeoutMs,
        description: () => `${count} mail(s) at the SMTP sink (have ${messages.length})`,
      });
      return messages;
    },
    clear() {
      messages.length = 0;
      failures.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
