import { InvalidPosition, type RecordedEvent } from '@chp/eventstore';
import {
  type ConformanceOptions,
  event,
  events,
  expectStrictlyIncreasing,
  readAllWhenVisible,
  type TargetAccessor,
  uniquePrefix,
} from './helpers.js';

const texts = {
  en: 'The parcel arrived damaged; I would like a refund.',
  uk: 'Посилка прийшла пошкодженою; прошу повернути кошти. Ґанок, їжак, єнот, ім’я.',
  ru: 'Посылка пришла повреждённой; прошу вернуть деньги. Съешь же ещё этих мягких булок.',
  hu: 'A csomag sérülten érkezett; kérem a vételár visszatérítését. Árvíztűrő tükörfúrógép.',
  lv: 'Sūtījums pienāca bojāts; lūdzu atmaksāt naudu. Ķēniņš, ģērbies, čūskas, žņaudz.',
  ro: 'Coletul a sosit deteriorat; vă rog să-mi returnați banii. Știință, țară, încă, până.',
};

export function readingSpecs(target: TargetAccessor, options: ConformanceOptions): void {
  const store = () => target().store;
  const longStreamLength = options.longStreamLength ?? 10_000;

  describe('the global log', () => {
    it('keeps the order of appends across streams, with comparable positions, in pages', async () => {
      const prefix = uniquePrefix('order');
      const written: string[] = [];
      for (const stream of ['a', 'b', 'a', 'c', 'b', 'a']) {
        const batch = events(2, `Type-${stream}`);
        await store().appendToStream(`${prefix}${stream}`, batch);
        written.push(...batch.map((e) => e.id));
      }
      const all = await readAllWhenVisible(store(), { streamNamePrefix: prefix }, written.length);
      expect(all.map((recorded) => recorded.id)).toEqual(written);
      expectStrictlyIncreasing(store(), all);

      const pages: RecordedEvent[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store().readAll({ after, maxCount: 5, filter: { streamNamePrefix: prefix } });
        if (page.length === 0) break;
        pages.push(...page);
        after = page.at(-1)?.position;
      }
      expect(pages.map((recorded) => recorded.id)).toEqual(written);
    });

    it('filters by event types', async () => {
      const prefix = uniquePrefix('types');
      const typeA = `${prefix}Opened`;
      const typeB = `${prefix}Closed`;
      await store().appendToStream(`${prefix}x`, [
        event(typeA),
        event(typeB),
        event(`${prefix}Other`),
        event(typeA),
      ]);
      const matching = await readAllWhenVisible(store(), { eventTypes: [typeA, typeB] }, 3);
      expect(matching.map((recorded) => recorded.type)).toEqual([typeA, typeB, typeA]);
    });

    it('parses its own positions and rejects foreign ones with InvalidPosition', async () => {
      const result = await store().appendToStream(`${uniquePrefix('pos')}x`, events(2));
      expect(store().parsePosition(result.position)).toBe(result.position);
      expect(store().comparePositions(result.position, result.position)).toBe(0);
      for (const garbage of ['', 'nope', '12:ab', '-1']) {
        expect(() => store().parsePosition(garbage)).toThrow(InvalidPosition);
      }
      await expect(store().readAll({ after: 'nope' })).rejects.toBeInstanceOf(InvalidPosition);
    });
  });

  describe('reading a stream', () => {
    const stream = `${uniquePrefix('long')}stream`;
    const batch = Math.min(500, longStreamLength);

    beforeAll(async () => {
      for (let from = 0; from < longStreamLength; from += batch) {
        await store().appendToStream(
          stream,
          events(Math.min(batch, longStreamLength - from), 'Numbered', from),
          {
            expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1),
          },
        );
      }
    }, 120_000);

    it(`pages forwards through ${longStreamLength} events`, async () => {
      const seen: bigint[] = [];
      let from = 0n;
      for (;;) {
        const page = await store().readStream(stream, { from, maxCount: 1_000 });
        if (page.length === 0) break;
        seen.push(...page.map((recorded) => recorded.revision));
        expect(page.map((recorded) => (recorded.data as { n: number }).n)).toEqual(
          page.map((recorded) => Number(recorded.revision)),
        );
        from = (page.at(-1)?.revision ?? 0n) + 1n;
      }
      expect(seen).toEqual(Array.from({ length: longStreamLength }, (_, i) => BigInt(i)));
    });

    it(`pages backwards through ${longStreamLength} events`, async () => {
      const seen: bigint[] = [];
      let from: bigint | 'end' = 'end';
      for (;;) {
        const page = await store().readStream(stream, { from, direction: 'backwards', maxCount: 1_000 });
        seen.push(...page.map((recorded) => recorded.revision));
        const last = page.at(-1)?.revision;
        if (last === undefined || last === 0n) break;
        from = last - 1n;
      }
      expect(seen).toEqual(
        Array.from({ length: longStreamLength }, (_, i) => BigInt(longStreamLength - 1 - i)),
      );
    });

    it('reads it whole without maxCount, and nothing past its end', async () => {
      expect(await store().readStream(stream)).toHaveLength(longStreamLength);
      expect(await store().readStream(stream, { from: BigInt(longStreamLength) })).toEqual([]);
    });
  });

  describe('payloads', () => {
    it('stores and returns a 1 MB event', async () => {
      const stream = `${uniquePrefix('big')}x`;
      const blob = 'x'.repeat(1_000_000);
      const big = event('Big', { blob, tail: 'end' }, { note: 'large' });
      await store().appendToStream(stream, [big]);
      const [recorded] = await store().readStream(stream);
      expect(recorded?.id).toBe(big.id);
      expect((recorded?.data as { blob?: string } | undefined)?.blob?.length).toBe(blob.length);
      expect(recorded?.data).toEqual({ blob, tail: 'end' });
      expect(recorded?.metadata).toEqual({ note: 'large' });
    });

    it('keeps Unicode text in en, uk, ru, hu, lv and ro exactly, in data, metadata and stream names', async () => {
      const stream = `${uniquePrefix('unicode')}скарга-panaszügy-sūdzība-reclamație`;
      const written = Object.entries(texts).map(([language, text]) =>
        event('CustomerWrote', { language, text }, { language, summary: text.slice(0, 20) }),
      );
      await store().appendToStream(stream, written);
      const recorded = await store().readStream(stream);
      expect(recorded.map((r) => r.data)).toEqual(written.map((e) => e.data));
      expect(recorded.map((r) => r.metadata)).toEqual(written.map((e) => e.metadata));
      expect(recorded.every((r) => r.streamName === stream)).toBe(true);
    });

    it('records the stream, revision, id, type, data, metadata and creation time', async () => {
      const stream = `${uniquePrefix('shape')}x`;
      const before = Date.now();
      const written = event('Shaped', { a: [1, 'two', { three: true }], b: null }, { correlationId: 'c-1' });
      await store().appendToStream(stream, [written, event('NoMetadata', { ok: 1 })]);
      const [first, second] = await store().readStream(stream);
      expect(first).toMatchObject({
        streamName: stream,
        revision: 0n,
        id: written.id,
        type: 'Shaped',
        data: written.data,
        metadata: written.metadata,
      });
      expect(second?.metadata).toBeUndefined();
      // Clocks of a database server and this process may differ slightly; a day's window is only a sanity check.
      expect(Math.abs((first?.createdAt.getTime() ?? 0) - before)).toBeLessThan(86_400_000);
    });
  });
}
