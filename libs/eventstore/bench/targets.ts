import { randomUUID } from 'node:crypto';
import { NO_CONCURRENCY_CHECK, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import type { EventStore } from '../src/port.js';
import { type BenchTarget, newStreamName, sampleEvent } from './scenarios.js';

/** Our adapters, through the port only: what the complaints service sees. */
export function portTarget(name: string, store: EventStore): BenchTarget {
  return {
    name,
    async append(streamName, events, isNew) {
      await store.appendToStream(streamName, events, { expectedRevision: isNew ? 'no_stream' : 'any' });
    },
    async readStream(streamName) {
      return (await store.readStream(streamName)).length;
    },
    async catchUp(count) {
      const subscription = store.subscribeToAll();
      let received = 0;
      try {
        for await (const _event of subscription) {
          if (++received >= count) break;
        }
      } finally {
        await subscription.stop();
      }
      return received;
    },
    close: () => store.close(),
  };
}

/** Events per catch-up query, the same as our adapters (their default page size). */
const EMMETT_BATCH_SIZE = 500;

/**
 * Emmett's PostgreSQL event store (`getPostgreSQLEventStore`) on its own database of the same server.
 * - Appends: `appendToStream` with `STREAM_DOES_NOT_EXIST` for new streams (Emmett does not check it
 *   in SQL; ours checks `no_stream`), event ids passed as `messageId`.
 * - Reads: `readStream` of the whole stream.
 * - Catch-up: Emmett's subscription mechanism, a consumer with one reactor from `BEGINNING`, pulling
 *   500 messages per query (as ours) with no pause between full batches. Its reactor stores a checkpoint
 *   after every message (not configurable), so that cost is part of its figure.
 */
export function emmettTarget(url: string): BenchTarget {
  const store = getPostgreSQLEventStore(url);
  return {
    name: 'emmett',
    async append(streamName, events, isNew) {
      await store.appendToStream(
        streamName,
        events.map((event) => ({
          type: event.type,
          data: event.data,
          metadata: { ...event.metadata, messageId: event.id },
        })),
        { expectedStreamVersion: isNew ? STREAM_DOES_NOT_EXIST : NO_CONCURRENCY_CHECK },
      );
    },
    async readStream(streamName) {
      return (await store.readStream(streamName)).events.length;
    },
    async catchUp(count) {
      const consumer = store.consumer({
        stopWhen: { noMessagesLeft: true },
        pulling: { batchSize: EMMETT_BATCH_SIZE, pullingFrequencyInMs: 0 },
      });
      let received = 0;
      consumer.reactor({
        processorId: `bench-${randomUUID()}`,
        startFrom: 'BEGINNING',
        eachMessage: async () => {
          received++;
        },
        stopAfter: () => received >= count,
      });
      // stop(), not close(): the consumer shares the store's pool, which close() would end.
      await consumer.start();
      await consumer.stop();
      return received;
    },
    close: () => store.close(),
  };
}

/** The ceiling: one single-row INSERT per transaction into a plain table with one index. */
export async function rawInsertTarget(url: string, connections: number) {
  const pool = new Pool({ connectionString: url, max: connections });
  await pool.query(
    'CREATE TABLE raw_events (id bigserial PRIMARY KEY, stream_name text NOT NULL, event_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb)',
  );
  return {
    name: 'raw_insert',
    async op(): Promise<void> {
      const event = sampleEvent(0);
      // A named (prepared) statement, as our adapter's appends are, so the ceiling is a real one.
      await pool.query({
        name: 'raw_insert',
        text: 'INSERT INTO raw_events (stream_name, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5)',
        values: [
          newStreamName('raw'),
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        ],
      });
    },
    close: () => pool.end(),
  };
}
