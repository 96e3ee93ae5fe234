import { createPgDriver, createPgliteDriver, type ErrorHook, type SqlDriver } from '@chp/eventstore';
import { sentLogSchema } from './schema.js';

/** The schemes `SENT_LOG_URL` accepts. */
export const storageSchemes = ['postgres', 'postgresql', 'pglite'] as const;

/**
 * Opens `postgres://…` (node-postgres pool) or `pglite://<dir>` / `pglite://memory` (embedded) and
 * creates the tables. One SQL code path serves both, through the event store's driver interface.
 */
export async function openStorage(
  url: string,
  options: { onError?: ErrorHook; poolSize?: number } = {},
): Promise<SqlDriver> {
  const scheme = url.slice(0, Math.max(0, url.indexOf('://'))).toLowerCase();
  let driver: SqlDriver;
  if (scheme === 'postgres' || scheme === 'postgresql') {
    driver = createPgDriver(url, {
      // Concurrent handlers each hold a connection for a statement; more of them commit together.
      poolSize: options.poolSize ?? 20,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  } else if (scheme === 'pglite') {
    const location = url.slice('pglite://'.length);
    if (location === '')
      throw new TypeError(`${url}: name a directory (pglite://./.data/notifications) or pglite://memory`);
    driver = await createPgliteDriver(location);
  } else {
    throw new TypeError(`${url}: expected one of ${storageSchemes.map((s) => `${s}://`).join(', ')}`);
  }
  try {
    await driver.exec(sentLogSchema);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return driver;
}
