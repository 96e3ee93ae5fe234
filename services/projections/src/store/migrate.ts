import type { SqlDriver } from '@chp/eventstore';
import { addReportColumns } from './report-columns.js';
import { liveTables, retiredSummaryIndexes, retiredTimelineIndexes, tableDdl } from './tables.js';

/**
 * Creates what is missing, idempotently (every replica runs it at start). `projection_checkpoint`
 * holds the last JetStream sequence and store position applied; `projection_rebuild` one row with
 * the rebuild state.
 */
export async function migrate(db: SqlDriver): Promise<void> {
  // Replicas starting together would race on CREATE TABLE IF NOT EXISTS; one at a time.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7240016)');
    await addReportColumns(tx);
    // After a rebuild the live tables' indexes carry that generation's tag: find them by suffix,
    // so a restart does not add g0 duplicates, and an index added in a later version is created.
    const indexes = await tx.query<{ tablename: string; indexname: string }>(
      `SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ($1, $2)`,
      [liveTables.summary, liveTables.timeline],
    );
    const suffixes = (table: string) =>
      new Set(indexes.filter((i) => i.tablename === table).map((i) => i.indexname.split('_').pop() ?? ''));
    const present = { summary: suffixes(liveTables.summary) };
    // The timeline's `at` index of earlier versions: no query reads by it, and every event paid a
    // btree insert for it (any generation's tag).
    const retired = indexes.filter((i) => {
      const suffix = i.indexname.split('_').pop() ?? '';
      return i.tablename === liveTables.timeline
        ? (retiredTimelineIndexes as readonly string[]).includes(suffix)
        : (retiredSummaryIndexes as readonly string[]).includes(suffix);
    });
    await tx.exec(`
${tableDdl(liveTables, 'g0', present)}
${retired.map((i) => `DROP INDEX IF EXISTS ${i.indexname};`).join('\n')}
-- Migration attachments-1: file references on the timeline (issue 24); older rows get them on a rebuild.
ALTER TABLE ${liveTables.timeline} ADD COLUMN IF NOT EXISTS attachments jsonb NOT NULL DEFAULT '[]'::jsonb;
CREATE TABLE IF NOT EXISTS projection_checkpoint (
  name text PRIMARY KEY,
  stream_sequence bigint NOT NULL,
  position text NOT NULL,
  events bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS projection_rebuild (
  name text PRIMARY KEY,
  state text NOT NULL,
  generation integer NOT NULL DEFAULT 0,
  events bigint NOT NULL DEFAULT 0,
  position text,
  started_at timestamptz,
  finished_at timestamptz,
  error text
);
-- A heartbeat lets a crashed rebuild's 'running' state expire instead of blocking rebuilds forever.
ALTER TABLE projection_rebuild ADD COLUMN IF NOT EXISTS owner text;
ALTER TABLE projection_rebuild ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz;
INSERT INTO projection_rebuild (name, state) VALUES ('complaints', 'idle') ON CONFLICT (name) DO NOTHING;
`);
  });
}
