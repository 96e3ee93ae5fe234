import { escalationReasons } from '@chp/contracts';
import { applyBatch, liveTables } from '../src/store/index.js';
import { NOW, type QueryHarness, startQueryHarness } from './support/app.js';
import { percentileCont } from './support/generate.js';
import { businessDaysAfter, generateReportHistory, type ReportFacts } from './support/report-history.js';

// Every morning-view figure against counts computed here from the generator's facts, and every
// figure's drill-down against the same complaints.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW = 2 * HOUR; // the harness's AT_RISK_WINDOW (the app's default)
const now = NOW.getTime();
const clocks = ['acknowledge', 'first_response', 'resolve', 'regulatory_final_response'] as const;

interface Figure {
  count: number;
  drillDown: string;
}

describe('the morning view reports equal figures computed independently, and drill down to them', () => {
  let h: QueryHarness;
  const { log, facts } = generateReportHistory(500);

  beforeAll(async () => {
    h = await startQueryHarness();
    await applyBatch(h.db, liveTables, log.events);
  });
  afterAll(() => h.close());

  async function json<T>(path: string): Promise<T> {
    const response = await h.get(path);
    const body = (await response.json()) as T;
    expect({ status: response.status, path }).toEqual({ status: 200, path });
    return body;
  }

  /** Every id the drill-down lists, following the cursor. */
  async function drill(href: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await json(
        `${href}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.sort();
  }

  async function expectFigure(figure: Figure | undefined, expected: ReportFacts[]) {
    expect(figure).toBeDefined();
    if (!figure) return;
    expect(figure.count).toBe(expected.length);
    expect(await drill(figure.drillDown)).toEqual(expected.map((f) => f.id).sort());
  }

  const slices = [
    ['no filter', '', () => true],
    [
      'team cards, FCA DISP, e-mail or web',
      'team=cards&regime=fca_disp&channel=email,web',
      (f: ReportFacts) =>
        f.team === 'cards' && f.regime === 'fca_disp' && ['email', 'web'].includes(f.channel),
    ],
    [
      'no regime, category fees',
      'regime=none&category=fees',
      (f: ReportFacts) => f.regime === null && f.category === 'fees',
    ],
  ] as const;

  describe.each(slices)('%s', (_name, filter, inSlice) => {
    const all = () => facts.filter((f) => inSlice(f as ReportFacts));
    const q = (extra = '') => [filter, extra].filter(Boolean).join('&');
    const from = now - 30 * DAY;
    const inPeriod = (t: number | null) => t !== null && t >= from && t < now;

    it('has complaints to count', () => {
      expect(all().length).toBeGreaterThan(20);
    });

    it('clocks: breached and at risk per clock, of open complaints', async () => {
      const body = await json<{ clocks: Record<string, { breached: Figure; atRisk: Figure }> }>(
        `/v1/reports/clocks?${q()}`,
      );
      const open = all().filter((f) => f.open);
      for (const clock of clocks) {
        const met = (f: ReportFacts) =>
          clock === 'acknowledge'
            ? f.ackAt !== null
            : clock === 'first_response'
              ? f.firstResponseAt !== null
              : false;
        const paused = (f: ReportFacts) => clock !== 'regulatory_final_response' && f.awaiting;
        const atRisk = open.filter((f) => {
          const due = f.due[clock];
          if (f.breachedTargets.includes(clock) || met(f) || paused(f) || due <= now) return false;
          return due <= now + WINDOW || now - f.receivedAt >= 0.8 * (due - f.receivedAt);
        });
        await expectFigure(
          body.clocks[clock]?.breached,
          open.filter((f) => f.breachedTargets.includes(clock)),
        );
        await expectFigure(body.clocks[clock]?.atRisk, atRisk);
      }
      // The history is made to have some of each.
      if (filter === '') {
        expect(body.clocks.resolve?.atRisk.count).toBeGreaterThan(0);
        expect(body.clocks.regulatory_final_response?.atRisk.count).toBeGreaterThan(0);
        expect(body.clocks.acknowledge?.breached.count).toBeGreaterThan(0);
      }
    });

    it('backlog: new since yesterday, unassigned, stale, and by age', async () => {
      const body = await json<{
        open: Figure;
        newSinceYesterday: Figure;
        unassigned: Figure;
        stale: Figure;
        ageBuckets: Record<string, Figure>;
      }>(`/v1/reports/backlog?${q()}`);
      const open = all().filter((f) => f.open);
      await expectFigure(body.open, open);
      await expectFigure(
        body.newSinceYesterday,
        all().filter((f) => f.receivedAt >= Date.parse('2026-03-01T00:00:00Z')),
      );
      await expectFigure(
        body.unassigned,
        open.filter((f) => f.assignee === null),
      );
      await expectFigure(
        body.stale,
        open.filter((f) => f.lastEventAt < now - 5 * DAY),
      );
      const age = (f: ReportFacts) => {
        if (businessDaysAfter(f.receivedAt, 3) > now) return '0-3bd';
        const days = (now - f.receivedAt) / DAY;
        return days < 14 ? '3bd-2w' : days < 28 ? '2-4w' : days < 56 ? '4-8w' : '8w+';
      };
      for (const bucket of ['0-3bd', '3bd-2w', '2-4w', '4-8w', '8w+'])
        await expectFigure(
          body.ageBuckets[bucket],
          open.filter((f) => age(f) === bucket),
        );
      const stale7 = await json<{ stale: Figure }>(`/v1/reports/backlog?${q('staleDays=7')}`);
      await expectFigure(
        stale7.stale,
        open.filter((f) => f.lastEventAt < now - 7 * DAY),
      );
    });

    it('flow: opened and closed per day over the last 30 days', async () => {
      const body = await json<{ days: { day: string; opened: Figure; closed: Figure }[] }>(
        `/v1/reports/flow?${q()}`,
      );
      expect(body.days).toHaveLength(30);
      expect(body.days[29]?.day).toBe('2026-03-02');
      const dayOf = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 10));
      for (const d of body.days) {
        await expectFigure(
          d.opened,
          all().filter((f) => dayOf(f.receivedAt) === d.day),
        );
        await expectFigure(
          d.closed,
          all().filter((f) => dayOf(f.concludedAt) === d.day),
        );
      }
    });

    it('outcomes of the complaints closed in the period', async () => {
      const body = await json<{
        closed: Figure;
        within3BusinessDays: Figure & { percent: number | null };
        within8Weeks: Figure & { percent: number | null };
        byOutcome: Record<string, Figure & { percent: number | null }>;
        reopened: Figure;
        redress: (Figure & { currency: string; amount: string })[];
        timeToResolve: { median: number | null; p90: number | null };
      }>(`/v1/reports/outcomes?${q()}`);
      const closed = all().filter((f) => inPeriod(f.concludedAt));
      expect(closed.length).toBeGreaterThan(0);
      const end = (f: ReportFacts) => f.concludedAt as number;
      await expectFigure(body.closed, closed);
      const within3 = closed.filter((f) => end(f) <= businessDaysAfter(f.receivedAt, 3));
      await expectFigure(body.within3BusinessDays, within3);
      expect(body.within3BusinessDays.percent).toBeCloseTo((within3.length / closed.length) * 100, 9);
      const within8 = closed.filter((f) => end(f) <= f.receivedAt + 56 * DAY);
      await expectFigure(body.within8Weeks, within8);
      expect(body.within8Weeks.percent).toBeCloseTo((within8.length / closed.length) * 100, 9);
      for (const outcome of ['upheld', 'partially_upheld', 'not_upheld']) {
        const those = closed.filter((f) => f.outcome === outcome);
        await expectFigure(body.byOutcome[outcome], those);
        expect(body.byOutcome[outcome]?.percent).toBeCloseTo((those.length / closed.length) * 100, 9);
      }
      await expectFigure(
        body.reopened,
        closed.filter((f) => f.reopened),
      );
      const currencies = [...new Set(closed.flatMap((f) => Object.keys(f.redress)))].sort();
      expect(body.redress.map((r) => r.currency)).toEqual(currencies);
      for (const currency of currencies) {
        const paying = closed.filter((f) => f.redress[currency] !== undefined);
        const cents = paying.reduce((sum, f) => sum + (f.redress[currency] ?? 0), 0);
        const row = body.redress.find((r) => r.currency === currency);
        expect(row?.amount).toBe((cents / 100).toFixed(2));
        await expectFigure(row, paying);
      }
      const seconds = closed.map((f) => (end(f) - f.receivedAt) / 1000);
      expect(body.timeToResolve.median).toBeCloseTo(percentileCont(seconds, 0.5) ?? Number.NaN, 3);
      expect(body.timeToResolve.p90).toBeCloseTo(percentileCont(seconds, 0.9) ?? Number.NaN, 3);
    });

    it('escalations by reason, of the complaints received in the period', async () => {
      const body = await json<{
        received: Figure;
        byReason: Record<string, Figure & { percent: number | null }>;
      }>(`/v1/reports/escalations?${q()}`);
      const received = all().filter((f) => inPeriod(f.receivedAt));
      await expectFigure(body.received, received);
      for (const reason of escalationReasons)
        await expectFigure(
          body.byReason[reason],
          received.filter((f) => f.reasons.includes(reason)),
        );
    });

    it('CSAT of the complaints closed in the period: mean, distribution, the low ratings', async () => {
      const body = await json<{
        mean: number | null;
        responses: Figure;
        distribution: Record<string, Figure>;
        low: Figure & { rows: { id: string; satisfactionScore: number }[] };
      }>(`/v1/reports/csat?${q('limit=200')}`);
      const rated = all().filter((f) => inPeriod(f.concludedAt) && f.score !== null);
      await expectFigure(body.responses, rated);
      const scores = rated.map((f) => f.score as number);
      if (scores.length === 0) expect(body.mean).toBeNull();
      else expect(body.mean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9);
      for (const s of [1, 2, 3, 4, 5])
        await expectFigure(
          body.distribution[String(s)],
          rated.filter((f) => f.score === s),
        );
      const low = rated.filter((f) => (f.score as number) <= 2);
      await expectFigure(body.low, low);
      expect(body.low.rows.map((r) => r.id).sort()).toEqual(low.map((f) => f.id).sort());
    });

    it('categories: the top ones and the rising ones against the previous period', async () => {
      const body = await json<{
        top: { category: string; current: Figure; previous: Figure; change: number }[];
        rising: { category: string; current: Figure; previous: Figure; change: number }[];
      }>(`/v1/reports/categories?${q()}`);
      const current = (c: string) => all().filter((f) => f.category === c && inPeriod(f.receivedAt));
      const previous = (c: string) =>
        all().filter((f) => f.category === c && f.receivedAt >= from - 30 * DAY && f.receivedAt < from);
      const names = [...new Set(all().flatMap((f) => (f.category ? [f.category] : [])))];
      const expectedTop = names
        .filter((c) => current(c).length > 0)
        .sort((a, b) => current(b).length - current(a).length || a.localeCompare(b));
      expect(body.top.map((t) => t.category)).toEqual(expectedTop);
      const change = (c: string) => current(c).length - previous(c).length;
      expect(body.rising.map((t) => t.category)).toEqual(
        names.filter((c) => change(c) > 0).sort((a, b) => change(b) - change(a) || a.localeCompare(b)),
      );
      if (filter === '') expect(body.rising.map((r) => r.category)).toContain('fraud');
      for (const t of body.top) {
        await expectFigure(t.current, current(t.category));
        await expectFigure(t.previous, previous(t.category));
      }
    });

    it('SLA compliance by team and by agent, sorted as asked', async () => {
      type Row = { key: string | null; total: Figure; breached: Figure; compliancePercent: number | null };
      const body = await json<{ byTeam: Row[]; byAgent: Row[] }>(
        `/v1/reports/compliance?${q('sort=-total')}`,
      );
      const received = all().filter((f) => inPeriod(f.receivedAt));
      for (const [rows, keyOf] of [
        [body.byTeam, (f: ReportFacts) => f.team],
        [body.byAgent, (f: ReportFacts) => f.assignee],
      ] as const) {
        const keys = [...new Set(received.map(keyOf))];
        expect(rows).toHaveLength(keys.length);
        const totals = rows.map((r) => r.total.count);
        expect(totals).toEqual([...totals].sort((a, b) => b - a));
        for (const row of rows) {
          const group = received.filter((f) => keyOf(f) === row.key);
          const breached = group.filter((f) => f.breachedTargets.length > 0);
          await expectFigure(row.total, group);
          await expectFigure(row.breached, breached);
          expect(row.compliancePercent).toBeCloseTo(
            ((group.length - breached.length) / group.length) * 100,
            9,
          );
        }
      }
      const worstFirst = await json<{ byTeam: Row[] }>(`/v1/reports/compliance?${q()}`);
      const percents = worstFirst.byTeam.map((r) => r.compliancePercent ?? 0);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
    });
  });

  it('refuses an agent, and names a bad parameter', async () => {
    expect((await h.get('/v1/reports/clocks', 'agent')).status).toBe(403);
    const bad = await h.get('/v1/reports/backlog?staleDays=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('#/staleDays');
    const reversed = await h.get('/v1/reports/outcomes?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect((await h.get('/v1/complaints?atRisk=nothing')).status).toBe(400);
  });
});
