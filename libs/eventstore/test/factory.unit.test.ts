import { createEventStore, MemoryEventStore, openSqlDriver, UnsupportedEventStoreUrl } from '@chp/eventstore';

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

describe('openSqlDriver(url)', () => {
  it('opens pglite://memory as the embedded driver, which answers SQL', async () => {
    const driver = await openSqlDriver('pglite://memory');
    try {
      expect(driver.kind).toBe('pglite');
      expect(await driver.query<{ two: number }>('SELECT 1 + 1 AS two')).toEqual([{ two: 2 }]);
    } finally {
      await driver.close();
    }
  });

  it.each(['postgres://nobody@127.0.0.1:1/none', 'POSTGRESQL://nobody@127.0.0.1:1/none'])(
    'opens %j as a node-postgres pool, connecting on first use',
    async (url) => {
      const driver = await openSqlDriver(url);
      try {
        expect(driver.kind).toBe('postgres');
        await expect(driver.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      } finally {
        await driver.close();
      }
    },
  );

  it('asks for a directory when pglite:// names none', async () => {
    await expect(openSqlDriver('pglite://')).rejects.toThrow(/name a directory .* or pglite:\/\/memory/);
  });

  it.each(['mysql://localhost/db', 'memory://', 'nonsense'])(
    'rejects %j, naming the schemes it takes',
    async (url) => {
      await expect(openSqlDriver(url)).rejects.toThrow(
        'expected one of postgres://, postgresql://, pglite://',
      );
    },
  );
});
