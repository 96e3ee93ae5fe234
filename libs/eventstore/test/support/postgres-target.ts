import { randomBytes } from 'node:crypto';
import {
  createEventStore,
  type EventStore,
  type EventStoreOptions,
  PostgresEventStore,
} from '@chp/eventstore';
import { postgresServer } from '@chp/testing';
import pg from 'pg';
import type { ConformanceTarget } from '../conformance/suite.js';

/**
 * A conformance target on a real server: each store gets its own `application_name`, so that a
 * test can terminate exactly that store's connections.
 */
export async function postgresTarget(
  options: EventStoreOptions = {},
): Promise<ConformanceTarget & { url: string }> {
  const db = await postgresServer();
  if (!db.available) throw new Error(`no PostgreSQL server: ${db.reason}`);
  const names = new Map<EventStore, string>();
  const open = async () => {
    const name = `chp-es-test-${randomBytes(4).toString('hex')}`;
    const url = new URL(db.url);
    url.searchParams.set('application_name', name);
    const store = await createEventStore(url.toString().replace(/\+/g, '%20'), options);
    names.set(store, name);
    return store;
  };
  const store = await open();
  return {
    url: db.url,
    store,
    openAnother: open,
    async breakConnections(target) {
      const name = names.get(target);
      if (!name) throw new Error('breakConnections: not a store of this target');
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
          [name],
        );
        if (rows.length === 0) throw new Error(`breakConnections: no connections named ${name}`);
      } finally {
        await admin.end();
      }
    },
    async appendHeldOpen(streamName, events, hold) {
      if (!(store instanceof PostgresEventStore))
        throw new Error('appendHeldOpen needs the PostgreSQL store');
      return store.withTransaction(async (tx) => {
        const result = await tx.appendToStream(streamName, events);
        await hold();
        return result;
      });
    },
    async close() {
      await Promise.all([...names.keys()].map((s) => s.close()));
      await db.close();
    },
  };
}
