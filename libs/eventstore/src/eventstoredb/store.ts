import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type ReadPosition,
  type ReadRevision,
  START,
} from '@eventstore/db-client';
import { aggregateStream } from '../aggregate.js';
import { StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../port.js';
import {
  validateAppend,
  validateExpectedRevision,
  validateMaxCount,
  validateStreamName,
} from '../streams.js';
import { createCheckpointStore } from './checkpoints.js';
import {
  isSystemEvent,
  mapEsdbError,
  matchesFilter,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toRecordedEvent,
} from './mapping.js';
import { comparePositions, decodePosition, parsePosition } from './positions.js';
import { type ResubscribeOptions, subscribeToAllWithResubscribe } from './subscription.js';

export interface EventStoreDbStoreOptions {
  /** Backoff and drop notifications of `subscribeToAll`. */
  resubscribe?: ResubscribeOptions;
  /** Deadline of the connection check in `init()`. Default 10 s. */
  initTimeoutMs?: number;
}

/** `$all` is read in pages; the client filters, since its `readAll` takes no server-side filter. */
const READ_ALL_PAGE = 500;

/**
 * The EventStore port on EventStoreDB 22.6+ through `@eventstore/db-client`. `url` is an ESDB
 * connection string: `esdb://host:2113?tls=false`, `esdb+discover://…`, optionally with credentials.
 */
export function createEventStoreDbStore(url: string, options: EventStoreDbStoreOptions = {}): EventStore {
  const client = EventStoreDBClient.connectionString(url);
  const subscriptions = new Set<Subscription>();
  let closing: Promise<void> | undefined;

  /**
   * The `$all` position of one event, read back after an append. The append's own answer is not
   * used: an idempotent retry answers without one, and for a multi-event write its commit/prepare
   * pair is the write's, which need not equal the last event's as readers and subscriptions see it.
   */
  async function positionOfRevision(streamName: string, revision: bigint): Promise<Position> {
    for await (const resolved of client.readStream(streamName, {
      direction: FORWARDS,
      fromRevision: revision,
      maxCount: 1,
    })) {
      const event = toRecordedEvent(resolved);
      if (event) return event.position;
    }
    throw new Error(
      `EventStoreDB reported revision ${revision} of ${streamName}, but it cannot be read back`,
    );
  }

  async function currentRevision(streamName: string): Promise<bigint | 'no_stream'> {
    try {
      for await (const resolved of client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (resolved.event) return resolved.event.revision;
      }
      return 'no_stream';
    } catch (error) {
      const mapped = mapEsdbError(error, streamName);
      if (mapped instanceof StreamNotFound) return 'no_stream';
      throw mapped;
    }
  }

  const store: EventStore = {
    kind: 'eventstoredb',

    async init() {
      // The client connects lazily; one tiny read of $all proves the address and the read rights
      // that subscriptions need, so a bad EVENT_STORE_URL stops the service at start.
      try {
        for await (const _ of client.readAll({ maxCount: 1, deadline: options.initTimeoutMs ?? 10_000 })) {
          break;
        }
      } catch (error) {
        throw new Error(`EventStoreDB at ${redact(url)} is not usable: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },

    async appendToStream(
      streamName: string,
      events: readonly EventData[],
      appendOptions: AppendOptions = {},
    ): Promise<AppendResult> {
      validateAppend(streamName, events);
      const expected = appendOptions.expectedRevision ?? 'any';
      validateExpectedRevision(expected);
      try {
        const result = await client.appendToStream(streamName, events.map(toEsdbEvent), {
          expectedRevision: toEsdbExpectedRevision(expected),
        });
        if (!result.success) {
          // Only with `throwOnAppendFailure=false` in the URL; the client's own revision is unreliable here.
          throw new WrongExpectedVersion(streamName, expected, await currentRevision(streamName));
        }
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          position: await positionOfRevision(streamName, result.nextExpectedRevision),
        };
      } catch (error) {
        throw mapEsdbError(error, streamName, expected);
      }
    },

    async readStream(streamName: string, readOptions: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
      validateStreamName(streamName);
      validateMaxCount(readOptions.maxCount);
      const direction = readOptions.direction ?? 'forwards';
      const from = readOptions.from ?? (direction === 'forwards' ? 'start' : 'end');
      const fromRevision: ReadRevision = from === 'start' ? START : from === 'end' ? END : from;
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of client.readStream(streamName, {
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromRevision,
          ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
        })) {
          const event = toRecordedEvent(resolved);
          if (event) events.push(event);
        }
      } catch (error) {
        throw mapEsdbError(error, streamName);
      }
      return events;
    },

    async readStreamIfExists(streamName, readOptions) {
      try {
        return await store.readStream(streamName, readOptions);
      } catch (error) {
        // The client answers a missing stream only by failing the read.
        if (error instanceof StreamNotFound) return undefined;
        throw error;
      }
    },

    aggregateStream(streamName, aggregateOptions) {
      return aggregateStream((name) => store.readStreamIfExists(name), streamName, aggregateOptions);
    },

    /**
     * The client's `readAll` takes no server-side filter, so `$all` is paged through and filtered
     * here: a filtered read scans the log from `after` (or the start). Subscriptions filter on the server.
     */
    async readAll(readOptions: ReadAllOptions = {}): Promise<RecordedEvent[]> {
      validateMaxCount(readOptions.maxCount);
      const maxCount = readOptions.maxCount ?? Number.POSITIVE_INFINITY;
      // ESDB's readAll `fromPosition` is inclusive: the event at `after` comes back and is skipped.
      let lastSeen = readOptions.after === undefined ? undefined : parsePosition(readOptions.after);
      let fromPosition: ReadPosition = lastSeen === undefined ? START : decodePosition(lastSeen);
      const events: RecordedEvent[] = [];
      while (events.length < maxCount) {
        let entries = 0;
        const pageStart: ReadPosition = fromPosition;
        for await (const resolved of client.readAll({ fromPosition, maxCount: READ_ALL_PAGE })) {
          entries++;
          const event = toRecordedEvent(resolved);
          if (!event) continue;
          if (lastSeen !== undefined && comparePositions(event.position, lastSeen) <= 0) continue;
          lastSeen = event.position;
          fromPosition = decodePosition(event.position);
          if (events.length >= maxCount || isSystemEvent(event.streamName, event.type)) continue;
          if (matchesFilter(event, readOptions.filter)) events.push(event);
        }
        if (entries < READ_ALL_PAGE) break;
        // A full page without one readable event would be read again and again: say so instead.
        if (fromPosition === pageStart) {
          throw new Error(
            `readAll of $all made no progress: ${READ_ALL_PAGE} entries without an event in a row`,
          );
        }
      }
      return events;
    },

    subscribeToAll(subscribeOptions: SubscribeToAllOptions = {}): Subscription {
      const subscription = subscribeToAllWithResubscribe(client, subscribeOptions, options.resubscribe);
      subscriptions.add(subscription);
      return {
        [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
        async stop() {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },

    comparePositions,
    parsePosition,
    checkpoints: createCheckpointStore(client),

    close() {
      closing ??= (async () => {
        await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
        subscriptions.clear();
        await client.dispose();
      })();
      return closing;
    },
  };
  return store;
}

/** Connection strings may carry a password; error messages must not. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
