import { MemoryEventStore, MemoryLog } from '@chp/eventstore';
import { describeEventStoreConformance } from './conformance/suite.js';

describeEventStoreConformance(
  'memory',
  async () => {
    const log = new MemoryLog();
    const store = new MemoryEventStore({ log });
    const others: MemoryEventStore[] = [];
    return {
      store,
      openAnother: async () => {
        const other = new MemoryEventStore({ log });
        others.push(other);
        return other;
      },
      close: async () => {
        await Promise.all([store, ...others].map((s) => s.close()));
      },
    };
  },
  { skip: { connectionLoss: 'no connections in memory', heldTransaction: 'no transactions in memory' } },
);
