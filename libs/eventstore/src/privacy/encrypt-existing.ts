import { holdsPersonalData, maskPersonalData, personalDataKey } from '@chp/contracts';
import type { SqlDriver } from '../postgres/index.js';
import type { PersonalDataCipher } from './cipher.js';

interface Row {
  position: string;
  event_id: string;
  stream_name: string;
  event_type: string;
  data: unknown;
}

export interface EncryptExistingResult {
  /** Events written before encryption that now hold their personal fields sealed (or masked, for an erased customer). */
  encrypted: number;
  /** Events looked at. */
  scanned: number;
}

const parse = (data: unknown): unknown => (typeof data === 'string' ? JSON.parse(data) : data);

/**
 * The one-off migration of a PostgreSQL/PGlite event store written before encryption: every event
 * of a type with personal fields and no sealed patch is rewritten in place in its protected form
 * (for a customer already erased: the stand-ins only). Events are otherwise never rewritten: run it
 * in a maintenance window, with the service stopped or not yet serving the events it rewrites.
 * Safe to repeat; it resumes where it left off (events already sealed are skipped).
 */
export async function encryptExistingEvents(
  events: SqlDriver,
  cipher: PersonalDataCipher,
  options: { batch?: number } = {},
): Promise<EncryptExistingResult> {
  const batch = options.batch ?? 500;
  const result: EncryptExistingResult = { encrypted: 0, scanned: 0 };
  const filingOf = async (streamName: string) => {
    const [first] = await events.query<{ data: unknown }>(
      'SELECT data FROM es_events WHERE stream_name = $1 AND stream_revision = 0',
      [streamName],
    );
    return first === undefined ? undefined : parse(first.data);
  };
  let after = '0';
  for (;;) {
    const rows = await events.query<Row>(
      `SELECT global_position::text AS position, event_id::text AS event_id, stream_name, event_type, data
         FROM es_events WHERE global_position > $1::bigint AND NOT (data ? '${personalDataKey}')
        ORDER BY global_position LIMIT ${batch}`,
      [after],
    );
    if (rows.length === 0) return result;
    for (const row of rows) {
      result.scanned++;
      after = row.position;
      if (!holdsPersonalData(row.event_type)) continue;
      const data = parse(row.data);
      // A customer erased before the migration keeps no key: only the stand-ins are written (a
      // filing must not make them a new one).
      const erased = (await cipher.keys.keyOfStream(row.stream_name)) === 'erased';
      const written = erased
        ? maskPersonalData(row.event_type, data).masked
        : (
            await cipher.protect(
              row.stream_name,
              [{ id: row.event_id, type: row.event_type, data }],
              filingOf,
            )
          )[0]?.data;
      if (written === undefined || JSON.stringify(written) === JSON.stringify(data)) continue;
      await events.query(
        'UPDATE es_events SET data = $2::jsonb WHERE event_id = $1::uuid AND stream_name = $3',
        [row.event_id, JSON.stringify(written), row.stream_name],
      );
      result.encrypted++;
    }
  }
}
