import { UnsupportedEventStoreUrl } from './errors.js';
import { createEventStoreDbStore } from './eventstoredb/index.js';
import { MemoryEventStore } from './memory/index.js';
import type { EventStore } from './port.js';
import { type ErrorHook, openSqlDriver, PostgresEventStore } from './postgres/index.js';

export interface EventStoreOptions {
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
  /** Events per catch-up read. Default 500. */
  pageSize?: number;
  /** Live subscribers re-read at least this often without a notification. Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * Live subscribers, woken by an append, wait this much longer before reading, so that a burst of
   * appends is one read (PostgreSQL, PGlite and memory). Adds as much latency. Default 0.
   */
  gatherMs?: number;
  /** Errors the store recovers from by itself (lost connections, failed NOTIFY): pass a logger. */
  onError?: ErrorHook;
}

export const supportedEventStoreSchemes = [
  'esdb://',
  'esdb+discover://',
  'postgres://',
  'postgresql://',
  'pglite://<dir>',
  'pglite://memory',
  'memory://',
] as const;

/**
 * Opens the event store a URL names and runs its `init()` (schema creation or migration):
 * `postgres://` / `postgresql://` (node-postgres), `pglite://<dir>` or `pglite://memory` (embedded),
 * `memory://` (unit tests), `esdb://` / `esdb+discover://` (EventStoreDB). Anything else throws
 * `UnsupportedEventStoreUrl`, which lists these.
 */
export async function createEventStore(url: string, options: EventStoreOptions = {}): Promise<EventStore> {
  const store = await openEventStore(url, options);
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openEventStore(url: string, options: EventStoreOptions): Promise<EventStore> {
  const separator = typeof url === 'string' ? url.indexOf('://') : -1;
  const scheme = separator > 0 ? url.slice(0, separator).toLowerCase() : '';
  const storeOptions = {
    pageSize: options.pageSize,
    pollIntervalMs: options.pollIntervalMs,
    gatherMs: options.gatherMs,
    onError: options.onError,
  };
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
    case 'pglite':
      return new PostgresEventStore(
        await openSqlDriver(url, { poolSize: options.poolSize, onError: options.onError }),
        storeOptions,
      );
    case 'memory':
      return new MemoryEventStore({
        pageSize: options.pageSize,
        pollIntervalMs: options.pollIntervalMs,
        gatherMs: options.gatherMs,
      });
    case 'esdb':
    case 'esdb+discover':
      return createEventStoreDbStore(url);
    default:
      throw new UnsupportedEventStoreUrl(String(url));
  }
}
