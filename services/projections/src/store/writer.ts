import type { SqlDriver, SqlExecutor } from '@chp/eventstore';
import { type ProjectedEvent, project, type SummaryRow, type TimelineRow } from '../projection/index.js';
import {
  columnType,
  summaryColumnNames,
  type TableSet,
  timelineColumnNames,
  updatedColumnNames,
} from './tables.js';

/** What happened to one event of a batch. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

/** Another writer changed a row between our read and our write; the whole batch is retried. */
export class ConcurrentWriteError extends Error {
  constructor(expected: number, written: number) {
    super(`expected to write ${expected} summary rows, wrote ${written}: another replica got there first`);
    this.name = 'ConcurrentWriteError';
  }
}

export interface BatchCheckpoint {
  name: string;
  streamSequence: number;
}

const list = (columns: readonly string[]) => columns.join(', ');
// New rows: inserted whole; a row another replica inserted meanwhile is not written (the guard).
const insertSql = (tables: TableSet) => `
INSERT INTO ${tables.summary} (${list(summaryColumnNames)})
SELECT ${list(summaryColumnNames)} FROM jsonb_populate_recordset(null::${tables.summary}, $1::jsonb)
ON CONFLICT (complaint_id) DO NOTHING
RETURNING complaint_id`;
// Existing rows: only the columns events after the filing change, where the revision is still the
// one read (the guard). Each row carries its base revision as \`base\`.
const updateSql = (tables: TableSet) => `
UPDATE ${tables.summary} AS s SET ${updatedColumnNames.map((c) => `${c} = v.${c}`).join(', ')}
FROM jsonb_to_recordset($1::jsonb) AS v(complaint_id uuid, base integer, ${updatedColumnNames
  .map((c) => `${c} ${columnType(c)}`)
  .join(', ')})
WHERE s.complaint_id = v.complaint_id AND s.revision = v.base
RETURNING s.complaint_id`;
const timelineSql = (tables: TableSet) => `
INSERT INTO ${tables.timeline} (${list(timelineColumnNames)})
SELECT ${list(timelineColumnNames)} FROM jsonb_populate_recordset(null::${tables.timeline}, $1::jsonb)
ON CONFLICT (complaint_id, revision) DO NOTHING`;

/**
 * Applies a batch in one transaction: locks the batch's summary rows (in id order, so replicas do
 * not deadlock), folds each complaint's events in revision order from the row's revision, and
 * writes the rows back guarded by that revision (`WHERE revision = <read>`: the row-level guard
 * that makes replicas safe). Revision ≤ the row's is a duplicate; a revision beyond the next one is
 * a gap and is not applied. The checkpoint, if given, moves in the same transaction.
 */
export async function applyBatch(
  db: SqlDriver,
  tables: TableSet,
  events: readonly ProjectedEvent[],
  checkpoint?: BatchCheckpoint,
): Promise<Map<ProjectedEvent, ApplyOutcome>> {
  return db.transaction((tx) => applyInTransaction(tx, tables, events, checkpoint));
}

export async function applyInTransaction(
  tx: SqlExecutor,
  tables: TableSet,
  events: readonly ProjectedEvent[],
  checkpoint?: BatchCheckpoint,
): Promise<Map<ProjectedEvent, ApplyOutcome>> {
  const outcomes = new Map<ProjectedEvent, ApplyOutcome>();
  const byComplaint = new Map<string, ProjectedEvent[]>();
  for (const event of events) {
    const group = byComplaint.get(event.complaintId);
    if (group) group.push(event);
    else byComplaint.set(event.complaintId, [event]);
  }
  const ids = [...byComplaint.keys()].sort();
  const current = await loadRows(tx, tables, ids);

  const inserts: SummaryRow[] = [];
  const updates: Record<string, unknown>[] = [];
  const timeline: TimelineRow[] = [];
  let applied = 0;
  let lastPosition = '';
  for (const id of ids) {
    const group = (byComplaint.get(id) ?? []).sort((a, b) => a.revision - b.revision);
    const before = current.get(id);
    let row = before;
    let revision = before?.revision ?? -1;
    for (const event of group) {
      if (event.revision <= revision) {
        outcomes.set(event, 'duplicate');
        continue;
      }
      const next = event.revision === revision + 1 ? project(row, event) : undefined;
      if (next === undefined) {
        outcomes.set(event, 'gap');
        continue;
      }
      row = next.summary;
      revision = event.revision;
      timeline.push(next.timeline);
      outcomes.set(event, 'applied');
      applied++;
      if (event.position > lastPosition) lastPosition = event.position;
    }
    if (row === undefined || row === before) continue;
    if (before === undefined) inserts.push(row);
    else updates.push(updatedColumns(row, before.revision));
  }

  if (inserts.length > 0) await write(tx, insertSql(tables), inserts);
  if (updates.length > 0) await write(tx, updateSql(tables), updates);
  if (timeline.length > 0) await tx.query(timelineSql(tables), [JSON.stringify(timeline)]);
  if (checkpoint) {
    await tx.query(
      `INSERT INTO projection_checkpoint (name, stream_sequence, position, events, updated_at)
       VALUES ($1, $2::bigint, $3, $4::bigint, now())
       ON CONFLICT (name) DO UPDATE SET
         stream_sequence = GREATEST(projection_checkpoint.stream_sequence, excluded.stream_sequence),
         position = GREATEST(projection_checkpoint.position, excluded.position),
         events = projection_checkpoint.events + excluded.events,
         updated_at = now()`,
      [checkpoint.name, String(checkpoint.streamSequence), lastPosition, String(applied)],
    );
  }
  return outcomes;
}

/** Writes rows with a guarded statement; fewer rows written means another writer won a race. */
async function write(tx: SqlExecutor, sql: string, rows: readonly object[]): Promise<void> {
  const written = await tx.query<{ complaint_id: string }>(sql, [JSON.stringify(rows)]);
  if (written.length !== rows.length) throw new ConcurrentWriteError(rows.length, written.length);
}

function updatedColumns(row: SummaryRow, base: number): Record<string, unknown> {
  const values: Record<string, unknown> = { complaint_id: row.complaint_id, base };
  for (const column of updatedColumnNames) values[column] = row[column];
  return values;
}

/** The current rows, locked for this transaction, as the TS rows the projection folds. */
async function loadRows(tx: SqlExecutor, tables: TableSet, ids: string[]): Promise<Map<string, SummaryRow>> {
  const found = await tx.query<{ row: SummaryRow }>(
    `SELECT to_jsonb(s) - 'search' AS row FROM ${tables.summary} s
     WHERE s.complaint_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)
     ORDER BY s.complaint_id FOR UPDATE`,
    [JSON.stringify(ids)],
  );
  return new Map(found.map(({ row }) => [row.complaint_id, normaliseTimes(row)]));
}

const timeColumns = summaryColumnNames.filter(
  (c) => c.endsWith('_at') || c === 'awaiting_since',
) as (keyof SummaryRow)[];

/** to_jsonb writes timestamps in the session's zone without milliseconds; the fold uses ISO UTC. */
function normaliseTimes(row: SummaryRow): SummaryRow {
  const copy = { ...row } as Record<string, unknown>;
  for (const column of timeColumns) {
    const value = copy[column];
    if (typeof value === 'string') copy[column] = new Date(value).toISOString();
  }
  return copy as unknown as SummaryRow;
}
