import {
  type EventStore,
  type KeyStore,
  MemoryKeyStore,
  openSqlDriver,
  PersonalDataCipher,
  ProtectingEventStore,
  SqlKeyStore,
} from '@chp/eventstore';

/**
 * The key store's URL when `KEY_STORE_URL` is unset: the event store's PostgreSQL database, a PGlite
 * directory of its own beside the event store's (one process opens a directory), or memory.
 */
export function defaultKeyStoreUrl(eventStoreUrl: string): string {
  const scheme = eventStoreUrl.slice(0, Math.max(0, eventStoreUrl.indexOf('://'))).toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return eventStoreUrl;
  if (scheme === 'memory') return 'memory://';
  if (scheme === 'pglite') {
    const location = eventStoreUrl.slice('pglite://'.length);
    return location === 'memory' ? eventStoreUrl : `pglite://${location.replace(/\/+$/, '')}-keys`;
  }
  throw new TypeError(`set KEY_STORE_URL: the event store ${scheme}:// holds no key tables`);
}

/** Opens the key store a URL names and creates its tables. */
export async function openKeyStore(url: string): Promise<KeyStore> {
  if (url.toLowerCase().startsWith('memory://')) return new MemoryKeyStore();
  const keys = new SqlKeyStore(await openSqlDriver(url));
  try {
    await keys.init();
  } catch (error) {
    await keys.close();
    throw error;
  }
  return keys;
}

/** The event store whose events hold personal fields encrypted, over `store`, with the key store at `keyStoreUrl`. */
export async function protectPersonalData(
  store: EventStore,
  keyStoreUrl: string,
): Promise<ProtectingEventStore> {
  return new ProtectingEventStore(store, new PersonalDataCipher(await openKeyStore(keyStoreUrl)));
}
