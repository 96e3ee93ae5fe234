import { mkdir } from 'node:fs/promises';
import type { SqlDriver, SqlExecutor } from './driver.js';

/** What both a PGlite instance and one of its transactions offer. */
interface Queryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(script: string): Promise<unknown>;
}

/**
 * Embedded PostgreSQL (PGlite): one in-process connection, so statements and transactions queue
 * behind each other. `location` is a directory, or `memory` for a throwaway in-memory database.
 */
export async function createPgliteDriver(location: string): Promise<SqlDriver> {
  // Loaded lazily: the WASM build is large and server deployments never need it.
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  if (location !== 'memory') await mkdir(location, { recursive: true });
  const db = location === 'memory' ? await PGliteClass.create() : await PGliteClass.create(location);

  const executor = (target: Queryable): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly (string | null)[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await target.exec(script);
    },
  });
  const dbExecutor = executor(db);

  return {
    kind: 'pglite',
    query: dbExecutor.query,
    exec: dbExecutor.exec,
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    listen(channel, onNotify) {
      const unsubscribe = db.listen(channel, () => onNotify());
      return {
        async close() {
          const stop = await unsubscribe;
          if (!db.closed) await stop();
        },
      };
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
