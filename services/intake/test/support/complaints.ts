// The real complaints service in-process (its application and NATS handlers, as its main composes
// them) on a PostgreSQL schema or PGlite, so intake's tests file into a real event store.
import { createEventStore, type EventStore } from '@chp/eventstore';
import { connect, type Service } from '@chp/messaging';
import { postgres } from '@chp/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type CommandHandler,
  createCommandHandler,
  systemClock,
} from '../../../complaints/src/application/index.js';
import { serveNatsCommands } from '../../../complaints/src/nats/index.js';
import { loadPoliciesFile } from '../../../complaints/src/sla/index.js';

export interface ComplaintsHandle {
  store: EventStore;
  handler: CommandHandler;
  /** Stops answering `complaints.cmd.*` (complaints is "down"); the store stays. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** ComplaintFiled events in the store, by complaint stream. */
  filed(): Promise<Map<string, number>>;
  eventsOf(complaintId: string): Promise<{ type: string; data: unknown }[]>;
  close(): Promise<void>;
}

export async function startComplaints(natsUrl: string): Promise<ComplaintsHandle> {
  const database = await postgres();
  const store = await createEventStore(database.url);
  const handler = createCommandHandler({ store, clock: systemClock, policies: loadPoliciesFile() });
  const nc: NatsConnection = await connect({ servers: natsUrl, name: 'complaints-in-intake-test' });
  let services: Service[] = [];
  const start = async () => {
    if (services.length > 0) return; // already answering (a second start would leak handlers)
    services = serveNatsCommands({ nc, store, handler, clock: systemClock });
    await nc.flush(); // the subscriptions are on the server before anyone relies on them
  };
  const stop = async () => {
    await Promise.all(services.map((s) => s.stop()));
    services = [];
    await nc.flush();
  };
  await start();
  return {
    store,
    handler,
    start,
    stop,
    async filed() {
      const counts = new Map<string, number>();
      for (const event of await store.readAll()) {
        if (event.type === 'ComplaintFiled')
          counts.set(event.streamName, (counts.get(event.streamName) ?? 0) + 1);
      }
      return counts;
    },
    async eventsOf(complaintId) {
      const events = await store.readStream(`complaint-${complaintId}`).catch(() => []);
      return events.map((e) => ({ type: e.type, data: e.data }));
    },
    async close() {
      await stop();
      await nc.drain();
      await store.close();
      await database.close();
    },
  };
}
