import { createEventStore, MemoryEventStore, UnsupportedEventStoreUrl } from '@chp/eventstore';

describe('createEventStore(url)', () => {
  it.each(['mysql://localhost/db', 'file:///tmp/x', 'nonsense', '', 'POSTGRES:/missing-slash'])(
    'rejects %j with UnsupportedEventStoreUrl listing the valid schemes',
    async (url) => {
      const error = await createEventStore(url).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(UnsupportedEventStoreUrl);
      for (const scheme of ['esdb://', 'postgres://', 'postgresql://', 'pglite://', 'memory://']) {
        expect((error as Error).message).toContain(scheme);
      }
    },
  );

  it('opens the memory adapter for memory://', async () => {
    const store = await createEventStore('memory://');
    expect(store).toBeInstanceOf(MemoryEventStore);
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('hands esdb:// to the EventStoreDB adapter, whose init() reports an unreachable server', async () => {
    // Port 1 on loopback refuses at once; the adapter's init() checks the connection.
    await expect(createEventStore('esdb://127.0.0.1:1?tls=false')).rejects.toThrow(
      'EventStoreDB at esdb://127.0.0.1:1',
    );
  }, 30_000);

  it('asks for a directory when pglite:// names none', async () => {
    await expect(createEventStore('pglite://')).rejects.toThrow(/pglite:\/\/memory/);
  });

  it('reports an unreachable PostgreSQL server instead of hanging', async () => {
    // Port 1 on loopback refuses at once.
    await expect(createEventStore('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(/ECONNREFUSED/);
  });
});
