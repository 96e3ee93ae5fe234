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
  const releaseNext = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { apply, batches, releaseNext };
}

const events = (count: number) => {
  const log = new EventLog();
  return Array.from({ length: count }, () => log.complaint({}).last);
};

describe('Batcher: a batch holds what queued while the previous one applied, up to maxBatch', () => {
  it('applies one event alone when nothing else waits (live traffic)', async () => {
    const { apply, batches, releaseNext } = heldApply();
    const batcher = new Batcher(apply, 100);
    const [only] = events(1);
    if (!only) throw new Error('event');
    const outcome = batcher.submit(only, 1);
    await releaseNext();
    await expect(outcome).resolves.toBe('applied');
    expect(batches.map((b) => b.length)).toEqual([1]);
  });

  it('grows the next batch to everything queued meanwhile, capped at maxBatch (catching up)', async () => {
    const { apply, batches, releaseNext } = heldApply();
    const batcher = new Batcher(apply, 100);
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
