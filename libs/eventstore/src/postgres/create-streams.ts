import { WrongExpectedVersion } from '../errors.js';
import type { AppendResult, EventData } from '../port.js';
import { validateAppend } from '../streams.js';
import { type SqlExecutor, sqlState } from './driver.js';
import { encodePosition } from './positions.js';
import { streamRevisionConstraint } from './schema.js';

/** A stream to create with its first events (revisions from 0). */
export interface NewStream {
  streamName: string;
  events: readonly EventData[];
}

export interface CreatedStreams {
  /** One per stream, in the order given. */
  results: AppendResult[];
  /** False when every stream already held exactly these events (a repeated call): nothing was written. */
  written: boolean;
}

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

/**
 * Creates every stream with its events in one statement (one round trip), all or none. See
 * `PostgresEventStore.createStreams`.
 */
export async function createStreams(db: SqlExecutor, streams: readonly NewStream[]): Promise<CreatedStreams> {
  if (streams.length === 0) throw new RangeError('createStreams needs at least one stream');
  const names = new Set<string>();
  for (const { streamName, events } of streams) {
    validateAppend(streamName, events);
    if (names.has(streamName)) throw new TypeError(`createStreams: stream ${streamName} is named twice`);
    names.add(streamName);
  }
  const payload = JSON.stringify(
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

  for (let attempt = 0; ; attempt++) {
    try {
      const rows = await db.query<LastRow>(createSql, [payload], 'es_create_streams');
      return { results: inOrder(streams, rows), written: true };
    } catch (error) {
      const lostRace =
        sqlState(error) === '23505' &&
        (error as { constraint?: string }).constraint === streamRevisionConstraint;
      if (!lostRace) throw error;
    }
    const repeated = await existing(db, streams);
    if (repeated !== undefined) return repeated;
    // Nothing there any more (the rows we collided with are gone): try again, a few times.
    if (attempt >= maxRaceRetries)
      throw new Error(`createStreams: could not create ${[...names].join(', ')}`);
  }
}

function inOrder(streams: readonly NewStream[], rows: readonly LastRow[]): AppendResult[] {
  const byName = new Map(rows.map((row) => [row.stream_name, row]));
  return streams.map(({ streamName }) => {
    const row = byName.get(streamName);
    if (row === undefined) throw new Error(`createStreams: no row came back for ${streamName}`);
    return { nextExpectedRevision: BigInt(row.revision), position: encodePosition(row.txid, row.pos) };
  });
}

/**
 * After a conflict: the original results when every stream holds exactly these events (a repeat);
 * `WrongExpectedVersion` for the first stream that exists otherwise; undefined when none exists.
 */
async function existing(db: SqlExecutor, streams: readonly NewStream[]): Promise<CreatedStreams | undefined> {
  const longest = Math.max(...streams.map((s) => s.events.length));
  const rows = await db.query<LastRow & { id: string }>(
    existingSql,
    [JSON.stringify(streams.map((s) => s.streamName)), String(longest)],
    'es_create_streams_existing',
  );
  const byName = new Map<string, (LastRow & { id: string })[]>();
  for (const row of rows) byName.set(row.stream_name, [...(byName.get(row.stream_name) ?? []), row]);
  const same = streams.every(({ streamName, events }) => {
    const held = byName.get(streamName) ?? [];
    return held.length >= events.length && events.every((e, i) => held[i]?.id === e.id.toLowerCase());
  });
  if (same) {
    const last = streams.map(({ streamName, events }) => {
      const row = byName.get(streamName)?.[events.length - 1] as LastRow;
      return { ...row, stream_name: streamName };
    });
    return { results: inOrder(streams, last), written: false };
  }
  const taken = streams.find(({ streamName }) => byName.has(streamName));
  if (taken === undefined) return undefined;
  const [head] = await db.query<{ revision: string | null }>(
    'SELECT max(stream_revision)::text AS revision FROM es_events WHERE stream_name = $1',
    [taken.streamName],
    'es_stream_head',
  );
  throw new WrongExpectedVersion(
    taken.streamName,
    'no_stream',
    head?.revision == null ? 'no_stream' : BigInt(head.revision),
  );
}
