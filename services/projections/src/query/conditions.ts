import type { AgeBucket, Clock, ListQuery } from './params.js';

/**
 * The morning view's conditions, shared by the reports (src/reports) and the list's filters, so a
 * figure and its drill-down select the same rows by construction. Times that depend on "now" are
 * computed here and sent as parameters.
 */

export const terminalStatusesSql = "('resolved', 'closed', 'withdrawn', 'dismissed')";
/** Not ended. The partial indexes `open` repeat this predicate (src/store/tables.ts). */
export const OPEN = `status NOT IN ${terminalStatusesSql}`;

const DAY_MS = 86_400_000;
/** Stale after this many days without an event, unless `staleDays` says otherwise. */
export const DEFAULT_STALE_DAYS = 5;
/** At risk: more than this share of the allowed time (receipt to due) has elapsed. */
export const AT_RISK_SHARE = 0.8;

/** Each clock: its due column, what meets it, and whether it pauses while awaiting the customer. */
export const clockColumns: Record<Clock, { due: string; met: string | null; pauses: boolean }> = {
  acknowledge: { due: 'ack_due_at', met: 'acknowledged_at', pauses: true },
  first_response: { due: 'first_response_due_at', met: 'first_response_at', pauses: true },
  resolve: { due: 'resolve_due_at', met: null, pauses: true },
  regulatory_final_response: { due: 'regulatory_due_at', met: null, pauses: false },
};

/** What the conditions need besides the query: the instant they are evaluated at, and the window. */
export interface DrillContext {
  now: Date;
  /** `AT_RISK_WINDOW`: due within this is at risk whatever the share elapsed. */
  atRiskMs: number;
}

export type DrillQuery = Partial<Omit<ListQuery, 'sort' | 'cursor' | 'limit'>>;

interface Params {
  param(value: string): string;
}

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/**
 * Open, this clock not breached and not met, not paused, due in the future, and either more than
 * 80% of the time from receipt to due has elapsed or it is due within the window.
 */
export function atRiskClause(clock: Clock, w: Params, ctx: DrillContext): string {
  const c = clockColumns[clock];
  const now = `${w.param(ctx.now.toISOString())}::timestamptz`;
  const windowEnd = `${w.param(new Date(ctx.now.getTime() + ctx.atRiskMs).toISOString())}::timestamptz`;
  return [
    OPEN,
    `NOT (breached_targets ? ${w.param(clock)}::text)`,
    ...(c.met ? [`${c.met} IS NULL`] : []),
    ...(c.pauses ? ["status <> 'awaiting_customer'"] : []),
    `${c.due} > ${now}`,
    `(${c.due} <= ${windowEnd} OR ${now} >= received_at + (${c.due} - received_at) * ${AT_RISK_SHARE})`,
  ].join(' AND ');
}

/** Open, and aged (from receipt, at `now`) within the bucket; the first ends at 3 business days. */
export function ageBucketClause(bucket: AgeBucket, w: Params, ctx: DrillContext): string {
  const now = () => `${w.param(ctx.now.toISOString())}::timestamptz`;
  const ago = (days: number) => `${w.param(before(ctx.now, days))}::timestamptz`;
  // Functions, so only the bucket asked for adds parameters.
  const range: Record<AgeBucket, () => string> = {
    '0-3bd': () => `business_3d_at > ${now()}`,
    '3bd-2w': () => `business_3d_at <= ${now()} AND received_at > ${ago(14)}`,
    '2-4w': () => `received_at <= ${ago(14)} AND received_at > ${ago(28)}`,
    '4-8w': () => `received_at <= ${ago(28)} AND received_at > ${ago(56)}`,
    '8w+': () => `received_at <= ${ago(56)}`,
  };
  return `${OPEN} AND ${range[bucket]()}`;
}

/** The drill-down filters' SQL, added to the list's filters (`filters` in list.ts). */
export function drillClauses(query: DrillQuery, w: Params, ctx: DrillContext): string[] {
  const clauses: string[] = [];
  const list = (column: string, values: readonly string[]) =>
    `${column} IN (SELECT jsonb_array_elements_text(${w.param(JSON.stringify(values))}::jsonb))`;
  if (query.open !== undefined) clauses.push(query.open ? OPEN : `NOT (${OPEN})`);
  if (query.atRisk) clauses.push(atRiskClause(query.atRisk, w, ctx));
  if (query.unassigned === 'agent') clauses.push('assignee_id IS NULL');
  if (query.unassigned === 'team') clauses.push('team IS NULL');
  if (query.stale !== undefined) {
    const stale = `updated_at < ${w.param(before(ctx.now, query.staleDays ?? DEFAULT_STALE_DAYS))}::timestamptz`;
    clauses.push(query.stale ? `${OPEN} AND ${stale}` : `NOT (${OPEN} AND ${stale})`);
  }
  if (query.ageBucket) clauses.push(ageBucketClause(query.ageBucket, w, ctx));
  if (query.closedFrom) clauses.push(`concluded_at >= ${w.param(query.closedFrom)}::timestamptz`);
  if (query.closedTo) clauses.push(`concluded_at < ${w.param(query.closedTo)}::timestamptz`);
  if (query.closedWithin === '3bd') clauses.push('concluded_at <= business_3d_at');
  if (query.closedWithin === '8w') clauses.push("concluded_at <= received_at + interval '56 days'");
  if (query.outcome) clauses.push(list('outcome', query.outcome));
  if (query.reopened !== undefined) clauses.push(query.reopened ? 'reopen_count > 0' : 'reopen_count = 0');
  if (query.escalationReason) clauses.push(`escalation_reasons ? ${w.param(query.escalationReason)}::text`);
  if (query.satisfaction)
    clauses.push(
      `satisfaction_score::text IN (SELECT jsonb_array_elements_text(${w.param(JSON.stringify(query.satisfaction))}::jsonb))`,
    );
  if (query.regime === 'none') clauses.push('regulatory_regime IS NULL');
  else if (query.regime) clauses.push(`regulatory_regime = ${w.param(query.regime)}`);
  if (query.redressCurrency) clauses.push(`redress ? ${w.param(query.redressCurrency)}::text`);
  return clauses;
}

/** A drill-down's query string: `/v1/complaints?` plus this gives the figure's complaints. */
export function drillHref(query: DrillQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    search.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return `/v1/complaints?${search.toString()}`;
}
