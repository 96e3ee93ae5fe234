import { WrongExpectedVersion } from '../errors.js';
import type { AppendResult, EventData, ExpectedRevision } from '../port.js';
import { validateAppend, validateExpectedRevision } from '../streams.js';
import { appendStatement } from './append-sql.js';
import { type SqlExecutor, sqlState } from './driver.js';
import { encodePosition } from './positions.js';
import { streamRevisionConstraint } from './schema.js';

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
  const { sql, params, name } = appendStatement(streamName, events, expected);

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
