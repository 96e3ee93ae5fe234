import { aggregatingSpecs } from './aggregating.js';
import { appendingSpecs } from './appending.js';
import type { ConformanceOptions, ConformanceTarget } from './helpers.js';
import { readingSpecs } from './reading.js';
import { subscriptionSpecs } from './subscriptions.js';

export type { ConformanceOptions, ConformanceTarget } from './helpers.js';

/**
 * The one conformance suite every EventStore adapter passes. `open` runs once per file (in
 * `beforeAll`); the suite closes the target at the end. Tests isolate themselves with unique
 * stream-name prefixes, so a shared database or EventStoreDB is fine.
 *
 * @example
 * describeEventStoreConformance('memory', async () => ({ store: new MemoryEventStore(), close: async () => {} }));
 */
export function describeEventStoreConformance(
  name: string,
  open: () => Promise<ConformanceTarget>,
  options: ConformanceOptions = {},
): void {
  describe(`EventStore conformance: ${name}`, () => {
    let target: ConformanceTarget | undefined;
    const current = (): ConformanceTarget => {
      if (!target) throw new Error(`${name}: the conformance target did not open (see beforeAll)`);
      return target;
    };

    beforeAll(async () => {
      target = await open();
    }, 180_000);

    afterAll(async () => {
      await target?.close();
    }, 60_000);

    describe('appending', () => appendingSpecs(current));
    describe('reading', () => readingSpecs(current, options));
    describe('aggregating and creating streams', () => aggregatingSpecs(current));
    describe('subscriptions', () => subscriptionSpecs(current, options));
  });
}
