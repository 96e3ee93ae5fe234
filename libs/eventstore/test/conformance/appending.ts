import {
  EmptyAppend,
  type EventData,
  InvalidStreamName,
  StreamNotFound,
  WrongExpectedVersion,
} from '@chp/eventstore';
import { event, events, expectWrongExpectedVersion, type TargetAccessor, uniquePrefix } from './helpers.js';

export function appendingSpecs(target: TargetAccessor): void {
  const store = () => target().store;
  const ids = async (stream: string) => (await store().readStream(stream)).map((recorded) => recorded.id);
  let prefix = '';
  beforeEach(() => {
    prefix = uniquePrefix('append');
  });

  describe('expected revisions', () => {
    it('no_stream creates the stream at revision 0 and answers the next expected revision and a position', async () => {
      const result = await store().appendToStream(`${prefix}a`, events(2), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      expect(store().parsePosition(result.position)).toBe(result.position);
      const [last] = await store().readStream(`${prefix}a`, { direction: 'backwards', maxCount: 1 });
      expect(last?.position).toBe(result.position);
    });

    it('no_stream on an existing stream is WrongExpectedVersion with the actual revision', async () => {
      await store().appendToStream(`${prefix}a`, events(2));
      await expectWrongExpectedVersion(
        store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 'no_stream' }),
        'no_stream',
        1n,
      );
    });

    it('stream_exists appends to an existing stream and rejects a missing one', async () => {
      await expectWrongExpectedVersion(
        store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 'stream_exists' }),
        'stream_exists',
        'no_stream',
      );
      await store().appendToStream(`${prefix}a`, events(1));
      const result = await store().appendToStream(`${prefix}a`, events(2), {
        expectedRevision: 'stream_exists',
      });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('an exact revision appends when it is the last revision', async () => {
      await store().appendToStream(`${prefix}a`, events(2), { expectedRevision: 'no_stream' });
      const result = await store().appendToStream(`${prefix}a`, events(3), { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(4n);
      expect((await store().readStream(`${prefix}a`)).map((recorded) => recorded.revision)).toEqual([
        0n,
        1n,
        2n,
        3n,
        4n,
      ]);
    });

    it('an exact revision behind, ahead of, or on a missing stream is WrongExpectedVersion', async () => {
      await expectWrongExpectedVersion(
        store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 0n }),
        0n,
        'no_stream',
      );
      await store().appendToStream(`${prefix}a`, events(3));
      await expectWrongExpectedVersion(
        store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 0n }),
        0n,
        2n,
      );
      await expectWrongExpectedVersion(
        store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 7n }),
        7n,
        2n,
      );
      expect(await ids(`${prefix}a`)).toHaveLength(3);
    });

    it('any (also the default) appends whatever the stream holds', async () => {
      expect(
        (await store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 'any' }))
          .nextExpectedRevision,
      ).toBe(0n);
      expect((await store().appendToStream(`${prefix}a`, events(2))).nextExpectedRevision).toBe(2n);
    });

    it('WrongExpectedVersion names the stream and explains itself', async () => {
      await store().appendToStream(`${prefix}a`, events(1));
      const error = await store()
        .appendToStream(`${prefix}a`, events(1), { expectedRevision: 'no_stream' })
        .catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect(error).toMatchObject({ streamName: `${prefix}a` });
      expect((error as Error).message).toContain(`${prefix}a`);
    });
  });

  describe('idempotency by event id', () => {
    it('rule 1: the same events with no_stream again succeed once, with the first result', async () => {
      const batch = events(2);
      const first = await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 'no_stream' });
      const again = await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
      expect(await ids(`${prefix}a`)).toEqual(batch.map((e) => e.id));
    });

    it('rule 1: the same events with the same exact revision succeed once, even after the stream moved on', async () => {
      await store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 'no_stream' });
      const batch = events(2);
      const first = await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 0n });
      await store().appendToStream(`${prefix}a`, events(1), { expectedRevision: 2n });
      const again = await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 0n });
      expect(again).toEqual(first);
      expect(await ids(`${prefix}a`)).toHaveLength(4);
    });

    it('rule 1 covers only the same ids: other events at a stale revision are a conflict', async () => {
      const batch = events(2);
      await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 'no_stream' });
      const [first] = batch as [EventData, EventData];
      await expectWrongExpectedVersion(
        store().appendToStream(`${prefix}a`, [first, event('Other')], { expectedRevision: 'no_stream' }),
        'no_stream',
        1n,
      );
    });

    it.each([1, 2])(
      "rule 2: with 'any', a retry of the stream's latest %i event(s) is not written twice",
      async (size) => {
        await store().appendToStream(`${prefix}a`, events(1));
        const batch = events(size);
        const first = await store().appendToStream(`${prefix}a`, batch);
        const again = await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 'any' });
        expect(again).toEqual(first);
        expect(await ids(`${prefix}a`)).toHaveLength(1 + size);
      },
    );

    it('rule 3: retried with a newer expected revision, the events are appended again', async () => {
      const batch = events(1);
      await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 'no_stream' });
      const result = await store().appendToStream(`${prefix}a`, batch, { expectedRevision: 0n });
      expect(result.nextExpectedRevision).toBe(1n);
      expect(await ids(`${prefix}a`)).toEqual([batch[0]?.id, batch[0]?.id]);
    });
  });

  describe('concurrent writers on one stream', () => {
    it('two writers with the same expected revision: exactly one gets WrongExpectedVersion', async () => {
      const stream = `${prefix}contended`;
      await store().appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
      for (let round = 0n; round < 10n; round++) {
        const outcomes = await Promise.allSettled([
          store().appendToStream(stream, events(1), { expectedRevision: round }),
          store().appendToStream(stream, events(1), { expectedRevision: round }),
        ]);
        const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
      }
      expect(await ids(stream)).toHaveLength(11);
    });

    it('two writers creating the same stream with no_stream: exactly one wins', async () => {
      const outcomes = await Promise.allSettled([
        store().appendToStream(`${prefix}new`, events(1), { expectedRevision: 'no_stream' }),
        store().appendToStream(`${prefix}new`, events(1), { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await ids(`${prefix}new`)).toHaveLength(1);
    });

    it("writers with 'any' never conflict and never lose an event", async () => {
      const appends = Array.from({ length: 12 }, (_, i) =>
        store().appendToStream(`${prefix}any`, events(1 + (i % 2))),
      );
      await Promise.all(appends);
      const recorded = await store().readStream(`${prefix}any`);
      expect(recorded.map((r) => r.revision)).toEqual(Array.from({ length: 18 }, (_, i) => BigInt(i)));
    });
  });

  describe('bad input', () => {
    const invalidNames: [string, string][] = [
      ['is empty', ''],
      ['holds a newline', 'complaint-\n1'],
      ['holds a NUL', 'complaint-\u00001'],
      ['holds a tab', 'complaint-\t1'],
      ['is too long (201 characters)', 'x'.repeat(201)],
      ['has surrounding whitespace', ' complaint-1'],
      ['starts with $ (system streams)', '$complaint-1'],
    ];

    it.each(invalidNames)(
      'a stream name that %s is InvalidStreamName, for appends and reads',
      async (_, name) => {
        await expect(store().appendToStream(name, events(1))).rejects.toBeInstanceOf(InvalidStreamName);
        await expect(store().readStream(name)).rejects.toBeInstanceOf(InvalidStreamName);
      },
    );

    it('an empty append is EmptyAppend and writes nothing', async () => {
      await expect(store().appendToStream(`${prefix}empty`, [])).rejects.toBeInstanceOf(EmptyAppend);
      await expect(
        store().appendToStream(`${prefix}empty`, [], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({
        kind: 'empty_append',
        streamName: `${prefix}empty`,
      });
      await expect(store().readStream(`${prefix}empty`)).rejects.toBeInstanceOf(StreamNotFound);
    });

    it('reading a missing stream is StreamNotFound', async () => {
      await expect(store().readStream(`${prefix}missing`)).rejects.toMatchObject({
        kind: 'stream_not_found',
        streamName: `${prefix}missing`,
      });
    });
  });
}
