import { chmod, mkdir } from 'node:fs/promises';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import type { Logger } from '@chp/platform';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';

export interface SessionStore {
  store: session.Store;
  /** `postgresql` (shared by replicas), `pglite` (one process, survives its restarts) or `memory`. */
  kind: 'postgresql' | 'pglite' | 'memory';
  close(): Promise<void>;
}

export const sessionTable = 'console_sessions';

// connect-pg-simple's table (its table.sql), created here so that replicas starting together do not
// race to create it, and so that PGlite (one statement per query) gets it too.
const schema = `
CREATE TABLE IF NOT EXISTS ${sessionTable} (
  sid varchar NOT NULL PRIMARY KEY,
  sess json NOT NULL,
  expire timestamp(6) NOT NULL
);
CREATE INDEX IF NOT EXISTS ${sessionTable}_expire ON ${sessionTable} (expire);
`;

/** connect-pg-simple's parameters as the driver takes them: text (the SQL casts) or null. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * connect-pg-simple over the event store's SQL driver, so that one store serves PostgreSQL and
 * PGlite: it needs only `pool.query(text, params)` answering `{rows}`.
 */
function driverAsPool(driver: SqlDriver) {
  return {
    query: async (text: string, params: unknown[] = []) => ({
      rows: await driver.query<Record<string, unknown>>(text, params.map(asText)),
    }),
  };
}

/**
 * The session store of `SESSION_STORE_URL`: `postgres://…` (a table `console_sessions`, shared by
 * every replica), `pglite://<dir>` (an embedded database in a directory only its owner may read: one
 * process, kept across its restarts; what `npm start` uses) or `memory://` (express-session's
 * MemoryStore: lost on restart, one replica, tests). Expired sessions are pruned every 15 minutes.
 */
export async function openSessionStore(url: string, logger: Logger): Promise<SessionStore> {
  if (url === 'memory://') {
    return { store: new session.MemoryStore(), kind: 'memory', close: async () => undefined };
  }
  const pglite = url.startsWith('pglite://') && url !== 'pglite://memory';
  if (pglite) {
    const dir = url.slice('pglite://'.length);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Sessions hold access and refresh tokens: the directory is the owner's alone.
    await chmod(dir, 0o700);
  }
  const driver = await openSqlDriver(url, {
    poolSize: 5,
    onError: (error, context) =>
      logger.warn({ context, err: { message: (error as Error).message } }, 'session store error'),
  });
  try {
    await driver.transaction(async (tx) => {
      // Replicas starting together take turns (a lock for the transaction) instead of racing.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sessionTable]);
      await tx.exec(schema);
    });
  } catch (error) {
    await driver.close();
    throw error;
  }
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    // The one cast here: connect-pg-simple types `pool` as node-postgres' Pool, and uses only query().
    pool: driverAsPool(driver) as unknown as connectPgSimple.PGStoreOptions['pool'],
    tableName: sessionTable,
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
    errorLog: (...args: unknown[]) =>
      logger.warn({ err: { message: args.map(String).join(' ') } }, 'session store error'),
  });
  return {
    store,
    kind: driver.kind === 'postgres' ? 'postgresql' : 'pglite',
    close: async () => {
      store.close();
      await driver.close();
    },
  };
}
