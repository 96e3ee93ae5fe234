import { escalationReasons, statuses } from '@chp/contracts';
import type { SqlDriver } from '@chp/eventstore';
import type { GroupBy, StatsQuery } from './params.js';

/** Each grouping: the expression rows are grouped on, and the key shown (computed once per group). */
const groupings: Record<GroupBy | 'all', { by: string; key: string }> = {
  all: { by: '1', key: "'all'" }, // by position: PostgreSQL refuses a string constant in GROUP BY
  channel: { by: 'channel', key: 'channel' },
  category: { by: "COALESCE(category, '(none)')", key: "COALESCE(category, '(none)')" },
  team: { by: "COALESCE(team, '(unassigned)')", key: "COALESCE(team, '(unassigned)')" },
  assignee: { by: "COALESCE(assignee_id, '(unassigned)')", key: "COALESCE(assignee_id, '(unassigned)')" },
  day: {
    by: "date_trunc('day', received_at AT TIME ZONE 'UTC')",
    key: "to_char(date_trunc('day', received_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')",
  },
  week: {
    by: "date_trunc('week', received_at AT TIME ZONE 'UTC')",
    key: "to_char(date_trunc('week', received_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')",
  },
};

// date_part gives float8; extract() gives numeric since PostgreSQL 14, whose arithmetic per row was
// a quarter of a percentile query's CPU.
const seconds = (from: string, to: string) => `date_part('epoch', ${to} - ${from})`;

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
  const grouping = groupings[query.groupBy ?? 'all'];
  // One scan of the covering stats index: statuses and reasons are the contracts' fixed lists,
  // counted with FILTER columns; each percentile pair shares one sort (percentile_cont over an
  // array). One query costs less CPU than three in parallel, each scanning the index again.
  const params = [query.from, query.to, ...statuses, ...escalationReasons];
  const statusColumns = statuses.map((_, i) => `count(*) FILTER (WHERE status = $${3 + i}) AS status_${i}`);
  const reasonColumns = escalationReasons.map(
    (_, i) => `count(*) FILTER (WHERE escalation_reasons ? $${3 + statuses.length + i}::text) AS reason_${i}`,
  );
  const percentiles = (column: string, name: string) =>
    `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${seconds('received_at', column)})
       FILTER (WHERE ${column} IS NOT NULL) AS ${name}`;
  const rows = await statsQuery(
    db,
    `SELECT ${grouping.key} AS key, count(*) AS total,
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
       ${percentiles('acknowledged_at', 'ack')},
       ${percentiles('first_resolved_at', 'resolve')},
       ${[...statusColumns, ...reasonColumns].join(',\n       ')}
     FROM complaint_summary
     WHERE received_at >= $1::timestamptz AND received_at < $2::timestamptz
     GROUP BY ${grouping.by} ORDER BY 1`,
    params,
  );
  const pair = (p: unknown): Percentiles => {
    const values = p as (number | null)[] | null;
    return { median: num(values?.[0]), p90: num(values?.[1]) };
  };
  return rows.map((row) => {
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
      timeToAcknowledge: pair(row.ack),
      timeToResolve: pair(row.resolve),
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
 * The stats query with JIT off (a scan of ~100,000 rows triggers it, and its compilation took much
 * of the query's time: bench/projections.bench.ts, and the README's Benchmark) and room to sort the
 * grouped rows in memory (with the default 4 MB work_mem grouping 100,000 rows spilled to disk).
 */
export function statsQuery(db: SqlDriver, sql: string, params: string[]): Promise<Record<string, unknown>[]> {
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL jit = off; SET LOCAL work_mem = '32MB'`);
    return tx.query<Record<string, unknown>>(sql, params);
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
