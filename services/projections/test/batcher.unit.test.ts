import { Batcher } from '../src/consumer/index.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import type { ApplyOutcome } from '../src/store/index.js';
import { EventLog } from './support/events.js';

/** An apply step that records each batch and finishes only when the test says so. */
function heldApply() {
  const batches: ProjectedEvent[][] = [];
  const releases: (() => void)[] = [];
  const apply = (events: ProjectedEvent[]) => {
    batches.push(events);
    return new Promise<Map<ProjectedEvent, ApplyOutcome>>((resolve) => {
      releases.push(() => resolve(new Map(events.map((e) => [e, 'applied' as const]))));
    });
  };
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const releaseNext = async () => {
    await turn();
    releases.shift()?.();
    await turn();
  };
  return { apply, batches, releaseNext, turn };
}

const events = (count: number) => {
  const log = new EventLog();
  return Array.from({ length: count }, () => log.complaint({}).last);
};

describe('Batcher: a batch holds what queued while the previous one applied, up to maxBatch', () => {
  it('applies one event alone when nothing else waits (live traffic)', async () => {
    const { apply, batches, releaseNext } = heldApply();
    const batcher = new Batcher(apply, { maxBatch: 100 });
    const [only] = events(1);
    if (!only) throw new Error('event');
    const outcome = batcher.submit(only, 1);
    await releaseNext();
    await expect(outcome).resolves.toBe('applied');
    expect(batches.map((b) => b.length)).toEqual([1]);
  });

  it('grows the next batch to everything queued meanwhile, capped at maxBatch (catching up)', async () => {
    const { apply, batches, releaseNext } = heldApply();
    const batcher = new Batcher(apply, { maxBatch: 100 });
    const first = events(10);
    const backlog = events(150);
    const outcomes = first.map((event, i) => batcher.submit(event, i + 1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.map((b) => b.length)).toEqual([10]); // applying; the backlog arrives meanwhile
    outcomes.push(...backlog.map((event, i) => batcher.submit(event, 11 + i)));
    await releaseNext();
    await releaseNext();
    await releaseNext();
    expect(await Promise.all(outcomes)).toEqual([...first, ...backlog].map(() => 'applied'));
    expect(batches.map((b) => b.length)).toEqual([10, 100, 50]);
    expect(batches.flat()).toEqual([...first, ...backlog]);
  });
});

describe('Batcher with parallel batches: a further batch starts only when it is full and shares no complaint', () => {
  it("starts a second full batch while the first applies, and keeps a busy complaint's later events back", async () => {
    const { apply, batches, releaseNext, turn } = heldApply();
    const batcher = new Batcher(apply, { maxBatch: 4, parallel: 2 });
    const log = new EventLog();
    const held = log.complaint({});
    const first = [held.last, ...events(3)];
    const outcomes = first.map((event, i) => batcher.submit(event, i + 1));
    await turn();
    expect(batches).toEqual([first]);

    // The held complaint's next event and four others queue while the first batch applies.
    held.add('ComplaintAcknowledged', {});
    const others = events(4);
    outcomes.push(batcher.submit(held.last, 5), ...others.map((event, i) => batcher.submit(event, 6 + i)));
    await turn();
    expect(batches).toEqual([first, others]); // the held complaint's event is not in it

    await releaseNext(); // the first batch: the held complaint is free again
    await releaseNext(); // the second
    await releaseNext(); // the held complaint's event, alone
    expect(batches).toEqual([first, others, [held.last]]);
    expect(await Promise.all(outcomes)).toEqual(Array.from({ length: 9 }, () => 'applied'));
  });

  it('does not start a second batch for less than a full one (live traffic stays one batch at a time)', async () => {
    const { apply, batches, releaseNext, turn } = heldApply();
    const batcher = new Batcher(apply, { maxBatch: 4, parallel: 2 });
    const [first, ...rest] = events(4);
    if (!first) throw new Error('event');
    const outcomes = [batcher.submit(first, 1)];
    await turn();
    outcomes.push(...rest.map((event, i) => batcher.submit(event, 2 + i)));
    await turn();
    await turn();
    expect(batches.map((b) => b.length)).toEqual([1]);
    await releaseNext();
    await releaseNext();
    expect(batches.map((b) => b.length)).toEqual([1, 3]);
    expect(await Promise.all(outcomes)).toEqual(['applied', 'applied', 'applied', 'applied']);
  });
});
