import { escalationReasons, outcomes } from '@chp/contracts';
import type { SqlDriver } from '@chp/eventstore';
import {
  type AgeBucket,
  ageBuckets,
  type Clock,
  clocks,
  type DbRow,
  DEFAULT_STALE_DAYS,
  type DrillContext,
  type DrillQuery,
  statsQuery,
  summaryColumnsSql,
} from '../query/index.js';
import type { ComplianceSort, ReportFilters } from './params.js';
import { type Figure, figureOf, percent, Scope } from './scope.js';

const DAY_MS = 86_400_000;
/** A report's period when the request names none: the 30 days before now. */
export const DEFAULT_PERIOD_DAYS = 30;

/** The team, channel, category and legal clock filters, as list filters. */
const slice = (q: ReportFilters): DrillQuery => ({
  ...(q.team ? { team: q.team } : {}),
  ...(q.channel ? { channel: q.channel } : {}),
  ...(q.category ? { category: q.category } : {}),
  ...(q.regime ? { regime: q.regime } : {}),
});
/** The period if the request gave one (reports about now apply it to receipt only when asked). */
const received = (q: ReportFilters): DrillQuery => ({
  ...(q.from ? { filedFrom: q.from } : {}),
  ...(q.to ? { filedTo: q.to } : {}),
});
/** `[from, to)`, defaulting to the 30 days before now. */
export function periodOf(q: ReportFilters, now: Date): { from: string; to: string } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  return { from: from.toISOString(), to: to.toISOString() };
}

async function counts(db: SqlDriver, scope: Scope, columns: string[]): Promise<DbRow> {
  const [row] = await statsQuery(
    db,
    `SELECT ${columns.join(', ')} FROM complaint_summary WHERE ${scope.baseSql}`,
    scope.where.params as string[],
  );
  return row ?? {};
}

/** Per clock, open complaints whose clock was breached, and those at risk now. */
export async function clocksReport(db: SqlDriver, q: ReportFilters, ctx: DrillContext) {
  const scope = new Scope({ ...slice(q), ...received(q), open: true }, ctx);
  const figures = clocks.flatMap((clock) => [
    { key: `${clock}:breached`, ...scope.figure({ breached: clock }) },
    { key: `${clock}:atRisk`, ...scope.figure({ atRisk: clock }) },
  ]);
  const row = await counts(
    db,
    scope,
    figures.map((f, i) => `count(*) FILTER (WHERE ${f.sql}) AS f${i}`),
  );
  const at = (key: string): Figure => {
    const i = figures.findIndex((f) => f.key === key);
    return figureOf(row[`f${i}`], figures[i]?.href ?? '');
  };
  return {
    asOf: ctx.now.toISOString(),
    atRiskWindowSeconds: ctx.atRiskMs / 1000,
    clocks: Object.fromEntries(
      clocks.map((clock) => [clock, { breached: at(`${clock}:breached`), atRisk: at(`${clock}:atRisk`) }]),
    ) as Record<Clock, { breached: Figure; atRisk: Figure }>,
  };
}

/** Open complaints: the total, unassigned, stale, and by age; and new since yesterday (any status). */
export async function backlogReport(
  db: SqlDriver,
  q: ReportFilters & { staleDays: number },
  ctx: DrillContext,
) {
  // Two scans: the open complaints (a partial index), and the ones received since yesterday.
  const open = new Scope({ ...slice(q), ...received(q), open: true }, ctx);
  const day = new Date(ctx.now);
  day.setUTCHours(0, 0, 0, 0);
  const yesterday = new Date(day.getTime() - DAY_MS).toISOString();
  // New since the start of yesterday (UTC), within the period if one was asked for.
  const since = q.from && q.from > yesterday ? q.from : yesterday;
  const fresh = new Scope({ ...slice(q), filedFrom: since, ...(q.to ? { filedTo: q.to } : {}) }, ctx);
  const figures: Record<string, { sql: string; href: string }> = {
    open: open.figure({}),
    unassigned: open.figure({ unassigned: 'agent' }),
    stale: open.figure({ stale: true, staleDays: q.staleDays ?? DEFAULT_STALE_DAYS }),
    ...Object.fromEntries(ageBuckets.map((b) => [`age:${b}`, open.figure({ ageBucket: b })])),
  };
  const names = Object.keys(figures);
  const [row, fresher] = await Promise.all([
    counts(
      db,
      open,
      names.map((name, i) => `count(*) FILTER (WHERE ${figures[name]?.sql}) AS f${i}`),
    ),
    counts(db, fresh, ['count(*) AS n']),
  ]);
  const fig = (name: string) => figureOf(row[`f${names.indexOf(name)}`], figures[name]?.href ?? '');
  return {
    asOf: ctx.now.toISOString(),
    staleDays: q.staleDays,
    open: fig('open'),
    newSinceYesterday: { since, ...figureOf(fresher.n, fresh.figure({}).href) },
    unassigned: fig('unassigned'),
    stale: fig('stale'),
    ageBuckets: Object.fromEntries(ageBuckets.map((b) => [b, fig(`age:${b}`)])) as Record<AgeBucket, Figure>,
  };
}

