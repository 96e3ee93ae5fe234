import type { EventData, ExpectedRevision } from '../port.js';

/**
 * The append statements: one round trip each, prepared once per connection. A batch travels as one
 * JSON array ($2, parsed once by the server); a single event, the common case, travels as plain
 * parameters ($2 id, $3 type, $4 data, $5 metadata), which keeps its statement a bare INSERT.
 *
 * Every statement answers at most one row: `appended` with the last event written, or `duplicate`
 * with the stream's last event when an `any`/`stream_exists` batch repeats the stream's tail. No
 * row means the expected revision did not hold; a unique violation on (stream, revision) means
 * another writer took that revision first.
 */
export interface AppendStatement {
  name: string;
  sql: string;
  params: (string | null)[];
}

const insertInto =
  'INSERT INTO es_events (stream_name, stream_revision, event_id, event_type, data, metadata)';
const returning = 'RETURNING stream_revision, transaction_id, global_position';
const outcome = (kind: string, from: string) =>
  `SELECT '${kind}' AS outcome, stream_revision::text AS revision, transaction_id::text AS txid,
          global_position::text AS pos FROM ${from}`;

// Batches: $1 stream, $2 events (JSON array), $3 batch size or the expected revision.
const input = `input AS (
    SELECT x.e, x.ord FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS x(e, ord)
  )`;
const batchValues = `(input.e->>'id')::uuid, input.e->>'type', input.e->'data', NULLIF(input.e->'metadata', 'null'::jsonb)`;
const lastInserted = '(SELECT * FROM inserted ORDER BY global_position DESC LIMIT 1) last_inserted';

/** `any`/`stream_exists`: revisions follow the tail read in the same statement; a batch repeating the tail is a retry. */
const batchAfterTail = (requireStream: boolean) => `
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
    ${insertInto}
    SELECT $1, coalesce(head.revision, -1) + input.ord, ${batchValues}
    FROM input, head
    WHERE NOT (SELECT yes FROM duplicate) ${requireStream ? 'AND head.revision IS NOT NULL' : ''}
    ORDER BY input.ord
    ${returning}
  )
  ${outcome('appended', lastInserted)}
  UNION ALL
  ${outcome('duplicate', '(SELECT * FROM tail ORDER BY stream_revision DESC LIMIT 1) last_event')}
  WHERE (SELECT yes FROM duplicate)`;

const batch = {
  any: batchAfterTail(false),
  streamExists: batchAfterTail(true),
  // Revisions from 0; an existing stream violates the unique constraint.
  noStream: `
    WITH ${input},
    inserted AS (${insertInto} SELECT $1, input.ord - 1, ${batchValues} FROM input ORDER BY input.ord ${returning})
    ${outcome('appended', lastInserted)}`,
  // The event at the expected revision must exist, and the next must not (unique constraint).
  atRevision: `
    WITH ${input},
    inserted AS (
      ${insertInto}
      SELECT $1, $3::bigint + input.ord, ${batchValues} FROM input
      WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_name = $1 AND stream_revision = $3::bigint)
      ORDER BY input.ord
      ${returning}
    )
    ${outcome('appended', lastInserted)}`,
};

// Single events: $1 stream, $2 id, $3 type, $4 data, $5 metadata (JSON text or null), $6 expected revision.
const singleValues = '$2::uuid, $3, $4::text::jsonb, $5::text::jsonb';
const singleAfterTail = (requireStream: boolean) => `
  WITH tail AS (
    SELECT stream_revision, event_id, transaction_id, global_position FROM es_events
    WHERE stream_name = $1 ORDER BY stream_revision DESC LIMIT 1
  ),
  inserted AS (
    ${insertInto}
    SELECT $1, coalesce((SELECT stream_revision FROM tail), -1) + 1, ${singleValues}
    WHERE NOT EXISTS (SELECT 1 FROM tail WHERE event_id = $2::uuid)
      ${requireStream ? 'AND EXISTS (SELECT 1 FROM tail)' : ''}
    ${returning}
  )
  ${outcome('appended', 'inserted')}
  UNION ALL
  ${outcome('duplicate', 'tail')} WHERE event_id = $2::uuid`;

const single = {
  any: singleAfterTail(false),
  streamExists: singleAfterTail(true),
  noStream: `${insertInto} VALUES ($1, 0, ${singleValues})
    RETURNING 'appended' AS outcome, stream_revision::text AS revision, transaction_id::text AS txid,
              global_position::text AS pos`,
  atRevision: `
    WITH inserted AS (
      ${insertInto}
      SELECT $1, $6::bigint + 1, ${singleValues}
      WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_name = $1 AND stream_revision = $6::bigint)
      ${returning}
    )
    ${outcome('appended', 'inserted')}`,
};

/** The statement and parameters for one append. */
export function appendStatement(
  streamName: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
): AppendStatement {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const kind =
    expected === 'any'
      ? 'any'
      : expected === 'stream_exists'
        ? 'streamExists'
        : expected === 'no_stream'
          ? 'noStream'
          : 'atRevision';
  const [only] = events;
  if (events.length === 1 && only) {
    const params = [streamName, only.id, only.type, json(only.data) ?? 'null', json(only.metadata)];
    if (typeof expected === 'bigint') params.push(String(expected));
    return { name: `es_append_one_${kind}`, sql: single[kind], params };
  }
  const payload = JSON.stringify(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data ?? null,
      metadata: event.metadata ?? null,
    })),
  );
  const third = typeof expected === 'bigint' ? String(expected) : String(events.length);
  return {
    name: `es_append_${kind}`,
    sql: batch[kind],
    params: kind === 'noStream' ? [streamName, payload] : [streamName, payload, third],
  };
}
