import type { Server } from 'node:http';
import { natsInboxPrefix } from '@chp/contracts';
import { type ConsumerRunner, connect, ensurePlatformStreams } from '@chp/messaging';
import { createTokenVerifier, listen, type RateLimitOptions, signToken, urlOf } from '@chp/platform';
import { type NatsHandle, nats } from '@chp/testing';
import { type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Router } from 'express';
import { runIntakeConsumer } from '../../src/consumer/intake-consumer.js';
import { runMailConsumer } from '../../src/email/mail-consumer.js';
import { emailRouter } from '../../src/email/routes.js';
import { createIntakeApp } from '../../src/http/app.js';
import { loadLanguageDetector } from '../../src/language/detect.js';
import { customerLinksRouter } from '../../src/links/routes.js';
import { openLedger } from '../../src/submission/ledger.js';
import type { SubmissionDeps } from '../../src/submission/submit.js';
import { type ComplaintsHandle, startComplaints } from './complaints.js';

export const JWT_SECRET = 'intake-test-secret-of-at-least-32-characters';
export const LINK_SECRET = 'intake-test-customer-link-secret-32chars';

/** The authserv-id of the receiving mail gateway the tests trust (`EMAIL_AUTHSERV_ID`). */
export const GATEWAY = 'mx.intake.test';

export interface IntakeHarness {
  url: string;
  natsServer: NatsHandle;
  nc: NatsConnection;
  js: JetStreamClient;
  complaints: ComplaintsHandle;
  deps: SubmissionDeps;
  consumer?: ConsumerRunner;
  channelToken: string;
  agentToken: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  consumer?: boolean;
  rateLimit?: RateLimitOptions;
  /** Trust `X-Forwarded-For`, so that a test can send from many addresses. */
  trustProxy?: boolean;
  fileTimeoutMs?: number;
  /** More raw routers (the portal's), built on intake's own submission deps and NATS connection. */
  routers?: (deps: SubmissionDeps, nc: NatsConnection, js: JetStreamClient) => Promise<Router[]>;
  /** Complaints relays its events to COMPLAINTS (the portal follows them). */
  relay?: boolean;
}

const generous: RateLimitOptions = {
  client: { perSecond: 100_000, burst: 100_000 },
  anonymous: { perSecond: 100_000, burst: 100_000 },
};

/** Intake in-process on port 0 against a real nats-server and the real complaints service (a process). */
export async function startIntake(options: HarnessOptions = {}): Promise<IntakeHarness> {
  const natsServer = await nats();
  // Intake runs as its NATS user, so that a permission it lacks fails these tests; the tests' own
  // connection (`nc`, `js`: publishing channel submissions, watching dead letters) has no credentials,
  // which the test server maps to the operator.
  const credentials = natsServer.credentials('intake');
  const serviceNc = await connect({
    servers: natsServer.url,
    name: 'intake',
    inboxPrefix: natsInboxPrefix('intake'),
    ...(credentials ? { auth: credentials } : {}),
  });
  const serviceJs = jetstream(serviceNc);
  await ensurePlatformStreams(await jetstreamManager(serviceNc), { user: 'intake' });
  const nc = await connect({ servers: natsServer.url, name: 'intake-test' });
  const js = jetstream(nc);
  const complaints = await startComplaints(natsServer, JWT_SECRET, { relay: options.relay === true });
  const deps: SubmissionDeps = {
    nc: serviceNc,
    js: serviceJs,
    ledger: await openLedger(serviceJs),
    defaultRegion: 'GB',
    defaultLanguage: 'en',
    detectLanguage: await loadLanguageDetector(),
    fileTimeoutMs: options.fileTimeoutMs ?? 5_000,
    statusUrlTemplate: '/v1/complaints/{complaintId}',
    now: () => new Date(),
    trustedAuthServIds: [GATEWAY],
  };
  const consumer = options.consumer
    ? await runIntakeConsumer({ nc: serviceNc, deps, retryBackoff: { baseMs: 100, maxMs: 500 } })
    : undefined;
  const mailConsumer = options.consumer
    ? await runMailConsumer({ nc: serviceNc, deps, retryBackoff: { baseMs: 100, maxMs: 500 } })
    : undefined;
  const verifier = createTokenVerifier({ realm: 'intake', secret: JWT_SECRET });
  const app = createIntakeApp({
    rawRouters: [
      emailRouter(deps, verifier),
      customerLinksRouter({ nc: serviceNc, secret: LINK_SECRET, timeoutMs: 5_000, now: () => new Date() }),
      ...((await options.routers?.(deps, serviceNc, serviceJs)) ?? []),
    ],
    submissions: deps,
    nc: serviceNc,
    auth: verifier,
    rateLimit: options.rateLimit ?? generous,
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = urlOf(server);
  const channelToken = await signToken({ secret: JWT_SECRET, subject: 'web-form', roles: ['channel'] });
  const agentToken = await signToken({ secret: JWT_SECRET, subject: 'agent-alice', roles: ['agent'] });
  return {
    url,
    natsServer,
    nc,
    js,
    complaints,
    deps,
    ...(consumer ? { consumer } : {}),
    channelToken,
    agentToken,
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${channelToken}`,
          ...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await consumer?.stop();
      await mailConsumer?.stop();
      await complaints.close();
      await serviceNc.drain();
      await nc.drain();
      await natsServer.stop();
    },
  };
}

let counter = 0;
/** A valid submission; each call gets a fresh externalRef. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    channel: 'web',
    externalRef: `form-${process.pid}-${Date.now()}-${counter}`,
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', preferredLanguage: 'en' },
    subject: 'Charged twice for one order',
    description: 'My card was charged twice for order 1234.',
    ...overrides,
  };
}
