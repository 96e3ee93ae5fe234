// One-off migration (SECURITY.md, "Data written before encryption"): seals the personal fields of
// events appended before encryption, in place. Reads EVENT_STORE_URL and KEY_STORE_URL as the
// service does; PostgreSQL or PGlite only. Run it with the complaints service stopped:
//   EVENT_STORE_URL=postgres://… npm run encrypt-existing-events -w services/complaints
import { createEventStore, encryptExistingEvents, openSqlDriver, PersonalDataCipher } from '@chp/eventstore';
import { defaultKeyStoreUrl, openKeyStore } from '../src/privacy/index.js';

async function main(): Promise<void> {
  const eventsUrl = process.env.EVENT_STORE_URL ?? 'pglite://./.data/complaints';
  // The event store's tables as this code expects them (its migrations run on open).
  await (await createEventStore(eventsUrl)).close();
  const keys = await openKeyStore(process.env.KEY_STORE_URL ?? defaultKeyStoreUrl(eventsUrl));
  const events = await openSqlDriver(eventsUrl);
  try {
    const result = await encryptExistingEvents(events, new PersonalDataCipher(keys));
    console.log(`encrypted ${result.encrypted} of ${result.scanned} events without a sealed patch`);
  } finally {
    await events.close();
    await keys.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
