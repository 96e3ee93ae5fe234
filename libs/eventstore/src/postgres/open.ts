import type { SqlDriver } from './driver.js';
import { createPgDriver, type PgDriverOptions } from './pg-driver.js';
import { createPgliteDriver } from './pglite-driver.js';

/** The URL schemes {@link openSqlDriver} accepts. */
export const sqlDriverSchemes = ['postgres', 'postgresql', 'pglite'] as const;

/**
 * Opens `postgres://…` or `postgresql://…` (a node-postgres pool; the options apply to it) or
 * `pglite://<dir>` / `pglite://memory` (embedded). Anything else throws a TypeError naming these.
 */
export async function openSqlDriver(url: string, options: PgDriverOptions = {}): Promise<SqlDriver> {
  const separator = url.indexOf('://');
  const scheme = separator > 0 ? url.slice(0, separator).toLowerCase() : '';
  if (scheme === 'postgres' || scheme === 'postgresql') return createPgDriver(url, options);
  if (scheme === 'pglite') {
    const location = url.slice(separator + 3);
    if (location === '')
      throw new TypeError(`${url}: name a directory (pglite://./.data/<name>) or pglite://memory`);
    return createPgliteDriver(location);
  }
  throw new TypeError(
    `${url.slice(0, 40)}: expected one of ${sqlDriverSchemes.map((s) => `${s}://`).join(', ')}`,
  );
}
