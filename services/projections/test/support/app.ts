import type { Server } from 'node:http';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { listen, signToken, urlOf } from '@chp/platform';
import { type PostgresHandle, postgres } from '@chp/testing';
import type { EventFeed } from '../../src/feed/index.js';
import { createProjectionsApp } from '../../src/http/index.js';
import { Rebuilder, type RebuilderOptions } from '../../src/rebuild/index.js';
import { migrate } from '../../src/store/index.js';

export const JWT_SECRET = 'projections-test-secret-of-at-least-32-chars';
export const NOW = new Date('2026-03-02T12:00:00.000Z');

export interface QueryHarness {
  url: string;
  db: SqlDriver;
  rebuilder: Rebuilder;
  get(path: string, role?: string, accept?: string): Promise<Response>;
  post(path: string, role?: string): Promise<Response>;
  close(): Promise<void>;
}

const emptyFeed: EventFeed = { read: async () => ({ events: [], next: null }) };

/** The query API in-process over a fresh schema (PostgreSQL) or PGlite, with a fixed "now". */
export async function startQueryHarness(
  feed: EventFeed = emptyFeed,
  rebuild: Omit<RebuilderOptions, 'db' | 'feed'> = {},
): Promise<QueryHarness> {
  const database: PostgresHandle = await postgres();
  const db = await openSqlDriver(database.url);
  await migrate(db);
  const rebuilder = new Rebuilder({ ...rebuild, db, feed });
  const app = createProjectionsApp({ db, rebuilder, auth: { secret: JWT_SECRET }, now: () => NOW });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const url = urlOf(server);
  const token = (role: string) =>
    signToken({ secret: JWT_SECRET, subject: `${role}-1`, roles: [role as 'agent'] });
  return {
    url,
    db,
    rebuilder,
    async get(path, role = 'supervisor', accept = 'application/json') {
      return fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await token(role)}`, accept } });
    },
    async post(path, role = 'admin') {
      return fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(role)}` },
      });
    },
    async close() {
      await rebuilder.settled();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
      await database.close();
    },
  };
}
