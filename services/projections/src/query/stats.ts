import { escalationReasons, statuses } from '@chp/contracts';
import type { SqlDriver } from '@chp/eventstore';
import type { GroupBy, StatsQuery } from './params.js';

const groupKeys: Record<GroupBy | 'all', string> = {
  all: "'all'",
  channel: 'channel',
  category: "COALESCE(category, '(none)')",
  team: "COALESCE(team, '(unassigned)')",
  assignee: "COALESCE(assignee_id, '(unassigned)')",
  day: "to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
  week: "to_char(date_trunc('week', received_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')",
};

const seconds = (from: string, to: string) => `extract(epoch FROM (${to} - ${from}))`;

export interface Percentiles {
  median: number | null;
  p90: number | null;
}

export interface StatsGroup {
  key: string;
  total: number;
  byStatus: Record<string, number>;
  /** Seconds from receipt to the first acknowledgement. */
  timeToAcknowledge: Percentiles;
  /** Seconds from receipt to the first resolution. */
  timeToResolve: Percentiles;
  resolved: number;
  firstContactResolutionRate: number | null;
  reopenRate: number | null;
  escalationRateByReason: Record<string, number>;
  slaCompliancePercent: number | null;
  csat: { mean: number | null; responses: number; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The overview over complaints received in [from, to), per group: counts by status, median and
 * p90 times (percentile_cont), first-contact resolution and reopen rates (of resolved complaints),
 * escalation rate per reason and SLA compliance (of all), and CSAT.
 */
export async function statsOverview(db: SqlDriver, query: StatsQuery): Promise<StatsGroup[]> {
  const key = groupKeys[query.groupBy ?? 'all'];
  // One scan: statuses and reasons are the contracts' fixed lists, counted with FILTER columns.
  const params = [query.from, query.to, ...statuses, ...escalationReasons];
  const statusColumns = statuses.map((_, i) => `count(*) FILTER (WHERE status = $${3 + i}) AS status_${i}`);
  const reasonColumns = escalationReasons.map(
    (_, i) => `count(*) FILTER (WHERE escalation_reasons ? $${3 + statuses.length + i}::text) AS reason_${i}`,
  );
  const range = 'received_at >= $1::timestamptz AND received_at < $2::timestamptz';
  const ack = seconds('received_at', 'acknowledged_at');
  const resolve = seconds('received_at', 'first_resolved_at');
  // Three narrow queries in parallel: the counts hash-aggregate in one scan; each percentile pair
  // sorts only its own non-null values (percentile_cont over an array shares one sort).
  const percentiles = (column: string, expr: string) =>
    withoutJit<{ key: string; p: (number | null)[] | null }>(
      db,
      `SELECT ${key} AS key, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${expr}) AS p
       FROM complaint_summary WHERE ${range} AND ${column} IS NOT NULL GROUP BY 1`,
      [query.from, query.to],
    );
  const [main, ackTimes, resolveTimes] = await Promise.all([
    withoutJit<Record<string, unknown>>(
      db,
      `SELECT ${key} AS key, count(*) AS total,
         count(*) FILTER (WHERE first_resolved_at IS NOT NULL) AS resolved,
         count(*) FILTER (WHERE first_resolved_at IS NOT NULL AND first_contact) AS first_contact,
         count(*) FILTER (WHERE first_resolved_at IS NOT NULL AND reopen_count > 0) AS reopened,
         count(*) FILTER (WHERE breached) AS breached,
         avg(satisfaction_score)::float8 AS csat_mean,
         count(satisfaction_score) AS csat_responses,
         count(*) FILTER (WHERE satisfaction_score = 1) AS csat_1,
         count(*) FILTER (WHERE satisfaction_score = 2) AS csat_2,
         count(*) FILTER (WHERE satisfaction_score = 3) AS csat_3,
         count(*) FILTER (WHERE satisfaction_score = 4) AS csat_4,
         count(*) FILTER (WHERE satisfaction_score = 5) AS csat_5,
         ${[...statusColumns, ...reasonColumns].join(',\n         ')}
       FROM complaint_summary WHERE ${range} GROUP BY 1 ORDER BY 1`,
      params,
    ),
    percentiles('acknowledged_at', ack),
    percentiles('first_resolved_at', resolve),
  ]);
  const pair = (rows: { key: string; p: (number | null)[] | null }[], groupKey: string): Percentiles => {
    const p = rows.find((r) => String(r.key) === groupKey)?.p;
    return { median: num(p?.[0]), p90: num(p?.[1]) };
  };
  return main.map((row) => {
    const groupKey = String(row.key);
    const total = Number(row.total);
    const resolved = Number(row.resolved);
    const statusCounts = Object.fromEntries(statuses.map((s, i) => [s, Number(row[`status_${i}`])]));
    const reasons = Object.fromEntries(
      escalationReasons.map((r, i) => [r, Number(row[`reason_${i}`]) / total]),
    );
    return {
      key: groupKey,
      total,
      byStatus: statusCounts,
      timeToAcknowledge: pair(ackTimes, groupKey),
      timeToResolve: pair(resolveTimes, groupKey),
      resolved,
      firstContactResolutionRate: ratio(Number(row.first_contact), resolved),
      reopenRate: ratio(Number(row.reopened), resolved),
      escalationRateByReason: reasons,
      slaCompliancePercent: total === 0 ? null : ((total - Number(row.breached)) / total) * 100,
      csat: {
        mean: num(row.csat_mean),
        responses: Number(row.csat_responses),
        distribution: {
          '1': Number(row.csat_1),
          '2': Number(row.csat_2),
          '3': Number(row.csat_3),
          '4': Number(row.csat_4),
          '5': Number(row.csat_5),
        },
      },
    };
  });
}

/**
 * One query with JIT off. A scan over ~100,000 summary rows costs enough to trigger PostgreSQL's
 * JIT, whose compilation took ~165 ms of a 384 ms stats query in the benchmark: more than it saves.
 */
function withoutJit<Row>(db: SqlDriver, sql: string, params: string[]): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return tx.query<Row>(sql, params);
  });
}

/** One flat CSV row per group. */
export function statsCsvRow(group: StatsGroup): Record<string, unknown> {
  return {
    key: group.key,
    total: group.total,
    ...Object.fromEntries(Object.entries(group.byStatus).map(([s, n]) => [`status_${s}`, n])),
    ack_median_s: group.timeToAcknowledge.median,
    ack_p90_s: group.timeToAcknowledge.p90,
    resolve_median_s: group.timeToResolve.median,
    resolve_p90_s: group.timeToResolve.p90,
    first_contact_resolution_rate: group.firstContactResolutionRate,
    reopen_rate: group.reopenRate,
    ...Object.fromEntries(
      Object.entries(group.escalationRateByReason).map(([r, n]) => [`escalation_rate_${r}`, n]),
    ),
    sla_compliance_percent: group.slaCompliancePercent,
    csat_mean: group.csat.mean,
    csat_responses: group.csat.responses,
    ...Object.fromEntries(Object.entries(group.csat.distribution).map(([s, n]) => [`csat_${s}`, n])),
  };
}
