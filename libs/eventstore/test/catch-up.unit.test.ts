import type { RecordedEvent } from '@chp/eventstore';
import { sleep } from '@chp/platform';
import { waitFor } from '@chp/testing';
import { CatchUpSubscription, ChangeSignal } from '../src/catch-up.js';

const recorded = (n: number): RecordedEvent => ({
  streamName: 's',
  revision: BigInt(n),
  position: String(n).padStart(4, '0'),
  id: `id-${n}`,
  type: 'T',
  data: { n },
  metadata: undefined,
  createdAt: new Date(0),
});

class Transient extends Error {}

/** A log of `length` events whose reads fail as scripted. */
function source(length: () => number, failures: (Error | undefined)[] = []) {
  const signal = new ChangeSignal();
  const reads: (string | undefined)[] = [];
  return {
    signal,
    reads,
    isTransient: (error: unknown) => error instanceof Transient,
    async read(after: string | undefined, maxCount: number) {
      reads.push(after);
      const failure = failures.shift();
      if (failure) throw failure;
      const start = after === undefined ? 0 : Number(after) + 1;
      return Array.from({ length: Math.max(0, Math.min(maxCount, length() - start)) }, (_, i) =>
        recorded(start + i),
      );
    },
  };
}

async function take(subscription: CatchUpSubscription, count: number): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  for await (const event of subscription) {
    taken.push(event);
    if (taken.length === count) break;
  }
  return taken;
}

describe('CatchUpSubscription', () => {
  it('reads in pages, then waits for the signal and resumes after the last event handed out', async () => {
    let length = 5;
    const log = source(() => length);
    const subscription = new CatchUpSubscription(log, { pageSize: 2, pollIntervalMs: 60_000 });
    const first = await take(new CatchUpSubscription(log, { pageSize: 2, pollIntervalMs: 60_000 }), 5);
    expect(first.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);

    const events: RecordedEvent[] = [];
    const running = (async () => {
      for await (const event of subscription) events.push(event);
    })();
    await waitFor(() => events.length === 5);
    length = 7;
    log.signal.notify();
    await waitFor(() => events.length === 7);
    await subscription.stop();
    await running;
    expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
  });

  it('with gatherMs, reads a burst of signalled appends in one page', async () => {
    let length = 1;
    const log = source(() => length);
    const subscription = new CatchUpSubscription(log, {
      pageSize: 10,
      pollIntervalMs: 60_000,
      gatherMs: 200,
    });
    const events: RecordedEvent[] = [];
    const running = (async () => {
      for await (const event of subscription) events.push(event);
    })();
    await waitFor(() => events.length === 1);
    for (let i = 0; i < 3; i++) {
      length++;
      log.signal.notify();
      await sleep(5);
    }
    await waitFor(() => events.length === 4);
    await subscription.stop();
    await running;
    expect(log.reads).toEqual([undefined, '0000']);
  });

  it('retries a transient failure from the last position handed out: no gap, no repeat', async () => {
    const log = source(() => 6, [undefined, new Transient('connection lost'), new Transient('still down')]);
    const errors: unknown[] = [];
    const subscription = new CatchUpSubscription(log, {
      pageSize: 3,
      pollIntervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    const events = await take(subscription, 6);
    expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(errors).toHaveLength(2);
    expect(log.reads).toEqual([undefined, '0002', '0002', '0002']);
  });

  it('ends the iteration with any other error', async () => {
    const log = source(() => 3, [new Error('relation "es_events" does not exist')]);
    const subscription = new CatchUpSubscription(log, { pageSize: 3, pollIntervalMs: 60_000 });
    await expect(take(subscription, 1)).rejects.toThrow(/does not exist/);
  });

  it('can be iterated only once', () => {
    const subscription = new CatchUpSubscription(
      source(() => 0),
      { pageSize: 3, pollIntervalMs: 10 },
    );
    subscription[Symbol.asyncIterator]();
    expect(() => subscription[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});

describe('ChangeSignal', () => {
  it('does not miss a notification that came after the version was read', async () => {
    const signal = new ChangeSignal();
    const seen = signal.version;
    signal.notify();
    // Would wait an hour if the bump were missed.
    await signal.wait(seen, 3_600_000, new AbortController().signal);
  });

  it('falls back to the poll interval without a notification', async () => {
    const signal = new ChangeSignal();
    await signal.wait(signal.version, 5, new AbortController().signal);
  });
});
