import { PassThrough } from 'node:stream';
import {
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type SubscribeToAllOptions,
  UnavailableError,
} from '@eventstore/db-client';
import { encodePosition } from '../src/eventstoredb/positions.js';
import { subscribeToAllWithResubscribe } from '../src/eventstoredb/subscription.js';
import type { RecordedEvent } from '../src/port.js';

// No EventStoreDB server runs here, so the client is replaced by a scripted stand-in that hands out
// real object-mode streams, the same shape as the client's subscriptions (a Readable plus unsubscribe()).

type FakeSubscription = PassThrough & { unsubscribe(): Promise<void>; unsubscribed: boolean };

function fakeClient() {
  const calls: SubscribeToAllOptions[] = [];
  const subscriptions: FakeSubscription[] = [];
  const client = {
    subscribeToAll(options: SubscribeToAllOptions) {
      calls.push(options);
      const subscription = Object.assign(new PassThrough({ objectMode: true }), {
        unsubscribed: false,
        async unsubscribe() {
          subscription.unsubscribed = true;
        },
      });
      subscriptions.push(subscription);
      return subscription;
    },
  };
  return { client: client as unknown as EventStoreDBClient, calls, subscriptions };
}

function resolved(commit: bigint, type = 'ComplaintFiled', streamId = 'complaint-1'): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${commit.toString().padStart(12, '0')}`,
      isJson: true,
      revision: commit,
      type,
      created: new Date(0),
      data: {},
      metadata: undefined,
      position: { commit, prepare: commit },
    },
  };
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('EventStoreDB subscribeToAll', () => {
  it('resubscribes after a drop from the last position handed out, without repeating it', async () => {
    const { client, calls, subscriptions } = fakeClient();
    const drops: unknown[] = [];
    const subscription = subscribeToAllWithResubscribe(
      client,
      {},
      { initialDelayMs: 1, onDrop: (error) => drops.push(error) },
    );
    const iterator = subscription[Symbol.asyncIterator]();

    const first = take(iterator, 2);
    await until(() => subscriptions.length === 1);
    subscriptions[0]?.write(resolved(10n));
    subscriptions[0]?.write(resolved(20n));
    expect((await first).map((event) => event.position)).toEqual([10n, 20n].map(commitAt));

    const afterDrop = take(iterator, 1);
    subscriptions[0]?.destroy(new UnavailableError(undefined, 'connection reset'));
    await until(() => subscriptions.length === 2);
    expect(calls[1]?.fromPosition).toEqual({ commit: 20n, prepare: 20n });
    // A server that replays the event at the checkpoint must not produce a duplicate.
    subscriptions[1]?.write(resolved(20n));
    subscriptions[1]?.write(resolved(30n));
    expect((await afterDrop).map((event) => event.position)).toEqual([commitAt(30n)]);

    expect(drops).toHaveLength(1);
    expect(drops[0]).toBeInstanceOf(UnavailableError);
    expect(subscriptions[0]?.unsubscribed).toBe(true);
    await subscription.stop();
  });

  it('starts strictly after the given checkpoint and applies the exact filter', async () => {
    const { client, calls, subscriptions } = fakeClient();
    const subscription = subscribeToAllWithResubscribe(client, {
      after: '15/15',
      filter: { eventTypes: ['ComplaintFiled'] },
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const received = take(iterator, 1);
    await until(() => subscriptions.length === 1);
    expect(calls[0]?.fromPosition).toEqual({ commit: 15n, prepare: 15n });
    subscriptions[0]?.write(resolved(15n));
    subscriptions[0]?.write(resolved(16n, 'ComplaintFiledV2'));
    subscriptions[0]?.write(resolved(17n, '$metadata'));
    subscriptions[0]?.write(resolved(18n));
    expect((await received).map((event) => event.position)).toEqual([commitAt(18n)]);
    await subscription.stop();
  });

  it('stop() ends an iterator that is waiting on a quiet subscription, and unsubscribes', async () => {
    const { client, subscriptions } = fakeClient();
    const subscription = subscribeToAllWithResubscribe(client, {});
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = iterator.next();
    await until(() => subscriptions.length === 1);
    await subscription.stop();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(subscriptions[0]?.unsubscribed).toBe(true);
    await subscription.stop();
    expect(subscriptions).toHaveLength(1);
  });
});

function commitAt(commit: bigint): string {
  return encodePosition({ commit, prepare: commit });
}
