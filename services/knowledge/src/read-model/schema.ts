import { knowledgeLanguages } from '@chp/contracts';
import type { SqlDriver } from '@chp/eventstore';

/**
 * The read model: a row per version of every entry, a search row per version and language (with its
 * tsvector in that language's configuration), usage and deflection counters, and the projector's
 * checkpoint. Everything here is rebuilt from the event store (drop the tables and restart).
 */
export async function migrate(db: SqlDriver): Promise<void> {
  // A GIN index per kind and language: a search scans only the rows it may return (one index over
  // all would hand the common words of 60,000 rows to the filter).
  const searchIndexes = (['answer', 'question'] as const)
    .flatMap((kind) =>
      knowledgeLanguages.map(
        (language) =>
          `CREATE INDEX IF NOT EXISTS kn_search_${kind}_${language} ON kn_search USING gin (document) WHERE kind = '${kind}' AND language = '${language}';`,
      ),
    )
    .join('\n');
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7240024)');
    await tx.exec(`
CREATE TABLE IF NOT EXISTS kn_entries (
  kind text NOT NULL,
  id uuid NOT NULL,
  version integer NOT NULL,
  status text NOT NULL,
  category text NOT NULL,
  tags text[] NOT NULL,
  content jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (kind, id, version)
);
CREATE TABLE IF NOT EXISTS kn_search (
  kind text NOT NULL,
  id uuid NOT NULL,
  version integer NOT NULL,
  language text NOT NULL,
  status text NOT NULL,
  category text NOT NULL,
  title text NOT NULL,
  document tsvector NOT NULL,
  PRIMARY KEY (kind, id, version, language)
);
DROP INDEX IF EXISTS kn_search_document;
${searchIndexes}
CREATE INDEX IF NOT EXISTS kn_search_scope ON kn_search (kind, language, status, category);
CREATE TABLE IF NOT EXISTS kn_usage (
  answer_id uuid NOT NULL,
  version integer NOT NULL,
  uses bigint NOT NULL,
  last_used_at timestamptz NOT NULL,
  PRIMARY KEY (answer_id, version)
);
CREATE TABLE IF NOT EXISTS kn_helped (
  question_id uuid NOT NULL,
  version integer NOT NULL,
  language text NOT NULL,
  helped bigint NOT NULL,
  PRIMARY KEY (question_id, version, language)
);
CREATE TABLE IF NOT EXISTS kn_suggestions (
  day date NOT NULL,
  language text NOT NULL,
  shown bigint NOT NULL,
  PRIMARY KEY (day, language)
);
CREATE TABLE IF NOT EXISTS kn_checkpoint (
  name text PRIMARY KEY,
  position text NOT NULL
);
`);
  });
}
