import { type ErrorHook, openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { sentLogSchema } from './schema.js';

/**
 * Opens the sent log at `postgres://…` or `pglite://<dir>` / `pglite://memory` (the event store's
 * driver, so one SQL code path serves both) and creates its tables.
 */
export async function openStorage(
  url: string,
  options: { onError?: ErrorHook; poolSize?: number } = {},
): Promise<SqlDriver> {
  const driver = await openSqlDriver(url, {
    // Concurrent handlers each hold a connection for a statement; more of them commit together.
    poolSize: options.poolSize ?? 20,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  try {
    await driver.exec(sentLogSchema);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return driver;
}
