import { escalationReasons, statuses } from '@chp/contracts';
import type { StatsGroup } from '../src/query/index.js';
import { applyBatch, liveTables } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
import { type Facts, generateHistory, percentileCont } from './support/generate.js';

describe('statistics equal figures computed independently', () => {
  let h: QueryHarness;
  const { log, facts } = generateHistory(300, 7);
  const from = '2026-01-10T00:00:00.000Z';
  const to = '2026-01-31T00:00:00.000Z';
  const inRange = facts.filter((f) => f.receivedAt >= Date.parse(from) && f.receivedAt < Date.parse(to));

  beforeAll(async () => {
    h = await startQueryHarness();
    await applyBatch(h.db, liveTables, log.events);
  });
  afterAll(() => h.close());

  function expected(group: Facts[]) {
    const seconds = (a: number, b?: number) => (b === undefined ? [] : [(b - a) / 1000]);
    const ack = group.flatMap((f) => seconds(f.receivedAt, f.ackAt));
    const resolve = group.flatMap((f) => seconds(f.receivedAt, f.resolvedAt));
    const resolved = group.filter((f) => f.resolvedAt !== undefined);
    const scores = group.flatMap((f) => (f.score === undefined ? [] : [f.score]));
    return {
      total: group.length,
      ackMedian: percentileCont(ack, 0.5),
      ackP90: percentileCont(ack, 0.9),
      resolveMedian: percentileCont(resolve, 0.5),
      resolveP90: percentileCont(resolve, 0.9),
      fcr: resolved.filter((f) => f.firstContact).length / resolved.length,
      reopen: resolved.filter((f) => f.reopened).length / resolved.length,
      byReason: Object.fromEntries(
        escalationReasons.map((r) => [r, group.filter((f) => f.reasons.includes(r)).length / group.length]),
      ),
      compliance: (group.filter((f) => !f.breached).length / group.length) * 100,
      csatMean: scores.length === 0 ? null : scores.reduce((s, x) => s + x, 0) / scores.length,
      csatResponses: scores.length,
      csat: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [String(n), scores.filter((s) => s === n).length])),
      byStatus: Object.fromEntries(statuses.map((st) => [st, group.filter((f) => f.status === st).length])),
    };
  }

  function check(actual: StatsGroup | undefined, group: Facts[]) {
    const e = expected(group);
    expect(actual).toBeDefined();
    if (!actual) return;
    expect(actual.total).toBe(e.total);
    expect(actual.byStatus).toEqual(e.byStatus);
    expect(actual.timeToAcknowledge.median).toBeCloseTo(e.ackMedian ?? Number.NaN, 3);
    expect(actual.timeToAcknowledge.p90).toBeCloseTo(e.ackP90 ?? Number.NaN, 3);
    expect(actual.timeToResolve.median).toBeCloseTo(e.resolveMedian ?? Number.NaN, 3);
    expect(actual.timeToResolve.p90).toBeCloseTo(e.resolveP90 ?? Number.NaN, 3);
    if (Number.isNaN(e.fcr)) expect(actual.firstContactResolutionRate).toBeNull();
    else expect(actual.firstContactResolutionRate).toBeCloseTo(e.fcr, 9);
    if (Number.isNaN(e.reopen)) expect(actual.reopenRate).toBeNull();
    else expect(actual.reopenRate).toBeCloseTo(e.reopen, 9);
    for (const reason of escalationReasons)
      expect(actual.escalationRateByReason[reason]).toBeCloseTo(e.byReason[reason] ?? Number.NaN, 9);
    expect(actual.slaCompliancePercent).toBeCloseTo(e.compliance, 9);
    if (e.csatMean === null) expect(actual.csat.mean).toBeNull();
    else expect(actual.csat.mean).toBeCloseTo(e.csatMean, 9);
    expect(actual.csat.responses).toBe(e.csatResponses);
    expect(actual.csat.distribution).toEqual(e.csat);
  }

  it('over the whole range', async () => {
    const body = (await (await h.get(`/v1/stats/overview?from=${from}&to=${to}`)).json()) as {
      groups: StatsGroup[];
    };
    expect(body.groups).toHaveLength(1);
    check(body.groups[0], inRange);
  });

  const dayOf = (f: Facts) => new Date(f.receivedAt).toISOString().slice(0, 10);
  it.each([
    ['channel', (f: Facts) => f.channel],
    ['team', (f: Facts) => f.team],
    ['day', dayOf],
  ] as const)('grouped by %s', async (groupBy, keyOf) => {
    const body = (await (
      await h.get(`/v1/stats/overview?from=${from}&to=${to}&groupBy=${groupBy}`)
    ).json()) as {
      groups: StatsGroup[];
    };
    const keys = [...new Set(inRange.map(keyOf))].sort();
    expect(keys.length).toBeGreaterThan(2);
    expect(body.groups.map((g) => g.key)).toEqual(keys);
    for (const key of keys)
      check(
        body.groups.find((g) => g.key === key),
        inRange.filter((f) => keyOf(f) === key),
      );
  });

  it('grouped by week, as CSV', async () => {
    const response = await h.get(
      `/v1/stats/overview?from=${from}&to=${to}&groupBy=week`,
      'supervisor',
      'text/csv',
    );
    const [header, ...rows] = (await response.text()).trim().split('\r\n');
    expect(header?.split(',').slice(0, 2)).toEqual(['key', 'total']);
    const total = rows.reduce((sum, row) => sum + Number(row.split(',')[1]), 0);
    expect(total).toBe(inRange.length);
    expect(rows[0]?.split(',')[0]).toBe('2026-01-05');
  });
});
