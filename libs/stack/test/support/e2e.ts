import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  roleTokens,
  type ServiceName,
  type Stack,
  StackClient,
  type StackOptions,
  serviceNames,
  startStack,
} from '@chp/stack';
import { freePort, type SmtpSink, smtpSink } from '@chp/testing';

/** A whole stack for one e2e test file: nats-server, the four services as processes, a real SMTP sink. */
export interface E2E {
  stack: Stack;
  smtp: SmtpSink;
  client: StackClient;
  tokens: Awaited<ReturnType<typeof roleTokens>>;
  stop(): Promise<void>;
}

export interface E2EOptions {
  env?: Record<string, string>;
  serviceEnv?: StackOptions['serviceEnv'];
}

/**
 * Starts the stack as `npm start` does (separate processes, PGlite under a fresh data directory,
 * nats-server from PATH on a port of its own), but with mail to a real SMTP server in the test.
 * Service logs are kept under `<dataDir>/logs` and printed when a start fails.
 */
export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chp-e2e-'));
  const smtp = await smtpSink();
  const ports = Object.fromEntries(
    await Promise.all(serviceNames.map(async (name) => [name, await freePort()] as const)),
  ) as Record<ServiceName, number>;
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      nats: { port: -1 },
      ports,
      smtpUrl: smtp.url,
      env: { LOG_LEVEL: 'info', ...options.env },
      ...(options.serviceEnv ? { serviceEnv: options.serviceEnv } : {}),
    });
  } catch (error) {
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const tokens = await roleTokens(stack.secrets.jwtSecret, '1h');
  const client = new StackClient({ urls: stack.urls, tokens });
  return {
    stack,
    smtp,
    client,
    tokens,
    async stop() {
      await stack.stop();
      await smtp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
