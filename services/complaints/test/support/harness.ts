import type { Server } from 'node:http';
import { natsInboxPrefix } from '@chp/contracts';
import type { EventStore } from '@chp/eventstore';
import { createEventStore } from '@chp/eventstore';
import { connect, ensurePlatformStreams } from '@chp/messaging';
import { listen, type Role, signToken, urlOf } from '@chp/platform';
import { type NatsHandle, nats, type PostgresHandle, postgres } from '@chp/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type CommandHandler,
  createCommandHandler,
  createTestClock,
  fileComplaint,
  type TestClock,
} from '../../src/application/index.js';
import { complaintsReadiness, createComplaintsApp } from '../../src/http/index.js';
import { consumeNotifications, serveNatsCommands } from '../../src/nats/index.js';
import { DeadLetterDesk } from '../../src/operator/index.js';
import { defaultKeyStoreUrl, protectPersonalData } from '../../src/privacy/index.js';
import { loadPoliciesFile, type PolicySet } from '../../src/sla/index.js';
import { type FileRequestOverrides, fileRequest } from './builders.js';
import { type HttpClient, httpClient } from './http-client.js';

export const JWT_SECRET = 'complaints-test-secret-of-at-least-32-characters';

const people = {
  agent: { subject: 'agent-alice', roles: ['agent'] },
  agent2: { subject: 'agent-bob', roles: ['agent'] },
  supervisor: { subject: 'supervisor-sam', roles: ['supervisor'] },
  service: { subject: 'projections', roles: ['service'] },
  admin: { subject: 'admin-ann', roles: ['admin'] },
  channel: { subject: 'web-form', roles: ['channel'] },
} as const satisfies Record<string, { subject: string; roles: Role[] }>;
export type Person = keyof typeof people;

export interface Harness {
  url: string;
  /** The event store's (and the key store's) database, for tests that read its bytes. */
  databaseUrl: string;
  store: EventStore;
  handler: CommandHandler;
  clock: TestClock;
  policies: PolicySet;
  /** Present when started with `nats: true`. */
  nc?: NatsConnection;
  natsServer?: NatsHandle;
  /** An API client acting as that person (or anonymous). */
  as(person: Person | 'anonymous'): HttpClient;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Start nats-server, the `complaints.cmd.*` handlers and the notifications consumer. */
  nats?: boolean;
  start?: string;
}

/**
 * The complaints service in-process, as main composes it, on port 0: a real event store (a
 * PostgreSQL schema of its own, or PGlite), an injected test clock, optionally a real nats-server.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const policies = loadPoliciesFile();
  const clock = createTestClock(options.start ?? '2026-03-02T09:00:00Z');
  const database: PostgresHandle = await postgres();
  // As main composes it: personal fields encrypted, the key tables in the same schema.
  const store = await protectPersonalData(
    await createEventStore(database.url),
    defaultKeyStoreUrl(database.url),
  );
  const handler = createCommandHandler({ store, clock, policies, erasure: store.cipher });
  const closers: (() => Promise<unknown>)[] = [];

  let nc: NatsConnection | undefined;
  let natsServer: NatsHandle | undefined;
  let deadLetters: DeadLetterDesk | undefined;
  if (options.nats) {
    natsServer = await nats();
    // The tests' connection has no credentials (the test server's operator); complaints' commands
    // and consumer run as complaints' NATS user, so that a permission it lacks fails these tests.
    const connection = await connect({ servers: natsServer.url, name: 'complaints-test' });
    nc = connection;
    await ensurePlatformStreams(await jetstreamManager(connection));
    const credentials = natsServer.credentials('complaints');
    const service = await connect({
      servers: natsServer.url,
      name: 'complaints',
      inboxPrefix: natsInboxPrefix('complaints'),
      ...(credentials ? { auth: credentials } : {}),
    });
    const services = serveNatsCommands({ nc: service, store, handler, clock });
    const consumer = await consumeNotifications({ nc: service, handler });
    deadLetters = await DeadLetterDesk.open(service);
    closers.push(
      () => Promise.all(services.map((s) => s.stop())),
      () => consumer.stop(),
      () => service.drain(),
      () => connection.drain(),
      () => (natsServer as NatsHandle).stop(),
    );
  }

  const app = createComplaintsApp({
    store,
    handler,
    clock,
    policies,
    auth: { secret: JWT_SECRET },
    readiness: complaintsReadiness({ store, ...(nc ? { nc } : {}) }),
    ...(deadLetters ? { deadLetters } : {}),
  });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = urlOf(server);
  const tokens = new Map<Person, string>();
  for (const [person, who] of Object.entries(people) as [Person, (typeof people)[Person]][]) {
    tokens.set(person, await signToken({ secret: JWT_SECRET, subject: who.subject, roles: who.roles }));
  }

  return {
    url,
    databaseUrl: database.url,
    store,
    handler,
    clock,
    policies,
    ...(nc ? { nc } : {}),
    ...(natsServer ? { natsServer } : {}),
    as: (person) => httpClient(url, person === 'anonymous' ? undefined : tokens.get(person)),
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      for (const close of closers) await close();
      await store.close();
      await database.close();
    },
  };
}

/** Files a complaint through the application (as `complaints.cmd.file` would) and returns the reply. */
export async function fileDirectly(harness: Harness, overrides: FileRequestOverrides = {}) {
  const request = fileRequest(overrides);
  const result = await fileComplaint(harness, { type: 'FileComplaint', ...request });
  return { ...result, request };
}
