import { addBusinessDays, project, redressOf, type SummaryRow } from '../src/projection/index.js';
import { applyBatch, business3dSql, liveTables, migrate } from '../src/store/index.js';
import { startQueryHarness } from './support/app.js';
import { EventLog } from './support/events.js';
import { listFeed } from './support/feed-server.js';
import { generateReportHistory } from './support/report-history.js';

/** Folds a complaint's events with the pure projection. */
const fold = (events: Parameters<typeof project>[1][]): SummaryRow | undefined =>
  events.reduce<SummaryRow | undefined>((row, e) => project(row, e)?.summary ?? row, undefined);

describe('the report columns', () => {
  it('project: ended at the first resolution since the last reopen, or the close or withdrawal; redress of the latest resolution', () => {
    const log = new EventLog();
    const refund = (amount: string, currency = 'EUR') => ({
      type: 'refund' as const,
      amount: { amount, currency },
    });
    const c = log
      .complaint({ sla: { policyId: 'standard', policyVersion: 1, regulatoryRegime: 'psd2' } })
      .add('ComplaintResolved', {
        summary: 'refunded',
        outcome: 'upheld',
        remedies: [
          refund('10.5'),
          refund('0.75'),
          { type: 'compensation', amount: { amount: '25', currency: 'GBP' } },
          { type: 'apology' },
        ],
        firstContact: false,
        at: '2026-03-03T10:00:00.000Z',
      });
    let row = fold(c.events);
    expect(row).toMatchObject({
      regulatory_regime: 'psd2',
      business_3d_at: '2026-03-05T09:00:00.000Z',
      concluded_at: '2026-03-03T10:00:00.000Z',
      redress: { EUR: '11.25', GBP: '25.00' },
    });
    c.add('ComplaintClosed', { reason: 'accepted', at: '2026-03-04T10:00:00.000Z' });
    expect(fold(c.events)?.concluded_at).toBe('2026-03-03T10:00:00.000Z');
    c.add('ComplaintReopened', { reason: 'no', at: '2026-03-05T10:00:00.000Z' });
    expect(fold(c.events)?.concluded_at).toBeNull();
    c.add('ComplaintResolved', {
      summary: 'no',
      outcome: 'not_upheld',
      remedies: [],
      firstContact: false,
      at: '2026-03-06T10:00:00.000Z',
    });
    row = fold(c.events);
    expect(row).toMatchObject({
      concluded_at: '2026-03-06T10:00:00.000Z',
      redress: {},
      outcome: 'not_upheld',
    });
    const withdrawn = log.complaint().add('ComplaintWithdrawn', { at: '2026-03-02T10:00:00.000Z' });
    expect(fold(withdrawn.events)).toMatchObject({
      concluded_at: '2026-03-02T10:00:00.000Z',
      regulatory_regime: null,
    });
    expect(redressOf([refund('999999999999.99'), refund('0.01')])).toEqual({ EUR: '1000000000000.00' });
  });

  it('business days: the projection and the migration SQL agree for every weekday and time', async () => {
    const h = await startQueryHarness();
    try {
      const times = Array.from({ length: 28 }, (_, i) =>
        new Date(Date.parse('2026-03-02T00:30:00Z') + i * 6 * 3_600_000 + (i * 86_400_000) / 4).toISOString(),
      );
      const rows = await h.db.query<{ at: string; due: Date | string }>(
        `SELECT t AS at, ${business3dSql('t::timestamptz')} AS due FROM jsonb_array_elements_text($1::jsonb) AS t`,
        [JSON.stringify(times)],
      );
      for (const r of rows) expect(new Date(r.due).toISOString()).toBe(addBusinessDays(r.at, 3));
      expect(addBusinessDays('2026-03-06T17:00:00.000Z', 3)).toBe('2026-03-11T17:00:00.000Z'); // Friday → Wednesday
      expect(addBusinessDays('2026-03-07T17:00:00.000Z', 3)).toBe('2026-03-11T17:00:00.000Z'); // Saturday → Wednesday
    } finally {
      await h.close();
    }
  });

  it('migration reports-1 adds them to an older read model, fills what the rows know, and a rebuild the rest', async () => {
    const { log } = generateReportHistory(120, 5);
    const h = await startQueryHarness(listFeed(() => log.events));
    try {
      await applyBatch(h.db, liveTables, log.events);
      const columns = `complaint_id, regulatory_regime, business_3d_at, concluded_at, redress`;
      const expected = await h.db.query<Record<string, unknown>>(
        `SELECT ${columns} FROM complaint_summary ORDER BY 1`,
      );
      expect(expected.some((r) => r.regulatory_regime !== null)).toBe(true);
      expect(expected.some((r) => Object.keys(r.redress as object).length > 0)).toBe(true);
      // An older read model: the columns (and the indexes reading them) did not exist.
      await h.db.exec(
        'ALTER TABLE complaint_summary DROP COLUMN regulatory_regime, DROP COLUMN business_3d_at, DROP COLUMN concluded_at, DROP COLUMN redress',
      );
      await migrate(h.db);
      await migrate(h.db); // idempotent
      const migrated = await h.db.query<Record<string, unknown>>(
        `SELECT ${columns} FROM complaint_summary ORDER BY 1`,
      );
      const times = (rows: Record<string, unknown>[]) =>
        rows.map((r) => [r.complaint_id, String(r.business_3d_at), String(r.concluded_at)]);
      expect(times(migrated)).toEqual(times(expected));
      expect(migrated.every((r) => r.regulatory_regime === null)).toBe(true);
      const indexes = await h.db.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'complaint_summary'`,
      );
      expect(indexes.map((i) => i.indexname.split('_').pop())).toEqual(
        expect.arrayContaining(['open', 'concluded']),
      );
      expect((await h.post('/admin/v1/projections/rebuild')).status).toBe(202);
      await h.rebuilder.settled();
      const rebuilt = await h.db.query<Record<string, unknown>>(
        `SELECT ${columns} FROM complaint_summary ORDER BY 1`,
      );
      expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(expected));
    } finally {
      await h.close();
    }
  });
});
