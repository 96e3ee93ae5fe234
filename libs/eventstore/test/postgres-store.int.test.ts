import { randomUUID } from 'node:crypto';
import { createEventStore, type EventStore, PostgresEventStore, StreamNotFound } from '@chp/eventstore';
import { type PostgresHandle, postgres, postgresServerAvailability, waitFor } from '@chp/testing';
import pg from 'pg';
import { createPgDriver } from '../src/postgres/pg-driver.js';
import { notificationChannel } from '../src/postgres/schema.js';

const event = (type = 'Tested') => ({ id: randomUUID(), type, data: { at: 'now' } });
const server = postgresServerAvailability();

describe.each(['auto', 'pglite'] as const)('PostgreSQL event store specifics (%s)', (use) => {
  let db: PostgresHandle;
  let store: EventStore;

  beforeAll(async () => {
    db = await postgres({ use });
    store = await createEventStore(db.url);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await db?.close();
  });

  it('withTransaction commits its appends together, or not at all', async () => {
    if (!(store instanceof PostgresEventStore)) throw new Error('expected the PostgreSQL store');
    const [a, b] = [`tx-${randomUUID()}`, `tx-${randomUUID()}`];
    await store.withTransaction(async (tx) => {
      await tx.appendToStream(a, [event()], { expectedRevision: 'no_stream' });
      await tx.appendToStream(b, [event(), event()], { expectedRevision: 'no_stream' });
    });
    expect(await store.readStream(b)).toHaveLength(2);

    const [c, d] = [`tx-${randomUUID()}`, `tx-${randomUUID()}`];
    await expect(
      store.withTransaction(async (tx) => {
        await tx.appendToStream(c, [event()]);
        await tx.appendToStream(d, [event()], { expectedRevision: 5n });
      }),
    ).rejects.toMatchObject({ kind: 'wrong_expected_version', expected: 5n, actual: 'no_stream' });
    await expect(store.readStream(c)).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('createStreams creates several new streams in one statement, all or none', async () => {
    if (!(store instanceof PostgresEventStore)) throw new Error('expected the PostgreSQL store');
    const [a, b] = [`cs-${randomUUID()}`, `cs-${randomUUID()}`];
    const streams = [
      { streamName: a, events: [event('Reserved')] },
      { streamName: b, events: [event('Filed'), event('Noted')] },
    ];
    const created = await store.createStreams(streams);
    expect(created.written).toBe(true);
    expect(created.results.map((r) => r.nextExpectedRevision)).toEqual([0n, 1n]);
    expect((await store.readStream(b)).map((e) => e.type)).toEqual(['Filed', 'Noted']);

    // The same call again (a retried request): nothing written, the original results.
    const repeated = await store.createStreams(streams);
    expect(repeated.written).toBe(false);
    expect(repeated.results).toEqual(created.results);
    expect(await store.readStream(b)).toHaveLength(2);

    // A stream that exists with other events: WrongExpectedVersion naming it, and the new one is not created.
    const c = `cs-${randomUUID()}`;
    await expect(
      store.createStreams([
        { streamName: c, events: [event()] },
        { streamName: a, events: [event('Other')] },
      ]),
    ).rejects.toMatchObject({
      kind: 'wrong_expected_version',
      streamName: a,
      expected: 'no_stream',
      actual: 0n,
    });
    await expect(store.readStream(c)).rejects.toBeInstanceOf(StreamNotFound);
  });

  it('createStreams called concurrently with the same streams writes them once', async () => {
    const pgStore = store;
    if (!(pgStore instanceof PostgresEventStore)) throw new Error('expected the PostgreSQL store');
    const streams = [
      { streamName: `cs-${randomUUID()}`, events: [event('Reserved')] },
      { streamName: `cs-${randomUUID()}`, events: [event('Filed')] },
    ];
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => pgStore.createStreams(streams)));
    expect(outcomes.filter((o) => o.written)).toHaveLength(1);
    for (const outcome of outcomes) expect(outcome.results).toEqual(outcomes[0]!.results);
    for (const { streamName } of streams) expect(await store.readStream(streamName)).toHaveLength(1);
  });

  const serverOnly = server.available && use === 'auto' ? it : it.skip;
  const why = serverOnly === it ? '' : ` (skipped: ${server.available ? 'needs a server' : server.reason})`;

  it('init() is idempotent and keeps what is stored', async () => {
    const stream = `init-${randomUUID()}`;
    await store.appendToStream(stream, [event()]);
    await store.init();
    await Promise.all([store.init(), store.init()]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  serverOnly(`several stores initialising one schema at once migrate it once${why}`, async () => {
    const fresh = await postgres({ use: 'server' });
    try {
      const stores = await Promise.all([1, 2, 3, 4].map(() => createEventStore(fresh.url)));
      await Promise.all(stores.map((s) => s.close()));
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT version FROM es_migrations ORDER BY version');
        expect(rows).toEqual([{ version: 1 }]);
      } finally {
        await client.end();
      }
    } finally {
      await fresh.close();
    }
  });

  serverOnly(`refuses a schema migrated by newer code${why}`, async () => {
    const fresh = await postgres({ use: 'server' });
    try {
      await (await createEventStore(fresh.url)).close();
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      await client.query(`INSERT INTO es_migrations (version, description) VALUES (999, 'from the future')`);
      await client.end();
      await expect(createEventStore(fresh.url)).rejects.toThrow(/version 999, newer than this code/);
    } finally {
      await fresh.close();
    }
  });

  serverOnly(`announces commits to other processes with NOTIFY on the schema's channel${why}`, async () => {
    const listener = createPgDriver(db.url);
    const channel = await notificationChannel(listener);
    let heard = 0;
    const listening = listener.listen(channel, () => {
      heard++;
    });
    try {
      // The listener also wakes once when it connects (for anything missed while disconnected).
      await waitFor(() => heard >= 1);
      const before = heard;
      await store.appendToStream(`notify-${randomUUID()}`, [event()]);
      await waitFor(() => heard > before, { description: 'a NOTIFY after the append' });
    } finally {
      await listening.close();
      await listener.close();
    }
  });
});
