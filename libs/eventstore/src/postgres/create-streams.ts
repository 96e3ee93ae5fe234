import { WrongExpectedVersion } from '../errors.js';
import type { AppendResult, CreatedStreams, NewStream } from '../port.js';
import { validateNewStreams } from '../streams.js';
import { type SqlExecutor, sqlState } from './driver.js';
import { encodePosition } from './positions.js';
import { streamRevisionConstraint } from './schema.js';

// $1: every event of every stream as one JSON array, each with its stream and revision. One INSERT,
// so the streams are created together or not at all; an existing stream violates the unique
// (stream, revision) constraint and fails the whole statement.
const createSql = `
  WITH input AS (
    SELECT x.e, x.ord FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS x(e, ord)
  ),
  inserted AS (
    INSERT INTO es_events (stream_name, stream_revision, event_id, event_type, data, metadata)
    SELECT input.e->>'stream', (input.e->>'revision')::bigint, (input.e->>'id')::uuid, input.e->>'type',
           input.e->'data', NULLIF(input.e->'metadata', 'null'::jsonb)
    FROM input ORDER BY input.ord
    RETURNING stream_name, stream_revision, transaction_id, global_position
  )
  SELECT DISTINCT ON (stream_name) stream_name, stream_revision::text AS revision,
         transaction_id::text AS txid, global_position::text AS pos
  FROM inserted ORDER BY stream_name, stream_revision DESC`;

// $1: the stream names (JSON array), $2: the most events any of them is created with.
const existingSql = `
  SELECT stream_name, stream_revision::text AS revision, event_id::text AS id,
         transaction_id::text AS txid, global_position::text AS pos
  FROM es_events
  WHERE stream_name IN (SELECT jsonb_array_elements_text($1::text::jsonb)) AND stream_revision < $2::bigint
  ORDER BY stream_name, stream_revision`;

interface LastRow {
  stream_name: string;
  revision: string;
  txid: string;
  pos: string;
}

const maxRaceRetries = 5;

const payloadOf = (streams: readonly NewStream[]): string =>
  JSON.stringify(
    streams.flatMap(({ streamName, events }) =>
      events.map((event, revision) => ({
        stream: streamName,
        revision,
        id: event.id,
        type: event.type,
        data: event.data ?? null,
        metadata: event.metadata ?? null,
      })),
    ),
  );

/**
 * Creates every stream with its events in one statement (one round trip), all or none. See
 * `EventStore.createStreams`: after a conflict, the streams that already hold exactly their events
 * count as created, and the rest are created by another statement.
 */
export async function createStreams(db: SqlExecutor, streams: readonly NewStream[]): Promise<CreatedStreams> {
  validateNewStreams(streams);
  const held = new Map<string, AppendResult>();
  let pending = streams;
  // Each conflict either finds a stream held (one fewer to create) or nothing (the rows we collided
  // with are gone): bounded either way.
  for (let attempt = 0; ; attempt++) {
    try {
      const rows = await db.query<LastRow>(createSql, [payloadOf(pending)], 'es_create_streams');
      const created = resultsByName(pending, rows);
      return { results: streams.map(({ streamName }) => resultOf(streamName, held, created)), written: true };
    } catch (error) {
      const lostRace =
        sqlState(error) === '23505' &&
        (error as { constraint?: string }).constraint === streamRevisionConstraint;
      if (!lostRace) throw error;
    }
    const found = await alreadyHeld(db, pending);
    for (const [name, result] of found) held.set(name, result);
    pending = pending.filter(({ streamName }) => !found.has(streamName));
    if (pending.length === 0) {
      return { results: streams.map(({ streamName }) => resultOf(streamName, held)), written: false };
    }
    if (attempt >= maxRaceRetries + streams.length) {
      throw new Error(`createStreams: could not create ${streams.map((s) => s.streamName).join(', ')}`);
    }
  }
}

function resultOf(streamName: string, ...sources: ReadonlyMap<string, AppendResult>[]): AppendResult {
  for (const source of sources) {
    const result = source.get(streamName);
    if (result !== undefined) return result;
  }
  throw new Error(`createStreams: no row came back for ${streamName}`);
}

function resultsByName(streams: readonly NewStream[], rows: readonly LastRow[]): Map<string, AppendResult> {
  const byName = new Map(rows.map((row) => [row.stream_name, row]));
  return new Map(
    streams.map(({ streamName }) => {
      const row = byName.get(streamName);
      if (row === undefined) throw new Error(`createStreams: no row came back for ${streamName}`);
      return [
        streamName,
        { nextExpectedRevision: BigInt(row.revision), position: encodePosition(row.txid, row.pos) },
      ];
    }),
  );
}

/**
 * After a conflict: the original result of each stream that holds exactly these events (created
 * by an earlier call); `WrongExpectedVersion` for the first stream that exists with other events.
 */
async function alreadyHeld(
  db: SqlExecutor,
  streams: readonly NewStream[],
): Promise<Map<string, AppendResult>> {
  const longest = Math.max(...streams.map((s) => s.events.length));
  const rows = await db.query<LastRow & { id: string }>(
    existingSql,
    [JSON.stringify(streams.map((s) => s.streamName)), String(longest)],
    'es_create_streams_existing',
  );
  const byName = new Map<string, (LastRow & { id: string })[]>();
  for (const row of rows) byName.set(row.stream_name, [...(byName.get(row.stream_name) ?? []), row]);
  const found = new Map<string, AppendResult>();
  for (const { streamName, events } of streams) {
    const stored = byName.get(streamName);
    if (stored === undefined) continue;
    const same =
      stored.length >= events.length && events.every((e, i) => stored[i]?.id === e.id.toLowerCase());
    if (!same) {
      const [head] = await db.query<{ revision: string | null }>(
        'SELECT max(stream_revision)::text AS revision FROM es_events WHERE stream_name = $1',
        [streamName],
        'es_stream_head',
      );
      throw new WrongExpectedVersion(
        streamName,
        'no_stream',
        head?.revision == null ? 'no_stream' : BigInt(head.revision),
      );
    }
    const last = stored[events.length - 1] as LastRow;
    found.set(streamName, {
      nextExpectedRevision: BigInt(last.revision),
      position: encodePosition(last.txid, last.pos),
    });
  }
  return found;
}
