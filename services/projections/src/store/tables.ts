import type { SummaryRow, TimelineRow } from '../projection/index.js';

/** Column name → SQL type. The order is the DDL's; the keys are the TS rows' keys. */
export const summaryColumns: Record<keyof SummaryRow, string> = {
  complaint_id: 'uuid PRIMARY KEY',
  reference: 'text NOT NULL',
  revision: 'integer NOT NULL',
  last_position: 'text NOT NULL',
  status: 'text NOT NULL',
  channel: 'text NOT NULL',
  category: 'text',
  priority: 'text NOT NULL',
  priority_rank: 'smallint NOT NULL',
  severity: 'text',
  subject: 'text NOT NULL',
  description: 'text NOT NULL',
  search_text: 'text NOT NULL',
  customer_id: 'text',
  customer_name: 'text NOT NULL',
  customer_email: 'text',
  customer_phone: 'text',
  customer_language: 'text NOT NULL',
  team: 'text',
  assignee_id: 'text',
  assignee_name: 'text',
  escalation_level: 'smallint NOT NULL',
  escalated_to: 'text',
  escalation_count: 'integer NOT NULL',
  escalation_reasons: 'jsonb NOT NULL',
  sla_policy: 'text NOT NULL',
  received_at: 'timestamptz NOT NULL',
  filed_at: 'timestamptz NOT NULL',
  updated_at: 'timestamptz NOT NULL',
  acknowledged_at: 'timestamptz',
  first_response_at: 'timestamptz',
  first_resolved_at: 'timestamptz',
  resolved_at: 'timestamptz',
  closed_at: 'timestamptz',
  awaiting_since: 'timestamptz',
  outcome: 'text',
  close_reason: 'text',
  first_contact: 'boolean',
  reopen_count: 'integer NOT NULL',
  satisfaction_score: 'smallint',
  ack_due_at: 'timestamptz',
  first_response_due_at: 'timestamptz',
  resolve_due_at: 'timestamptz',
  regulatory_due_at: 'timestamptz',
  next_due_at: 'timestamptz',
  breached: 'boolean NOT NULL',
  breached_targets: 'jsonb NOT NULL',
  first_breached_at: 'timestamptz',
  notes_count: 'integer NOT NULL',
  links: 'jsonb NOT NULL',
  // The morning view's reports (src/store/report-columns.ts adds them to older read models).
  regulatory_regime: 'text',
  business_3d_at: 'timestamptz',
  concluded_at: 'timestamptz',
  redress: "jsonb NOT NULL DEFAULT '{}'::jsonb",
};

export const timelineColumns: Record<keyof TimelineRow, string> = {
  complaint_id: 'uuid NOT NULL',
  revision: 'integer NOT NULL',
  event_id: 'uuid NOT NULL',
  type: 'text NOT NULL',
  at: 'timestamptz NOT NULL',
  actor_id: 'text NOT NULL',
  actor_role: 'text NOT NULL',
  text: 'text NOT NULL',
  position: 'text NOT NULL',
  attachments: "jsonb NOT NULL DEFAULT '[]'::jsonb",
};

export const summaryColumnNames = Object.keys(summaryColumns) as (keyof SummaryRow)[];

/**
 * Columns only `ComplaintFiled` sets (the fold never changes them afterwards): an update leaves
 * them alone, so it neither sends the subject and description again nor recomputes `search`.
 */
export const filedOnlyColumns: ReadonlySet<keyof SummaryRow> = new Set([
  'complaint_id',
  'reference',
  'channel',
  'subject',
  'description',
  'search_text',
  'customer_id',
  'customer_name',
  'customer_email',
  'customer_phone',
  // not customer_language: an agent corrects it (CustomerLanguageCorrected)
  'sla_policy',
  'received_at',
  'filed_at',
  'regulatory_regime',
  'business_3d_at',
] as const);
export const updatedColumnNames = summaryColumnNames.filter((c) => !filedOnlyColumns.has(c));
/** A column's SQL type without its constraints (`uuid PRIMARY KEY` → `uuid`). */
export const columnType = (column: keyof SummaryRow): string =>
  summaryColumns[column].replace(/ (PRIMARY KEY|NOT NULL).*$/, '');
export const timelineColumnNames = Object.keys(timelineColumns) as (keyof TimelineRow)[];

/** The pair of tables one projection writes: the live ones, or a rebuild's shadow. */
export interface TableSet {
  summary: string;
  timeline: string;
}

export const liveTables: TableSet = { summary: 'complaint_summary', timeline: 'complaint_timeline' };
export const shadowTables: TableSet = {
  summary: 'complaint_summary_shadow',
  timeline: 'complaint_timeline_shadow',
};

