import { eventstoredb, eventstoredbAvailability } from '@chp/testing';
import { createEventStoreDbStore } from '../src/eventstoredb/index.js';
import type { EventStore } from '../src/port.js';
import { describeEventStoreConformance } from './conformance/suite.js';

// The EventStoreDB leg runs where ESDB_URL is set or a Docker engine answers (a throwaway container).
// Elsewhere it prints one line and registers a skipped test that says why: no silent pass.
const availability = eventstoredbAvailability();

if (!availability.available) {
  process.stderr.write(`[eventstore] EventStoreDB leg skipped: ${availability.reason}\n`);
  describe('EventStore conformance: eventstoredb', () => {
    it.skip(`skipped: ${availability.reason}`, () => {
      // Nothing to run without a server; the reason is in the test name.
    });
  });
} else {
  describeEventStoreConformance(
    'eventstoredb',
    async () => {
      const handle = await eventstoredb();
      // Docker was configured but did not start a server: a broken environment, not a skip.
      if (!handle.available) throw new Error(`EventStoreDB unavailable: ${handle.reason}`);
      const opened: EventStore[] = [];
      const open = async () => {
        const store = createEventStoreDbStore(handle.url, {
          resubscribe: { initialDelayMs: 50, maxDelayMs: 1_000 },
        });
        try {
          await store.init();
        } catch (error) {
          await store.close();
          throw error;
        }
        opened.push(store);
        return store;
      };
      let store: EventStore;
      try {
        store = await open();
      } catch (error) {
        await handle.stop();
        throw error;
      }
      return {
        store,
        openAnother: open,
        async close() {
          await Promise.all(opened.map((store) => store.close()));
          await handle.stop();
        },
      };
    },
    {
      skip: {
        connectionLoss:
          'a test cannot cut the gRPC channel of one client; resubscription after a drop is specified in eventstoredb-subscription.unit.test.ts',
        heldTransaction: 'EventStoreDB appends are atomic gRPC calls; there is no transaction to hold open',
      },
    },
  );
}
