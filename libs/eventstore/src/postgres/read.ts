import { StreamNotFound } from '../errors.js';
import type { AllFilter, Position, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port.js';
import { validateMaxCount, validateStreamName } from '../streams.js';
import type { SqlExecutor } from './driver.js';
import { decodePosition, encodePosition, startPosition } from './positions.js';

/** Every column as text: both drivers then hand back the same strings, whatever their type parsers. */
export const eventColumns = `
  stream_name,
  stream_revision::text AS revision,
  transaction_id::text AS txid,
  global_position::text AS pos,
  event_id::text AS id,
  event_type AS type,
  data::text AS data,
  metadata::text AS metadata,
  floor(extract(epoch FROM created_at) * 1000)::bigint::text AS created_ms`;

export interface EventRow {
  stream_name: string;
  revision: string;
  txid: string;
  pos: string;
  id: string;
  type: string;
  data: string;
  metadata: string | null;
  created_ms: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    revision: BigInt(row.revision),
    position: encodePosition(row.txid, row.pos),
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: row.metadata === null ? undefined : JSON.parse(row.metadata),
    createdAt: new Date(Number(row.created_ms)),
  };
}

const maxRevision = 2n ** 63n - 1n;

export async function readStream(
  db: SqlExecutor,
  streamName: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const events = await readStreamIfExists(db, streamName, options);
  if (events === undefined) throw new StreamNotFound(streamName);
  return events;
}

/** The stream's events, or undefined when it does not exist. */
export async function readStreamIfExists(
  db: SqlExecutor,
  streamName: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[] | undefined> {
  validateStreamName(streamName);
  validateMaxCount(options.maxCount);
  const backwards = options.direction === 'backwards';
  const from = options.from ?? (backwards ? 'end' : 'start');
  const revision = from === 'start' ? 0n : from === 'end' ? maxRevision : from;
  const limit = options.maxCount === undefined ? null : String(options.maxCount);
  const rows = await db.query<EventRow>(
    backwards
      ? `SELECT ${eventColumns} FROM es_events WHERE stream_name = $1 AND stream_revision <= $2::bigint
         ORDER BY stream_revision DESC LIMIT $3::bigint`
      : `SELECT ${eventColumns} FROM es_events WHERE stream_name = $1 AND stream_revision >= $2::bigint
         ORDER BY stream_revision LIMIT $3::bigint`,
    [streamName, String(revision < 0n ? 0n : revision), limit],
    backwards ? 'es_read_stream_backwards' : 'es_read_stream_forwards',
  );
  if (rows.length === 0) {
    const exists = await db.query(
      'SELECT 1 FROM es_events WHERE stream_name = $1 LIMIT 1',
      [streamName],
      'es_stream_exists',
    );
    if (exists.length === 0) return undefined;
  }
  return rows.map(toRecordedEvent);
}

/**
 * The gap-safe read of the global log. Only rows written by transactions older than the oldest
 * one still running (`pg_snapshot_xmin`) are visible, in `(transaction_id, global_position)`
 * order: every such transaction has finished, and any transaction that commits later has a
 * larger id, so nothing can ever appear before a position a reader has already passed.
 */
export async function readAll(db: SqlExecutor, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  validateMaxCount(options.maxCount);
  return readAllAfter(db, options.after, options.maxCount, options.filter);
}

export async function readAllAfter(
  db: SqlExecutor,
  after: Position | undefined,
  maxCount: number | undefined,
  filter: AllFilter | undefined,
): Promise<RecordedEvent[]> {
  const from = after === undefined ? startPosition : decodePosition(after);
  const params: (string | null)[] = [
    from.transactionId,
    from.globalPosition,
    maxCount === undefined ? null : String(maxCount),
  ];
  let condition = '';
  let name = 'es_read_all';
  if (filter && 'streamNamePrefix' in filter) {
    condition = 'AND starts_with(stream_name, $4)';
    params.push(filter.streamNamePrefix);
    name = 'es_read_all_prefix';
  } else if (filter && 'eventTypes' in filter) {
    condition = 'AND event_type IN (SELECT jsonb_array_elements_text($4::text::jsonb))';
    params.push(JSON.stringify(filter.eventTypes));
    name = 'es_read_all_types';
  }
  const rows = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM es_events
     WHERE transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
       AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
       ${condition}
     ORDER BY transaction_id, global_position
     LIMIT $3::bigint`,
    params,
    name,
  );
  return rows.map(toRecordedEvent);
}
