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

/** Creations per statement at most. */
const MAX_BATCH = 500;

interface PendingKey {
  subjectId: string;
  streamName: string;
  resolve: (key: DataKey) => void;
  reject: (error: unknown) => void;
}

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

  /**
   * Creations waiting for the statement in flight: concurrent filings share one statement (a group
   * commit), so that a busy service pays about one extra statement per batch, not per filing.
   */
  private pending: PendingKey[] = [];
  private flushing = false;

  getOrCreateKey(subjectId: string, streamName: string): Promise<DataKey> {
    return new Promise<DataKey>((resolve, reject) => {
      this.pending.push({ subjectId, streamName, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.createKeys(batch);
        } catch (error) {
          for (const request of batch) request.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * One statement for the batch: each subject's live key, or a new one, and each stream recorded as
   * its customer's. A subject whose creation lost a race to another process is asked again.
   */
  private async createKeys(batch: PendingKey[], attempt = 1): Promise<void> {
    const input = batch.map((request) => ({
      subject_id: request.subjectId,
      kid: randomUUID(),
      data_key: newDataKey().toString('hex'),
      stream_name: request.streamName,
    }));
    const rows = await this.driver.query<KeyRow & { subject_id: string }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(subject_id uuid, kid uuid, data_key text, stream_name text)
       ), firsts AS (
         SELECT DISTINCT ON (subject_id) subject_id, kid, data_key FROM input ORDER BY subject_id
       ), existing AS (
         SELECT k.subject_id, k.kid, k.data_key FROM pk_keys k
         WHERE k.erased_at IS NULL AND k.subject_id IN (SELECT subject_id FROM firsts)
       ), created AS (
         INSERT INTO pk_keys (kid, subject_id, data_key)
         SELECT f.kid, f.subject_id, decode(f.data_key, 'hex') FROM firsts f
         WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.subject_id = f.subject_id)
         ON CONFLICT DO NOTHING
         RETURNING subject_id, kid, data_key
       ), linked AS (
         INSERT INTO pk_streams (stream_name, subject_id) SELECT stream_name, subject_id FROM input
         ON CONFLICT (stream_name) DO NOTHING
       )
       SELECT subject_id::text AS subject_id, kid::text AS kid, encode(data_key, 'hex') AS data_key FROM existing
       UNION ALL SELECT subject_id::text, kid::text, encode(data_key, 'hex') FROM created`,
      [JSON.stringify(input)],
      'pk_get_or_create',
    );
    const bySubject = new Map(rows.map((row) => [row.subject_id, row]));
    const missed: PendingKey[] = [];
    for (const request of batch) {
      const row = bySubject.get(request.subjectId);
      if (row?.data_key) request.resolve({ kid: row.kid, key: Buffer.from(row.data_key, 'hex') });
      else missed.push(request);
    }
    if (missed.length === 0) return;
    if (attempt >= 3) throw new Error(`could not create data keys for ${missed.length} subjects`);
    await this.createKeys(missed, attempt + 1);
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
    // A failed read (a lost connection) is not remembered: the next call tries again.
    this.secret ??= this.loadSecret().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
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