const dayKey = (column: string) => `to_char(date_trunc('day', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

/** Opened (received) and closed (ended) per UTC day, the last `days` days up to now. */
export async function flowReport(
  db: SqlDriver,
  q: Omit<ReportFilters, 'from' | 'to'> & { days: number },
  ctx: DrillContext,
) {
  const today = new Date(ctx.now);
  today.setUTCHours(0, 0, 0, 0);
  const start = new Date(today.getTime() - (q.days - 1) * DAY_MS).toISOString();
  const opened = new Scope({ ...slice(q), filedFrom: start }, ctx);
  const closed = new Scope({ ...slice(q), closedFrom: start }, ctx);
  const perDay = (scope: Scope, column: string) =>
    statsQuery(
      db,
      `SELECT ${dayKey(column)} AS day, count(*) AS n FROM complaint_summary WHERE ${scope.baseSql} GROUP BY 1`,
      scope.where.params as string[],
    );
  const [o, c] = await Promise.all([perDay(opened, 'received_at'), perDay(closed, 'concluded_at')]);
  const byDay = (rows: DbRow[]) => new Map(rows.map((r) => [String(r.day), Number(r.n)]));
  const openedBy = byDay(o);
  const closedBy = byDay(c);
  const days = Array.from({ length: q.days }, (_, i) => {
    const from = new Date(today.getTime() - (q.days - 1 - i) * DAY_MS);
    const to = new Date(from.getTime() + DAY_MS);
    const key = from.toISOString().slice(0, 10);
    const span = { from: from.toISOString(), to: to.toISOString() };
    return {
      day: key,
      opened: figureOf(openedBy.get(key), opened.figure({ filedFrom: span.from, filedTo: span.to }).href),
      closed: figureOf(closedBy.get(key), closed.figure({ closedFrom: span.from, closedTo: span.to }).href),
    };
  });
  return { asOf: ctx.now.toISOString(), days };
}

/**
 * Of the complaints that ended in the period: within 3 business days and 8 weeks of receipt, by
 * outcome, reopened, redress per currency, and the time from receipt to the end.
 */
export async function outcomesReport(db: SqlDriver, q: ReportFilters, ctx: DrillContext) {
  const { from, to } = periodOf(q, ctx.now);
  const scope = new Scope({ ...slice(q), closedFrom: from, closedTo: to }, ctx);
  const figures: Record<string, { sql: string; href: string }> = {
    closed: scope.figure({}),
    within3BusinessDays: scope.figure({ closedWithin: '3bd' }),
    within8Weeks: scope.figure({ closedWithin: '8w' }),
    reopened: scope.figure({ reopened: true }),
    ...Object.fromEntries(outcomes.map((o) => [`outcome:${o}`, scope.figure({ outcome: [o] })])),
  };
  const names = Object.keys(figures);
  const base = scope.baseSql;
  const params = scope.where.params as string[];
  const [[row], money] = await Promise.all([
    statsQuery(
      db,
      `SELECT ${names.map((n, i) => `count(*) FILTER (WHERE ${figures[n]?.sql}) AS f${i}`).join(', ')},
         percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', concluded_at - received_at)) AS ttr
       FROM complaint_summary WHERE ${base}`,
      params,
    ),
    statsQuery(
      db,
      `SELECT r.key AS currency, round(sum(r.value::numeric), 2)::text AS amount, count(*) AS n
       FROM complaint_summary, jsonb_each_text(redress) AS r WHERE ${base} GROUP BY 1 ORDER BY 1`,
      scope.baseParams,
    ),
  ]);
  const fig = (name: string) => figureOf(row?.[`f${names.indexOf(name)}`], figures[name]?.href ?? '');
  const closed = fig('closed');
  const rate = (name: string) => {
    const f = fig(name);
    return { ...f, percent: percent(f.count, closed.count) };
  };
  const ttr = (row?.ttr ?? null) as (number | null)[] | null;
  return {
    from,
    to,
    closed,
    within3BusinessDays: rate('within3BusinessDays'),
    within8Weeks: rate('within8Weeks'),
    byOutcome: Object.fromEntries(outcomes.map((o) => [o, rate(`outcome:${o}`)])),
    reopened: rate('reopened'),
    redress: money.map((m) => ({
      currency: String(m.currency),
      amount: String(m.amount),
      ...figureOf(m.n, scope.figure({ redressCurrency: String(m.currency) }).href),
    })),
    timeToResolve: {
      median: ttr?.[0] == null ? null : Number(ttr[0]),
      p90: ttr?.[1] == null ? null : Number(ttr[1]),
      drillDown: closed.drillDown,
    },
  };
}

/** Of the complaints received in the period: escalated for each reason. */
export async function escalationsReport(db: SqlDriver, q: ReportFilters, ctx: DrillContext) {
  const { from, to } = periodOf(q, ctx.now);
  const scope = new Scope({ ...slice(q), filedFrom: from, filedTo: to }, ctx);
  const figures = escalationReasons.map((reason) => scope.figure({ escalationReason: reason }));
  const total = scope.figure({});
  const row = await counts(db, scope, [
    'count(*) AS total',
    ...figures.map((f, i) => `count(*) FILTER (WHERE ${f.sql}) AS f${i}`),
  ]);
  const received = figureOf(row.total, total.href);
  return {
    from,
    to,
    received,
    byReason: Object.fromEntries(
      escalationReasons.map((reason, i) => {
        const f = figureOf(row[`f${i}`], figures[i]?.href ?? '');
        return [reason, { ...f, percent: percent(f.count, received.count) }];
      }),
    ),
  };
}

/** CSAT of the complaints that ended in the period: mean, distribution, and the low ratings (1–2). */
export async function csatReport(db: SqlDriver, q: ReportFilters & { limit: number }, ctx: DrillContext) {
  const { from, to } = periodOf(q, ctx.now);
  const scope = new Scope({ ...slice(q), closedFrom: from, closedTo: to }, ctx);
  const scores = ['1', '2', '3', '4', '5'] as const;
  const responses = scope.figure({ satisfaction: [...scores] });
  const low = scope.figure({ satisfaction: ['1', '2'] });
  const each = scores.map((s) => scope.figure({ satisfaction: [s] }));
  const params = scope.where.params as string[];
  // The low ratings' rows: the base and the low figure's conditions, on their own parameters.
  const lowScope = new Scope(scope.base, ctx);
  const lowOnly = lowScope.figure({ satisfaction: ['1', '2'] });
  const [[row], lowRows] = await Promise.all([
    statsQuery(
      db,
      `SELECT avg(satisfaction_score)::float8 AS mean,
         count(*) FILTER (WHERE ${responses.sql}) AS responses, count(*) FILTER (WHERE ${low.sql}) AS low,
         ${each.map((f, i) => `count(*) FILTER (WHERE ${f.sql}) AS s${i}`).join(', ')}
       FROM complaint_summary WHERE ${scope.baseSql}`,
      params,
    ),
    db.query<DbRow>(
      `SELECT ${summaryColumnsSql}, concluded_at FROM complaint_summary WHERE ${lowScope.baseSql} AND ${lowOnly.sql}
       ORDER BY concluded_at DESC, complaint_id DESC LIMIT ${q.limit}`,
      lowScope.where.params as string[],
    ),
  ]);
  return {
    from,
    to,
    mean: row?.mean == null ? null : Number(row.mean),
    responses: figureOf(row?.responses, responses.href),
    distribution: Object.fromEntries(
      scores.map((s, i) => [s, figureOf(row?.[`s${i}`], each[i]?.href ?? '')]),
    ),
    low: { ...figureOf(row?.low, low.href), rows: lowRows },
  };
}

/** Categories of the complaints received in the period: the most frequent, and the most risen. */
export async function categoriesReport(
  db: SqlDriver,
  q: ReportFilters & { limit: number },
  ctx: DrillContext,
) {
  const { from, to } = periodOf(q, ctx.now);
  const previousFrom = new Date(2 * Date.parse(from) - Date.parse(to)).toISOString();
  const current = new Scope({ ...slice(q), filedFrom: from, filedTo: to }, ctx);
  const previous = new Scope({ ...slice(q), filedFrom: previousFrom, filedTo: from }, ctx);
  const scope = new Scope({ ...slice(q), filedFrom: previousFrom, filedTo: to }, ctx);
  const fromParam = scope.param(from);
  const rows = await statsQuery(
    db,
    `SELECT category, count(*) FILTER (WHERE received_at >= ${fromParam}::timestamptz) AS current,
       count(*) FILTER (WHERE received_at < ${fromParam}::timestamptz) AS previous
     FROM complaint_summary WHERE ${scope.baseSql} AND category IS NOT NULL GROUP BY 1`,
    scope.where.params as string[],
  );
  const all = rows.map((r) => {
    const category = String(r.category);
    const now = figureOf(r.current, current.figure({ category }).href);
    const before = figureOf(r.previous, previous.figure({ category }).href);
    return { category, current: now, previous: before, change: now.count - before.count };
  });
  const byName = (a: { category: string }, b: { category: string }) => a.category.localeCompare(b.category);
  return {
    from,
    to,
    previousFrom,
    top: all
      .filter((c) => c.current.count > 0)
      .sort((a, b) => b.current.count - a.current.count || byName(a, b))
      .slice(0, q.limit),
    rising: all
      .filter((c) => c.change > 0)
      .sort((a, b) => b.change - a.change || byName(a, b))
      .slice(0, q.limit),
  };
}

interface ComplianceRow {
  key: string | null;
  name?: string | null;
  total: Figure;
  breached: Figure;
  compliancePercent: number | null;
}

/** SLA compliance (complaints received in the period without a breach) by team and by agent. */
export async function complianceReport(
  db: SqlDriver,
  q: ReportFilters & { sort: ComplianceSort },
  ctx: DrillContext,
) {
  const { from, to } = periodOf(q, ctx.now);
  const scope = new Scope({ ...slice(q), filedFrom: from, filedTo: to }, ctx);
  const params = scope.where.params as string[];
  const grouped = (column: string, name: string) =>
    statsQuery(
      db,
      `SELECT ${column} AS key, ${name} AS name, count(*) AS total, count(*) FILTER (WHERE breached) AS breached
       FROM complaint_summary WHERE ${scope.baseSql} GROUP BY 1`,
      params,
    );
  const [teams, agents] = await Promise.all([
    grouped('team', 'NULL::text'),
    grouped('assignee_id', 'max(assignee_name)'),
  ]);
  const shape = (rows: DbRow[], by: 'team' | 'agent'): ComplianceRow[] =>
    rows
      .map((r) => {
        const key = r.key === null ? null : String(r.key);
        const own: DrillQuery =
          key === null ? { unassigned: by } : by === 'team' ? { team: key } : { assignee: key };
        const total = figureOf(r.total, scope.figure(own).href);
        const breached = figureOf(r.breached, scope.figure({ ...own, breached: true }).href);
        return {
          key,
          ...(by === 'agent' ? { name: r.name === null ? null : String(r.name) } : {}),
          total,
          breached,
          compliancePercent: percent(total.count - breached.count, total.count),
        };
      })
      .sort(comparator(q.sort));
  return { from, to, sort: q.sort, byTeam: shape(teams, 'team'), byAgent: shape(agents, 'agent') };
}

/** Rows in the requested order; ties (and null percentages, last) by key. */
function comparator(sort: ComplianceSort) {
  const sign = sort.startsWith('-') ? -1 : 1;
  const field = sort.replace('-', '');
  const key = (r: ComplianceRow) => r.key ?? '';
  return (a: ComplianceRow, b: ComplianceRow): number => {
    if (field === 'key') return sign * key(a).localeCompare(key(b));
    const va = field === 'total' ? a.total.count : a.compliancePercent;
    const vb = field === 'total' ? b.total.count : b.compliancePercent;
    if (va === null || vb === null) return va === vb ? key(a).localeCompare(key(b)) : va === null ? 1 : -1;
    return sign * (va - vb) || key(a).localeCompare(key(b));
  };
}
