import { createHash } from 'node:crypto';
import type { ComplaintEvent } from '@chp/contracts';
import { copySql, generateWeek, SEED_NOW } from '../bench/dashboard-seed.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import { applyBatch, liveTables } from '../src/store/index.js';
import { startQueryHarness } from './support/app.js';

// The dashboard bench copies a generated week by SQL, shifted back by whole weeks. Each copied row
// must be the row the projection writes for the same history shifted: checked here by folding the
// shifted history (with the copy's ids, reference and customer keys) through applyBatch.
const WEEK = 7 * 86_400_000;
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function shifted(value: unknown, ms: number): unknown {
  if (typeof value === 'string' && isoTime.test(value)) return new Date(Date.parse(value) - ms).toISOString();
  if (Array.isArray(value)) return value.map((v) => shifted(v, ms));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, ms)]));
  return value;
}

describe('the dashboard seed', () => {
  it("copies rows that equal the projection's rows for the shifted histories", async () => {
    const weekStart = SEED_NOW.getTime() - 20 * WEEK;
    const log = generateWeek(weekStart, 150, 7);
    const a = await startQueryHarness();
    const b = await startQueryHarness();
    try {
      await applyBatch(a.db, liveTables, log.events);
      const template = {
        from: new Date(weekStart).toISOString(),
        to: new Date(weekStart + WEEK).toISOString(),
      };
      await a.db.exec(copySql(template, 2, 1)); // weeks 1 and 2 back
      const k = 2;
      const md5 = (s: string) => createHash('md5').update(s).digest('hex');
      const uuid = (h: string) =>
        `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      const events: ProjectedEvent[] = log.events.map((e) => {
        const h = md5(`${e.complaintId}:${k}`);
        const event = shifted(e.event, k * WEEK) as ComplaintEvent;
        if (event.type === 'ComplaintFiled') {
          const d = event.data;
          d.reference = `C-${h.slice(0, 4).toUpperCase()}-${h.slice(4, 8).toUpperCase()}`;
          d.customer = {
            ...d.customer,
            ...(d.customer.id ? { id: `${d.customer.id}-${k % 60}` } : {}),
            ...(d.customer.email ? { email: `${k % 60}.${d.customer.email}` } : {}),
          };
        }
        return { ...e, complaintId: uuid(h), event };
      });
      await applyBatch(b.db, liveTables, events);
      const rows = (db: typeof a.db, ids: string[]) =>
        db.query<Record<string, unknown>>(
          `SELECT to_jsonb(s) - 'search' AS row FROM complaint_summary s
           WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid) ORDER BY complaint_id`,
          [JSON.stringify(ids)],
        );
      const ids = [...new Set(events.map((e) => e.complaintId))];
      const projected = await rows(b.db, ids);
      expect(projected.length).toBeGreaterThan(100);
      expect(await rows(a.db, ids)).toEqual(projected);
      const search = `SELECT search::text FROM complaint_summary WHERE complaint_id = $1::uuid`;
      expect(await a.db.query(search, [ids[0] as string])).toEqual(
        await b.db.query(search, [ids[0] as string]),
      );
    } finally {
      await a.close();
      await b.close();
    }
  });
});
