import { randomUUID } from 'node:crypto';
import {
  type AllFilter,
  type AppendResult,
  type EventData,
  type EventStore,
  type RecordedEvent,
  type Subscription,
  WrongExpectedVersion,
} from '@chp/eventstore';
import { waitFor } from '@chp/testing';

/** What a conformance run needs from an adapter. Capabilities it lacks are skipped, with the reason, via options. */
export interface ConformanceTarget {
  /** An initialised store; the suite closes it through `close()`. */
  store: EventStore;
  /** Another store on the same storage with its own connections (connection-loss and close tests). */
  openAnother?: () => Promise<EventStore>;
  /** Breaks every connection of `store`, as a network failure would. */
  breakConnections?: (store: EventStore) => Promise<void>;
  /**
   * Appends in a transaction that stays open (uncommitted) until `hold` resolves, then commits;
   * resolves with the append's result (long-transaction test).
   */
  appendHeldOpen?: (
    streamName: string,
    events: EventData[],
    hold: () => Promise<void>,
  ) => Promise<AppendResult>;
  /** Closes the store(s) and drops the storage. */
  close(): Promise<void>;
}

export interface ConformanceOptions {
  /** Concurrent writers and appends each for the gap test. Default 16 × 1,500. */
  gapWriters?: number;
  gapAppendsPerWriter?: number;
  /** Length of the stream read in pages. Default 10,000. */
  longStreamLength?: number;
  /** How long the long-transaction test holds its transaction open. Default 5,000 ms. */
  heldTransactionMs?: number;
  /** Reasons to skip capability tests this adapter cannot run. */
  skip?: { connectionLoss?: string; heldTransaction?: string; secondStore?: string };
}

export type TargetAccessor = () => ConformanceTarget;

/** A unique prefix per test, so that runs sharing a database never see each other's streams. */
export function uniquePrefix(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}-`;
}

export function event(type: string, data: unknown = {}, metadata?: unknown): EventData {
  return metadata === undefined
    ? { id: randomUUID(), type, data }
    : { id: randomUUID(), type, data, metadata };
}

export function events(count: number, type = 'Tested', from = 0): EventData[] {
  return Array.from({ length: count }, (_, i) => event(type, { n: from + i }));
}

/** Rejects unless `promise` fails with WrongExpectedVersion carrying these revisions. */
export async function expectWrongExpectedVersion(
  promise: Promise<unknown>,
  expected: WrongExpectedVersion['expected'],
  actual: WrongExpectedVersion['actual'],
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect(error).toMatchObject({ kind: 'wrong_expected_version', expected, actual });
}

/**
 * The global log is only readable up to the oldest running transaction (PostgreSQL), and other
 * test files may hold one briefly, so reads of just-written events wait until they are visible.
 */
export async function readAllWhenVisible(
  store: EventStore,
  filter: AllFilter,
  count: number,
): Promise<RecordedEvent[]> {
  let last: RecordedEvent[] = [];
  await waitFor(
    async () => {
      last = await store.readAll({ filter, maxCount: count + 1 });
      return last.length >= count;
    },
    {
      timeoutMs: 20_000,
      description: () => `${count} events matching ${JSON.stringify(filter)} (saw ${last.length})`,
    },
  );
  return last;
}

export interface Consumer {
  readonly received: RecordedEvent[];
  /** Waits until at least `count` events arrived (or the subscription failed). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Stops the subscription and rethrows anything it failed with. */
  stop(): Promise<void>;
}

/** Iterates a subscription in the background, collecting what it hands out. */
export function consume(subscription: Subscription): Consumer {
  const received: RecordedEvent[] = [];
  let failure: unknown;
  const finished = (async () => {
    try {
      for await (const recorded of subscription) received.push(recorded);
    } catch (error) {
      failure = error;
    }
  })();
  return {
    received,
    async waitFor(count, timeoutMs = 20_000) {
      await waitFor(
        () => {
          if (failure) throw failure;
          return received.length >= count;
        },
        {
          timeoutMs,
          intervalMs: 10,
          description: () => `${count} events from the subscription (got ${received.length})`,
        },
      );
    },
    async stop() {
      await subscription.stop();
      await finished;
      if (failure) throw failure;
    },
  };
}

/** Asserts strictly increasing positions (each event once, in order). */
export function expectStrictlyIncreasing(store: EventStore, recorded: readonly RecordedEvent[]): void {
  for (let i = 1; i < recorded.length; i++) {
    const previous = recorded[i - 1];
    const current = recorded[i];
    if (!previous || !current) continue;
    if (store.comparePositions(previous.position, current.position) >= 0) {
      throw new Error(
        `Positions out of order at ${i}: ${previous.position} (${previous.streamName}@${previous.revision}) then ` +
          `${current.position} (${current.streamName}@${current.revision})`,
      );
    }
  }
}
