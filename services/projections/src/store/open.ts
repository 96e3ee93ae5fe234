import { createPgDriver, createPgliteDriver, type ErrorHook, type SqlDriver } from '@chp/eventstore';

export const readModelSchemes = ['postgres', 'postgresql', 'pglite'] as const;

/** Opens `postgres://…` (node-postgres pool) or `pglite://<dir>` / `pglite://memory` (embedded). */
export async function openReadModel(
  url: string,
  options: { poolSize?: number; onError?: ErrorHook } = {},
): Promise<SqlDriver> {
  const separator = url.indexOf('://');
  const scheme = separator > 0 ? url.slice(0, separator).toLowerCase() : '';
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return createPgDriver(url, {
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
  }
  if (scheme === 'pglite') {
    const location = url.slice(separator + 3);
    if (location === '') throw new TypeError(`${url}: name a directory (pglite://./.data/projections)`);
    return createPgliteDriver(location);
  }
  throw new TypeError(`READ_MODEL_URL must be postgres://… or pglite://<dir>, got "${url.slice(0, 20)}…"`);
}
