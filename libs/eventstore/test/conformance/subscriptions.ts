import type { RecordedEvent } from '@chp/eventstore';
import { sleep } from '@chp/platform';
import {
  type ConformanceOptions,
  consume,
  event,
  events,
  expectStrictlyIncreasing,
  type TargetAccessor,
  uniquePrefix,
} from './helpers.js';

export function subscriptionSpecs(target: TargetAccessor, options: ConformanceOptions): void {
  const store = () => target().store;
  const writers = options.gapWriters ?? 16;
  const appendsPerWriter = options.gapAppendsPerWriter ?? 1_500;
  const heldMs = options.heldTransactionMs ?? 5_000;
  /** How soon after the held transaction commits the subscriber must have caught up with it. */
  const stallDeadlineMs = 3_000;

  it('catches up on history, then delivers live events', async () => {
    const prefix = uniquePrefix('live');
    await store().appendToStream(`${prefix}a`, events(3));
    const consumer = consume(store().subscribeToAll({ filter: { streamNamePrefix: prefix } }));
    await consumer.waitFor(3);
    await store().appendToStream(`${prefix}b`, events(2));
    await store().appendToStream(`${prefix}a`, events(1));
    await consumer.waitFor(6);
    await consumer.stop();
    expect(consumer.received.map((r) => `${r.streamName.slice(prefix.length)}@${r.revision}`)).toEqual([
      'a@0',
      'a@1',
      'a@2',
      'b@0',
      'b@1',
      'a@3',
    ]);
    expectStrictlyIncreasing(store(), consumer.received);
  });

  it('filters a subscription by event types', async () => {
    const prefix = uniquePrefix('subtypes');
    const wanted = `${prefix}Wanted`;
    const consumer = consume(store().subscribeToAll({ filter: { eventTypes: [wanted] } }));
    await store().appendToStream(`${prefix}x`, [event(wanted), event(`${prefix}Unwanted`), event(wanted)]);
    await consumer.waitFor(2);
    await consumer.stop();
    expect(consumer.received.map((r) => r.revision)).toEqual([0n, 2n]);
  });

  it('restarts from its checkpoint: no gap, and nothing before the checkpoint', async () => {
    const prefix = uniquePrefix('resume');
    const subscriber = `${prefix}subscriber`;
    const filter = { streamNamePrefix: prefix };
    const written = events(10);
    await store().appendToStream(`${prefix}x`, written.slice(0, 6));
    const first = consume(store().subscribeToAll({ filter }));
    await first.waitFor(6);
    const checkpointed = first.received[3] as RecordedEvent;
    await store().checkpoints.store(subscriber, checkpointed.position);
    await first.stop();

    await store().appendToStream(`${prefix}x`, written.slice(6));
    const resumeFrom = await store().checkpoints.load(subscriber);
    expect(resumeFrom).toBe(checkpointed.position);
    const second = consume(store().subscribeToAll({ after: resumeFrom, filter }));
    await second.waitFor(6);
    await second.stop();
    expect(second.received.map((r) => r.id)).toEqual(written.slice(4).map((e) => e.id));
  });

  it('keeps checkpoints per subscriber, forward only', async () => {
    const prefix = uniquePrefix('checkpoint');
    await store().appendToStream(`${prefix}x`, events(2));
    const [older, newer] = (await store().readStream(`${prefix}x`)) as [RecordedEvent, RecordedEvent];
    expect(await store().checkpoints.load(`${prefix}unknown`)).toBeUndefined();
    await store().checkpoints.store(`${prefix}one`, newer.position);
    await store().checkpoints.store(`${prefix}one`, older.position);
    await store().checkpoints.store(`${prefix}two`, older.position);
    expect(await store().checkpoints.load(`${prefix}one`)).toBe(newer.position);
    expect(await store().checkpoints.load(`${prefix}two`)).toBe(older.position);
  });

  it('stop() ends a waiting iteration cleanly and may be called twice', async () => {
    const subscription = store().subscribeToAll({ filter: { streamNamePrefix: uniquePrefix('stop') } });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await subscription.stop();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    await subscription.stop();
  });

  const lossSkip = options.skip?.connectionLoss;
  (lossSkip ? it.skip : it)(
    `survives connection loss, resuming from the last event it handed out${lossSkip ? ` (skipped: ${lossSkip})` : ''}`,
    async () => {
      const { openAnother, breakConnections } = target();
      if (!openAnother || !breakConnections)
        throw new Error('the target must provide openAnother and breakConnections');
      const prefix = uniquePrefix('loss');
      const subscriberStore = await openAnother();
      try {
        const consumer = consume(subscriberStore.subscribeToAll({ filter: { streamNamePrefix: prefix } }));
        await store().appendToStream(`${prefix}x`, events(5));
        await consumer.waitFor(5);
        await breakConnections(subscriberStore);
        await store().appendToStream(`${prefix}x`, events(5), { expectedRevision: 4n });
        await consumer.waitFor(10, 30_000);
        await consumer.stop();
        expect(consumer.received.map((r) => r.revision)).toEqual(
          Array.from({ length: 10 }, (_, i) => BigInt(i)),
        );
      } finally {
        await subscriberStore.close();
      }
    },
    60_000,
  );

  it(`the gap test: ${writers} concurrent writers × ${appendsPerWriter} appends while a subscriber runs; ` +
    `all ${writers * appendsPerWriter} arrive once each, in position order`, async () => {
    const prefix = uniquePrefix('gap');
    const consumer = consume(store().subscribeToAll({ filter: { streamNamePrefix: prefix } }));
    const written = new Set<string>();
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const one = event('Counted', { writer, i });
          written.add(one.id);
          await store().appendToStream(`${prefix}w${writer}`, [one], {
            expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
          });
        }
      }),
    );
    const total = writers * appendsPerWriter;
    await consumer.waitFor(total, 120_000);
    await consumer.stop();
    const received = consumer.received;
    expect(received).toHaveLength(total);
    expect(new Set(received.map((r) => r.id)).size).toBe(total);
    expect(received.every((r) => written.has(r.id))).toBe(true);
    expectStrictlyIncreasing(store(), received);
    for (let writer = 0; writer < writers; writer++) {
      const revisions = received.filter((r) => r.streamName === `${prefix}w${writer}`).map((r) => r.revision);
      expect(revisions).toEqual(Array.from({ length: appendsPerWriter }, (_, i) => BigInt(i)));
    }
  }, 300_000);

  const heldSkip = options.skip?.heldTransaction;
  (heldSkip ? it.skip : it)(
    `the long transaction test: an append held open ${heldMs / 1000} s is neither skipped nor stalls the others ` +
      `past its end (caught up within ${stallDeadlineMs / 1000} s of its commit)${heldSkip ? ` (skipped: ${heldSkip})` : ''}`,
    async () => {
      const { appendHeldOpen } = target();
      if (!appendHeldOpen) throw new Error('the target must provide appendHeldOpen');
      const prefix = uniquePrefix('held');
      const consumer = consume(store().subscribeToAll({ filter: { streamNamePrefix: prefix } }));
      const before = events(3);
      await store().appendToStream(`${prefix}before`, before);
      // Committed before the slow transaction began: the subscriber must not wait for it.
      await consumer.waitFor(3);

      let appendedWhileHeld!: () => void;
      const holding = new Promise<void>((resolve) => {
        appendedWhileHeld = resolve;
      });
      const slow = event('Slow');
      const slowAppend = appendHeldOpen(`${prefix}slow`, [slow], async () => {
        appendedWhileHeld();
        await sleep(heldMs);
      });
      await holding;
      const during: string[] = [];
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing || i < 5; i++) {
          const one = event('Meanwhile', { i });
          await store().appendToStream(`${prefix}others`, [one]);
          during.push(one.id);
        }
      })();
      await slowAppend;
      // Everything committed by now (the slow event and what the others wrote while it was held)
      // must reach the subscriber promptly after the slow commit: a reader that parks behind the
      // held transaction until a later poll or a second hold would miss this deadline, which is
      // well under the hold itself and several of the store's 1 s safety polls.
      const committedByThen = before.length + 1 + during.length;
      await consumer.waitFor(committedByThen, stallDeadlineMs);
      writing = false;
      await writer;

      const total = before.length + 1 + during.length;
      await consumer.waitFor(total, 30_000);
      await consumer.stop();
      const ids = consumer.received.map((r) => r.id);
      expect(ids).toHaveLength(total);
      expect(new Set(ids)).toEqual(new Set([...before.map((e) => e.id), slow.id, ...during]));
      expectStrictlyIncreasing(store(), consumer.received);
    },
    120_000,
  );

  const secondSkip = options.skip?.secondStore;
  (secondSkip ? it.skip : it)(
    `close() ends the subscriptions still open on a store${secondSkip ? ` (skipped: ${secondSkip})` : ''}`,
    async () => {
      const { openAnother } = target();
      if (!openAnother) throw new Error('the target must provide openAnother');
      const other = await openAnother();
      const consumer = consume(
        other.subscribeToAll({ filter: { streamNamePrefix: uniquePrefix('closing') } }),
      );
      await other.close();
      await consumer.stop();
      expect(consumer.received).toEqual([]);
    },
  );
}
