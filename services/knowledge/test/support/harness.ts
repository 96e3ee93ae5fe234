import type { Server } from 'node:http';
import { natsInboxPrefix } from '@chp/contracts';
import { createEventStore, type EventStore, openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { connect } from '@chp/messaging';
import { listen, type Role, signToken, urlOf } from '@chp/platform';
import { type NatsHandle, nats, type PostgresHandle, postgres } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createKnowledgeHandler, type KnowledgeHandler } from '../../src/application/index.js';
import { createKnowledgeApp } from '../../src/http/index.js';
import { migrate, type Projector, startProjector } from '../../src/read-model/index.js';
import { ensureKnowledgeStream, type Relay, startRelay } from '../../src/relay/index.js';

export const JWT_SECRET = 'knowledge-test-secret-of-at-least-32-characters';

const people = {
  agent: { subject: 'agent-alice', roles: ['agent'] },
  supervisor: { subject: 'supervisor-sam', roles: ['supervisor'] },
  admin: { subject: 'admin-ann', roles: ['admin'] },
  channel: { subject: 'web-form', roles: ['channel'] },
} as const satisfies Record<string, { subject: string; roles: Role[] }>;
export type Person = keyof typeof people | 'anonymous';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { [key: string]: unknown };
}

export interface Client {
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
}

export interface Harness {
  url: string;
  store: EventStore;
  db: SqlDriver;
  handler: KnowledgeHandler;
  projector: Projector;
  /** The test's own connection (the server's operator), when started with NATS. */
  nc?: NatsConnection;
  as(person: Person): Client;
  close(): Promise<void>;
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

function client(url: string, token: string | undefined): Client {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    get: async (path, headers = {}) =>
      reply(await fetch(`${url}${path}`, { headers: { ...auth, ...headers } })),
    post: async (path, body, headers = {}) =>
      reply(
        await fetch(`${url}${path}`, {
          method: 'POST',
          headers: {
            ...auth,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      ),
  };
}

/**
 * The knowledge service in-process, as main composes it, on port 0: a real event store and read
 * model (PostgreSQL schemas of their own, or PGlite), optionally a real nats-server with the relay
 * running as knowledge's NATS user.
 */
export async function startHarness(
  options: { nats?: boolean; use?: 'auto' | 'pglite' } = {},
): Promise<Harness> {
  const databases: PostgresHandle[] = [
    await postgres({ use: options.use ?? 'auto' }),
    await postgres({ use: options.use ?? 'auto' }),
  ];
  const [storeDb, readDb] = databases as [PostgresHandle, PostgresHandle];
  const store = await createEventStore(storeDb.url);
  const db = await openSqlDriver(readDb.url);
  await migrate(db);
  const handler = createKnowledgeHandler({ store });
  const projector = await startProjector({ store, db });
  const closers: (() => Promise<unknown>)[] = [];

  let nc: NatsConnection | undefined;
  let relay: Relay | undefined;
  let server: NatsHandle | undefined;
  if (options.nats) {
    server = await nats();
    nc = await connect({ servers: server.url, name: 'knowledge-test' });
    const credentials = server.credentials('knowledge');
    const service = await connect({
      servers: server.url,
      name: 'knowledge',
      inboxPrefix: natsInboxPrefix('knowledge'),
      ...(credentials ? { auth: credentials } : {}),
    });
    // As main does: the service's own user ensures its stream and relays to it.
    await ensureKnowledgeStream(await jetstreamManager(service));
    relay = await startRelay({ store, js: jetstream(service) });
    const test = nc;
    const natsServer = server;
    closers.push(
      () => (relay as Relay).stop(),
      () => service.drain(),
      () => test.drain(),
      () => natsServer.stop(),
    );
  }

  const app = createKnowledgeApp({ handler, db, projector, auth: { secret: JWT_SECRET } });
  const http: Server = await listen(app, 0, '127.0.0.1');
  const url = urlOf(http);
  const tokens = new Map<string, string>();
  for (const [person, who] of Object.entries(people)) {
    tokens.set(person, await signToken({ secret: JWT_SECRET, subject: who.subject, roles: who.roles }));
  }
  return {
    url,
    store,
    db,
    handler,
    projector,
    ...(nc ? { nc } : {}),
    as: (person) => client(url, person === 'anonymous' ? undefined : tokens.get(person)),
    async close() {
      await new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      });
      for (const close of closers) await close();
      await projector.stop();
      await db.close();
      await store.close();
      for (const database of databases) await database.close();
    },
  };
}
