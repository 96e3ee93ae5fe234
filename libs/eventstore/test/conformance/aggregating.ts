import { type RecordedEvent, StreamNotFound } from '@chp/eventstore';
import { event, events, type TargetAccessor, uniquePrefix } from './helpers.js';

/** A fold that keeps what it saw, so that the order and the count show. */
const seen = {
  initialState: (): string[] => [],
  evolve: (state: string[], recorded: RecordedEvent): string[] => [...state, recorded.type],
};

export function aggregatingSpecs(target: TargetAccessor): void {
  const store = () => target().store;

  describe('reading a stream that may not exist', () => {
    it('answers undefined for a missing stream, and the events of one that exists', async () => {
      const prefix = uniquePrefix('if-exists');
      expect(await store().readStreamIfExists(`${prefix}missing`)).toBeUndefined();
      await store().appendToStream(`${prefix}s`, events(3));
      const read = await store().readStreamIfExists(`${prefix}s`, { maxCount: 2 });
      expect(read?.map((recorded) => recorded.revision)).toEqual([0n, 1n]);
      // Read past the end: the stream exists, so an empty list rather than undefined.
      expect(await store().readStreamIfExists(`${prefix}s`, { from: 5n })).toEqual([]);
    });
  });

  describe('aggregateStream', () => {
    it('folds every event in order, with the revision of the last one', async () => {
      const prefix = uniquePrefix('aggregate');
      await store().appendToStream(`${prefix}s`, [event('A'), event('B')]);
      await store().appendToStream(`${prefix}s`, [event('C')]);
      expect(await store().aggregateStream(`${prefix}s`, seen)).toEqual({
        state: ['A', 'B', 'C'],
        currentRevision: 2n,
        streamExists: true,
      });
    });

    it('gives the initial state of a stream that does not exist, without failing', async () => {
      const result = await store().aggregateStream(`${uniquePrefix('aggregate')}missing`, seen);
      expect(result).toEqual({ state: [], currentRevision: undefined, streamExists: false });
    });
  });

  describe('createStreams', () => {
    const creator = () => {
      const { createStreams } = store();
      if (createStreams === undefined) throw new Error(`${store().kind} does not declare createStreams`);
      return createStreams.bind(store());
    };
    // The capability is optional (EventStoreDB has none; the first spec pins who declares it): the
    // specs below apply to the adapters that declare it.
    const declared = () => store().createStreams !== undefined;

    it('is declared by every adapter but EventStoreDB', () => {
      expect(declared()).toBe(store().kind !== 'eventstoredb');
    });

    it('creates several streams together, their revisions from 0', async () => {
      if (!declared()) return;
      const prefix = uniquePrefix('create');
      const created = await creator()([
        { streamName: `${prefix}a`, events: [event('Reserved')] },
        { streamName: `${prefix}b`, events: [event('Filed'), event('Noted')] },
      ]);
      expect(created.written).toBe(true);
      expect(created.results.map((result) => result.nextExpectedRevision)).toEqual([0n, 1n]);
      expect((await store().readStream(`${prefix}b`)).map((recorded) => recorded.type)).toEqual([
        'Filed',
        'Noted',
      ]);
    });

    it('answers a repeat with the original results and writes nothing', async () => {
      if (!declared()) return;
      const prefix = uniquePrefix('create-again');
      const streams = [
        { streamName: `${prefix}a`, events: [event('Tested')] },
        { streamName: `${prefix}b`, events: [event('Tested')] },
      ];
      const created = await creator()(streams);
      const repeated = await creator()(streams);
      expect(repeated).toEqual({ results: created.results, written: false });
      expect(await store().readStream(`${prefix}a`)).toHaveLength(1);
    });

    it('counts a stream holding exactly its events as created, and creates the others', async () => {
      if (!declared()) return;
      const prefix = uniquePrefix('create-part');
      const reserved = { streamName: `${prefix}a`, events: [event('Reserved')] };
      const [first] = (await creator()([reserved])).results;
      const created = await creator()([reserved, { streamName: `${prefix}b`, events: [event('Filed')] }]);
      expect(created.written).toBe(true);
      expect(created.results[0]).toEqual(first);
      expect(await store().readStream(`${prefix}a`)).toHaveLength(1);
      expect(await store().readStream(`${prefix}b`)).toHaveLength(1);
    });

    it('creates nothing when a stream exists with other events, and names it', async () => {
      if (!declared()) return;
      const prefix = uniquePrefix('create-taken');
      await store().appendToStream(`${prefix}taken`, [event('Tested')]);
      await expect(
        creator()([
          { streamName: `${prefix}new`, events: [event('Tested')] },
          { streamName: `${prefix}taken`, events: [event('Other')] },
        ]),
      ).rejects.toMatchObject({ kind: 'wrong_expected_version', streamName: `${prefix}taken`, actual: 0n });
      await expect(store().readStream(`${prefix}new`)).rejects.toBeInstanceOf(StreamNotFound);
    });
  });
}
