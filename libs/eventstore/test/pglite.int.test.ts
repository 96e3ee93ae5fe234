import { createEventStore } from '@chp/eventstore';
import { postgres } from '@chp/testing';
import { describeEventStoreConformance } from './conformance/suite.js';

const singleConnection = 'PGlite has one connection: an open transaction blocks every other statement';

describeEventStoreConformance(
  'pglite',
  async () => {
    const db = await postgres({ use: 'pglite' });
    const store = await createEventStore(db.url);
    return {
      store,
      async close() {
        await store.close();
        await db.close();
      },
    };
  },
  {
    // Appends queue on the single connection, so the concurrent-writers test is scaled down.
    gapWriters: 8,
    gapAppendsPerWriter: 250,
    skip: {
      connectionLoss: 'PGlite is embedded: there is no connection to lose',
      heldTransaction: singleConnection,
      secondStore: 'a PGlite directory is opened by one instance at a time',
    },
  },
);
