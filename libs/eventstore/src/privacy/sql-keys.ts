import { randomBytes, randomUUID } from 'node:crypto';
import type { SqlDriver } from '../postgres/index.js';
import { newDataKey } from './envelope.js';
import type { DataKey, KeyLookup, KeyStore } from './keys.js';

/**
 * The tables of the SQL key store. Its own tables (`pk_` for privacy keys), never joined with the
 * events, so that it can live in another database (`KEY_STORE_URL`) with other grants.
 * An erased key keeps its row with `data_key` NULL: "erased" differs from "unknown".
 */
const schema = `
  CREATE TABLE IF NOT EXISTS pk_keys (
    kid        uuid        PRIMARY KEY,
    subject_id uuid        NOT NULL,
    data_key   bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_at  timestamptz
  );
  CREATE UNIQUE INDEX IF NOT EXISTS pk_keys_live ON pk_keys (subject_id) WHERE erased_at IS NULL;
  CREATE TABLE IF NOT EXISTS pk_streams (
    stream_name text PRIMARY KEY,
    subject_id  uuid NOT NULL
  );
  CREATE INDEX IF NOT EXISTS pk_streams_subject ON pk_streams (subject_id);
  CREATE TABLE IF NOT EXISTS pk_settings (
    name  text  PRIMARY KEY,
    value bytea NOT NULL
  );
`;

interface KeyRow {
  kid: string;
  data_key: string | null;
}

/** The key store in PostgreSQL or PGlite (`openSqlDriver`). */
export class SqlKeyStore implements KeyStore {
  private secret: Promise<Buffer> | undefined;

  constructor(private readonly driver: SqlDriver) {}

  /** Creates the tables (idempotent). */
  async init(): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.pk_keys'))`);
      await tx.exec(schema);
    });
  }

  async getOrCreateKey(subjectId: string, streamName: string): Promise<DataKey> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // One statement: the live key or a new one, and the stream recorded as the customer's. Two
      // concurrent creations conflict on the live index; the loser reads the winner's key.
      const rows = await this.driver.query<KeyRow>(
        `WITH existing AS (
           SELECT kid, data_key FROM pk_keys WHERE subject_id = $1::uuid AND erased_at IS NULL
         ), created AS (
           INSERT INTO pk_keys (kid, subject_id, data_key)
           SELECT $2::uuid, $1::uuid, decode($3, 'hex') WHERE NOT EXISTS (SELECT 1 FROM existing)
           ON CONFLICT DO NOTHING
           RETURNING kid, data_key
         ), linked AS (
           INSERT INTO pk_streams (stream_name, subject_id) VALUES ($4, $1::uuid)
           ON CONFLICT (stream_name) DO NOTHING
         )
         SELECT kid::text AS kid, encode(data_key, 'hex') AS data_key FROM existing
         UNION ALL SELECT kid::text, encode(data_key, 'hex') FROM created`,
        [subjectId, randomUUID(), newDataKey().toString('hex'), streamName],
        'pk_get_or_create',
      );
      const row = rows[0];
      if (row?.data_key) return { kid: row.kid, key: Buffer.from(row.data_key, 'hex') };
    }
    throw new Error(`could not create a data key for subject ${subjectId}`);
  }

  async getKey(kid: string): Promise<KeyLookup> {
    const rows = await this.driver.query<KeyRow>(
      `SELECT kid::text AS kid, encode(data_key, 'hex') AS data_key FROM pk_keys WHERE kid = $1::uuid`,
      [kid],
      'pk_get',
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return row.data_key === null ? 'erased' : Buffer.from(row.data_key, 'hex');
  }

  async keyOfStream(streamName: string): Promise<DataKey | 'erased' | undefined> {
    const rows = await this.driver.query<KeyRow & { known: boolean }>(
      `SELECT k.kid::text AS kid, encode(k.data_key, 'hex') AS data_key
         FROM pk_streams s LEFT JOIN pk_keys k ON k.subject_id = s.subject_id AND k.erased_at IS NULL
        WHERE s.stream_name = $1`,
      [streamName],
      'pk_of_stream',
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return row.kid === null || row.data_key === null
      ? 'erased'
      : { kid: row.kid, key: Buffer.from(row.data_key, 'hex') };
  }

  async streamsOfCustomer(streamName: string): Promise<string[]> {
    const rows = await this.driver.query<{ stream_name: string }>(
      `SELECT o.stream_name FROM pk_streams s JOIN pk_streams o ON o.subject_id = s.subject_id
        WHERE s.stream_name = $1 ORDER BY o.stream_name`,
      [streamName],
      'pk_streams_of',
    );
    return rows.map((row) => row.stream_name);
  }

  async eraseCustomerOf(streamName: string): Promise<void> {
    await this.driver.query(
      `UPDATE pk_keys SET data_key = NULL, erased_at = now()
        WHERE erased_at IS NULL AND subject_id = (SELECT subject_id FROM pk_streams WHERE stream_name = $1)`,
      [streamName],
      'pk_erase',
    );
  }

  subjectSecret(): Promise<Buffer> {
    this.secret ??= this.loadSecret();
    return this.secret;
  }

  private async loadSecret(): Promise<Buffer> {
    const rows = await this.driver.query<{ value: string }>(
      `WITH created AS (
         INSERT INTO pk_settings (name, value) VALUES ('subject_secret', decode($1, 'hex'))
         ON CONFLICT (name) DO NOTHING RETURNING value
       )
       SELECT encode(value, 'hex') AS value FROM created
       UNION ALL SELECT encode(value, 'hex') FROM pk_settings WHERE name = 'subject_secret'`,
      [randomBytes(32).toString('hex')],
    );
    const value = rows[0]?.value;
    if (value === undefined) throw new Error('the key store has no subject secret');
    return Buffer.from(value, 'hex');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
