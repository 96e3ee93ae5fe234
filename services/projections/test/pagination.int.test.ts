import { applyBatch, liveTables } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
import { EventLog } from './support/events.js';

describe('keyset pagination', () => {
  let h: QueryHarness;
  const log = new EventLog();
  const base = Date.parse('2026-03-01T00:00:00.000Z');
  // Several complaints share a receipt time: the id breaks ties, so no page repeats or skips one.
  const originals = Array.from({ length: 40 }, (_, i) =>
    log.complaint({ at: new Date(base + Math.floor(i / 3) * 60_000).toISOString() }),
  );

  beforeAll(async () => {
    h = await startQueryHarness();
    await applyBatch(h.db, liveTables, log.events);
  });
  afterAll(() => h.close());

  it.each(['-receivedAt', 'receivedAt', 'dueAt', '-priority'])(
    'sort=%s: every original once while inserts go on between pages',
    async (sort) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let inserted = 0;
      do {
        const query: string = `/v1/complaints?sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await (await h.get(query)).json()) as {
          items: { id: string }[];
          nextCursor: string | null;
        };
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        // New complaints land before, inside and after the window being paged.
        const fresh = new EventLog().complaint({
          at: new Date(base + (inserted % 3) * 7 * 60_000).toISOString(),
        });
        await applyBatch(h.db, liveTables, fresh.events);
        inserted++;
      } while (cursor !== null);
      expect(new Set(seen).size).toBe(seen.length);
      for (const complaint of originals) expect(seen).toContain(complaint.id);
    },
  );

  it('refuses a cursor issued for another sort', async () => {
    const first = (await (await h.get('/v1/complaints?limit=2')).json()) as { nextCursor: string };
    const response = await h.get(`/v1/complaints?sort=dueAt&cursor=${first.nextCursor}`);
    expect(response.status).toBe(400);
  });
});
