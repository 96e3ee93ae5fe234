import { WrongExpectedVersion } from '../errors.js';
import type { AppendResult, EventData, ExpectedRevision } from '../port.js';
import { validateAppend, validateExpectedRevision } from '../streams.js';
import { type SqlExecutor, sqlState } from './driver.js';
import { encodePosition } from './positions.js';
import { streamRevisionConstraint } from './schema.js';

// Parameters: $1 the stream name, $2 the events as one JSON array (parsed once by the server), and
// $3 the batch size (`any`, `stream_exists`) or the expected revision (exact form).
const input = `input AS (
    SELECT x.e, x.ord FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS x(e, ord)
  )`;
const insertColumns =
  'INSERT INTO es_events (stream_name, stream_revision, event_id, event_type, data, metadata)';
const values = `(input.e->>'id')::uuid, input.e->>'type', input.e->'data', NULLIF(input.e->'metadata', 'null'::jsonb)`;
const returning = 'RETURNING stream_revision, transaction_id, global_position';
const appendedRow = `SELECT 'appended' AS outcome, stream_revision::text AS revision, transaction_id::text AS txid,
         global_position::text AS pos
  FROM (SELECT * FROM inserted ORDER BY global_position DESC LIMIT 1) last_inserted`;

/**
 * `any` and `stream_exists`: the next revision follows the stream's tail, read in the same
 * statement. A batch whose ids repeat the tail's is a retry (best-effort idempotency) and is not
 * written again. Two writers racing for the same revision meet the unique constraint; the loser
 * retries.
 */
const appendAfterTail = (requireStream: boolean) => `
  WITH ${input},
  tail AS (
    SELECT stream_revision, event_id, transaction_id, global_position FROM es_events
    WHERE stream_name = $1 ORDER BY stream_revision DESC LIMIT $3::bigint
  ),
  head AS (SELECT max(stream_revision) AS revision FROM tail),
  duplicate AS (
    SELECT count(*) = $3::bigint AS yes FROM tail, head, input
    WHERE tail.stream_revision = head.revision - $3::bigint + input.ord
      AND tail.event_id = (input.e->>'id')::uuid
  ),
  inserted AS (
    ${insertColumns}
    SELECT $1, coalesce(head.revision, -1) + input.ord, ${values}
    FROM input, head
    WHERE NOT (SELECT yes FROM duplicate) ${requireStream ? 'AND head.revision IS NOT NULL' : ''}
    ORDER BY input.ord
    ${returning}
  )
  ${appendedRow}
  UNION ALL
  SELECT 'duplicate', stream_revision::text, transaction_id::text, global_position::text
  FROM (SELECT * FROM tail ORDER BY stream_revision DESC LIMIT 1) last_event
  WHERE (SELECT yes FROM duplicate)`;

const appendAny = appendAfterTail(false);
const appendToExisting = appendAfterTail(true);

/** `no_stream`: revisions from 0; an existing stream violates the unique constraint. */
const appendNew = `
  WITH ${input},
  inserted AS (
    ${insertColumns}
    SELECT $1, input.ord - 1, ${values} FROM input ORDER BY input.ord
    ${returning}
  )
  ${appendedRow}`;

/** An exact revision: the event at that revision must exist, and the next must not (unique constraint). */
const appendAtRevision = `
  WITH ${input},
  inserted AS (
    ${insertColumns}
    SELECT $1, $3::bigint + input.ord, ${values} FROM input
    WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_name = $1 AND stream_revision = $3::bigint)
    ORDER BY input.ord
    ${returning}
  )
  ${appendedRow}`;

interface OutcomeRow {
  outcome: 'appended' | 'duplicate';
  revision: string;
  txid: string;
  pos: string;
}

const maxRaceRetries = 50;

export interface AppendOptionsInternal {
  /** Inside a caller's transaction a failed statement would abort it, so guard it with a savepoint. */
  inTransaction?: boolean;
}

/**
 * Appends in one round trip on the happy path. Only on a conflict does it look at what is already
 * in the stream, to tell an idempotent retry (same ids at the expected place) from a real conflict.
 */
export async function appendToStream(
  db: SqlExecutor,
  streamName: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
  options: AppendOptionsInternal = {},
): Promise<AppendResult & { written: boolean }> {
  validateAppend(streamName, events);
  validateExpectedRevision(expected);
  const payload = JSON.stringify(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data ?? null,
      metadata: event.metadata ?? null,
    })),
  );
  const [sql, name] =
    expected === 'any'
      ? [appendAny, 'es_append_any']
      : expected === 'stream_exists'
        ? [appendToExisting, 'es_append_stream_exists']
        : expected === 'no_stream'
          ? [appendNew, 'es_append_no_stream']
          : [appendAtRevision, 'es_append_at_revision'];
  const params =
    expected === 'no_stream'
      ? [streamName, payload]
      : [streamName, payload, typeof expected === 'bigint' ? String(expected) : String(events.length)];

  for (let attempt = 0; ; attempt++) {
    let row: OutcomeRow | undefined;
    try {
      [row] = await guarded(db, options.inTransaction, () => db.query<OutcomeRow>(sql, params, name));
    } catch (error) {
      const lostRace =
        sqlState(error) === '23505' &&
        (error as { constraint?: string }).constraint === streamRevisionConstraint;
      if (!lostRace) throw error;
      // Another writer took the revision. For `any`/`stream_exists` that is no conflict: go again.
      if ((expected === 'any' || expected === 'stream_exists') && attempt < maxRaceRetries) continue;
    }
    if (row) {
      return {
        nextExpectedRevision: BigInt(row.revision),
        position: encodePosition(row.txid, row.pos),
        written: row.outcome === 'appended',
      };
    }
    return resolveConflict(db, streamName, events, expected);
  }
}

async function guarded<T>(
  db: SqlExecutor,
  inTransaction: boolean | undefined,
  run: () => Promise<T>,
): Promise<T> {
  if (!inTransaction) return run();
  await db.query('SAVEPOINT es_append');
  try {
    const result = await run();
    await db.query('RELEASE SAVEPOINT es_append');
    return result;
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT es_append');
    throw error;
  }
}

/** The conflict path: an idempotent retry succeeds with the original result; anything else is WrongExpectedVersion. */
async function resolveConflict(
  db: SqlExecutor,
  streamName: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult & { written: boolean }> {
  if (expected === 'no_stream' || typeof expected === 'bigint') {
    const first = expected === 'no_stream' ? 0n : expected + 1n;
    const rows = await db.query<{ revision: string; id: string; txid: string; pos: string }>(
      `SELECT stream_revision::text AS revision, event_id::text AS id, transaction_id::text AS txid,
              global_position::text AS pos
       FROM es_events WHERE stream_name = $1 AND stream_revision >= $2::bigint AND stream_revision < $3::bigint
       ORDER BY stream_revision`,
      [streamName, String(first), String(first + BigInt(events.length))],
      'es_append_idempotency',
    );
    const sameIds =
      rows.length === events.length && rows.every((row, i) => row.id === events[i]?.id.toLowerCase());
    const last = rows.at(-1);
    if (sameIds && last) {
      return {
        nextExpectedRevision: BigInt(last.revision),
        position: encodePosition(last.txid, last.pos),
        written: false,
      };
    }
  }
  const [head] = await db.query<{ revision: string | null }>(
    'SELECT max(stream_revision)::text AS revision FROM es_events WHERE stream_name = $1',
    [streamName],
    'es_stream_head',
  );
  const actual = head?.revision == null ? 'no_stream' : BigInt(head.revision);
  throw new WrongExpectedVersion(streamName, expected, actual);
}