/**
 * Index name suffix → definition. The `period` index (`stats` before) covers every column the stats overview reads,
 * so its scans over a date range are index-only (a small index instead of the whole table; without it
 * the overview missed its p99 budget: bench/projections.bench.ts, and the README's Benchmark).
 */
export const summaryIndexes: Record<string, string> = {
  received: '(received_at DESC, complaint_id DESC)',
  status: '(status, received_at DESC, complaint_id DESC)',
  team: '(team, received_at DESC)',
  assignee: '(assignee_id, received_at DESC)',
  due: '(next_due_at, complaint_id) WHERE next_due_at IS NOT NULL',
  breached: '(first_breached_at DESC) WHERE breached',
  email: '(customer_email) WHERE customer_email IS NOT NULL',
  phone: '(customer_phone) WHERE customer_phone IS NOT NULL',
  customer: '(customer_id) WHERE customer_id IS NOT NULL',
  search: 'USING gin (search)',
  // `stats` before the morning view; `period` adds the legal clock, which the reports filter by.
  period: `(received_at) INCLUDE (team, channel, category, regulatory_regime, assignee_id, status,
    acknowledged_at, first_resolved_at, first_contact, reopen_count, breached, satisfaction_score,
    escalation_reasons)`,
  // The morning view (src/reports): open complaints by receipt (the backlog, the clocks, stale and
  // unassigned), and complaints by the time they ended (outcomes, CSAT, opened against closed).
  open: `(received_at DESC, complaint_id DESC) INCLUDE (team, channel, category, regulatory_regime, assignee_id, updated_at,
    status, breached, breached_targets, acknowledged_at, first_response_at, ack_due_at, first_response_due_at,
    resolve_due_at, regulatory_due_at, business_3d_at)
    WHERE status NOT IN ('resolved', 'closed', 'withdrawn', 'dismissed')`,
  concluded: `(concluded_at) INCLUDE (received_at, team, channel, category, regulatory_regime, outcome,
    business_3d_at, reopen_count, satisfaction_score, redress) WHERE concluded_at IS NOT NULL`,
  // Drill-downs to rare figures (breached or unmet clocks of open complaints), newest first: without
  // these a page walked every open complaint (~45,000 at 1,000,000) to find a handful.
  openbreached: `(received_at DESC, complaint_id DESC)
    WHERE status NOT IN ('resolved', 'closed', 'withdrawn', 'dismissed') AND breached`,
  unacked: `(received_at DESC, complaint_id DESC)
    WHERE status NOT IN ('resolved', 'closed', 'withdrawn', 'dismissed') AND acknowledged_at IS NULL`,
  unanswered: `(received_at DESC, complaint_id DESC)
    WHERE status NOT IN ('resolved', 'closed', 'withdrawn', 'dismissed') AND first_response_at IS NULL`,
};
/** Index suffixes earlier versions created on the summary and `migrate` drops (`stats`: now `period`). */
export const retiredSummaryIndexes = ['stats'] as const;
/** Indexes earlier versions created and `migrate` drops (timeline `at`: no query reads by it). */
export const retiredTimelineIndexes = ['at'] as const;

/**
 * DDL for a table set. Index names carry `tag` because indexes keep their names when a rebuild
 * renames the shadow tables in: each generation needs names of its own. `present` lists the index
 * suffixes a table already has under any generation's tag (migrating live tables a rebuild swapped
 * in), which are not created again under this tag.
 */
export function tableDdl(
  tables: TableSet,
  tag: string,
  present: { summary: ReadonlySet<string> } = { summary: new Set() },
): string {
  const s = tables.summary;
  const t = tables.timeline;
  const idx = (name: string) => `${s.replace('complaint_', 'cs_')}_${tag}_${name}`;
  const columns = Object.entries(summaryColumns).map(([name, type]) => `  ${name} ${type}`);
  // `simple` only splits and lower-cases, so no language's words are stemmed away; the text was
  // lower-cased in JS already, because lower() in a C-locale database leaves Cyrillic capitals.
  columns.push(
    `  search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED`,
  );
  return `
CREATE TABLE IF NOT EXISTS ${s} (
${columns.join(',\n')}
);
${Object.entries(summaryIndexes)
  .filter(([name]) => !present.summary.has(name))
  .map(([name, definition]) => `CREATE INDEX IF NOT EXISTS ${idx(name)} ON ${s} ${definition};`)
  .join('\n')}
CREATE TABLE IF NOT EXISTS ${t} (
${Object.entries(timelineColumns)
  .map(([name, type]) => `  ${name} ${type}`)
  .join(',\n')},
  PRIMARY KEY (complaint_id, revision)
);
`;
}
