import type { SqlDriver } from './driver.js';

interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * Forward-only, versioned migrations. Never edit an applied one: add the next version.
 *
 * `es_events` carries the id of the transaction that wrote each row (`xid8`) next to the global
 * position. Readers of the global log order by `(transaction_id, global_position)` and only look
 * below the oldest transaction still running, which makes the order gap-free (see README).
 * Per-stream optimistic concurrency rests on the unique `(stream_name, stream_revision)`.
 */
const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'events and subscriber checkpoints',
    sql: `
      CREATE TABLE es_events (
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        global_position bigint      GENERATED ALWAYS AS IDENTITY,
        stream_name     text        NOT NULL,
        stream_revision bigint      NOT NULL,
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT es_events_pkey PRIMARY KEY (transaction_id, global_position),
        CONSTRAINT es_events_stream_revision_key UNIQUE (stream_name, stream_revision),
        CONSTRAINT es_events_revision_check CHECK (stream_revision >= 0)
      );
      CREATE TABLE es_checkpoints (
        subscriber_id   text        PRIMARY KEY,
        transaction_id  xid8        NOT NULL,
        global_position bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);

/** The unique constraint whose violation means "someone else wrote that revision first". */
export const streamRevisionConstraint = 'es_events_stream_revision_key';

/**
 * Creates or migrates the tables in the connection's current schema. Safe to run from several
 * processes at once: an advisory lock per schema serialises them.
 */
export async function migrate(driver: SqlDriver): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.es_migrations'))`);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS es_migrations (
        version     integer     PRIMARY KEY,
        description text        NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
    const rows = await tx.query<{ version: number | string }>('SELECT version FROM es_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...applied);
    if (newest > latestSchemaVersion) {
      throw new Error(
        `The event store schema is at version ${newest}, newer than this code knows (${latestSchemaVersion}); upgrade the service`,
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO es_migrations (version, description) VALUES ($1::int, $2)', [
        String(migration.version),
        migration.description,
      ]);
    }
  });
}

/** The NOTIFY channel for this schema: an unquoted identifier, since PGlite does not quote it. */
export async function notificationChannel(driver: SqlDriver): Promise<string> {
  const [row] = await driver.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const schema = (row?.schema ?? 'public').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `es_events_${schema}`.slice(0, 63);
}
