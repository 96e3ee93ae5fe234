import { type KnowledgeLanguage, knowledgeLanguages } from '@chp/contracts';
import type { SqlDriver, SqlExecutor } from '@chp/eventstore';
import type { EntryKind } from './apply.js';
import { searchConfigs, tsQueryText, wordsOf } from './languages.js';

export type ReadStatus = 'draft' | 'published' | 'superseded' | 'retired';

export interface SearchQuery {
  kind: EntryKind;
  language: KnowledgeLanguage;
  /** Typed text; without words, the entries in scope by title. */
  text?: string | undefined;
  category?: string | undefined;
  statuses: readonly ReadStatus[];
  /** `all`: every word must match (search); `any`: the more words match, the higher (suggestions). */
  match: 'all' | 'any';
  limit: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  version: number;
  status: ReadStatus;
  category: string;
  language: KnowledgeLanguage;
  title: string;
  rank: number;
  tags: string[];
  /** The version's text in the language searched (`{title, body}` or `{question, answer}`). */
  text: unknown;
}

interface HitRow {
  id: string;
  version: number;
  status: ReadStatus;
  category: string;
  language: KnowledgeLanguage;
  title: string;
  rank: number | string;
  tags: string[];
  text: unknown;
}

/** Entries ranked by PostgreSQL full text search in the language's configuration. */
export async function searchEntries(db: SqlExecutor, query: SearchQuery): Promise<SearchHit[]> {
  const words = wordsOf(query.text ?? '');
  const params: (string | null)[] = [
    query.kind,
    query.language,
    query.statuses.join(','),
    query.category ?? null,
    String(query.limit),
    String(query.offset ?? 0),
  ];
  // The kind and language also as literals, which the partial GIN indexes' predicates match; both
  // are checked against their closed sets first.
  if (
    !(['answer', 'question'] as const).includes(query.kind) ||
    !knowledgeLanguages.includes(query.language)
  ) {
    throw new RangeError(`no search scope ${query.kind}/${query.language}`);
  }
  const scope = `kind = '${query.kind}' AND language = '${query.language}' AND kind = $1 AND language = $2
    AND status = ANY (string_to_array($3, ',')) AND ($4::text IS NULL OR category = $4)`;
  // Only the page's rows fetch their text, and only in the language searched.
  const withText = `e.tags, e.content->'texts'->$2 AS text`;
  const joinEntry = 'JOIN kn_entries e ON e.kind = s.kind AND e.id = s.id AND e.version = s.version';
  let rows: HitRow[];
  if (words.length === 0) {
    rows = await db.query<HitRow>(
      `SELECT s.id::text, s.version, s.status, s.category, s.language, s.title, 0 AS rank, ${withText}
       FROM (SELECT kind, id, version, status, category, language, title FROM kn_search WHERE ${scope} ORDER BY category, title, id LIMIT $5::int OFFSET $6::int) s
       ${joinEntry} ORDER BY s.category, s.title, s.id`,
      params,
    );
  } else {
    params.push(searchConfigs[query.language], tsQueryText(words, query.language, query.match));
    rows = await db.query<HitRow>(
      `SELECT s.id::text, s.version, s.status, s.category, s.language, s.title, s.rank, ${withText}
       FROM (SELECT kind, id, version, status, category, language, title, ts_rank(document, q) AS rank
             FROM kn_search, to_tsquery($7::regconfig, $8) AS q
             WHERE ${scope} AND document @@ q
             ORDER BY rank DESC, id LIMIT $5::int OFFSET $6::int) s
       ${joinEntry} ORDER BY s.rank DESC, s.id`,
      params,
    );
  }
  return rows.map((row) => ({
    ...row,
    version: Number(row.version),
    rank: Number(row.rank),
    text: typeof row.text === 'string' ? JSON.parse(row.text) : row.text,
  }));
}

/** Counts a suggestion shown on the portal (the deflection rate's denominator): no text, no person. */
export async function countSuggestionShown(
  db: SqlDriver,
  language: KnowledgeLanguage,
  day: string,
): Promise<void> {
  // A statistic, not a record: a count lost in a crash is not worth a disk flush on every keystroke's
  // suggestion, so this commit does not wait for the WAL.
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL synchronous_commit = off');
    await tx.query(
      `INSERT INTO kn_suggestions (day, language, shown) VALUES ($1::date, $2, 1)
       ON CONFLICT (day, language) DO UPDATE SET shown = kn_suggestions.shown + 1`,
      [day, language],
      'kn_count_shown',
    );
  });
}

export interface UsageRow {
  answerId: string;
  version: number;
  uses: number;
  lastUsedAt: string;
}

/** How often each answer version was used, most used first. */
export async function answerUsage(
  db: SqlExecutor,
  answerId: string | undefined,
  limit: number,
): Promise<UsageRow[]> {
  const rows = await db.query<{
    answer_id: string;
    version: number;
    uses: string;
    last_used_at: Date | string;
  }>(
    `SELECT answer_id::text, version, uses, last_used_at FROM kn_usage
     WHERE $1::uuid IS NULL OR answer_id = $1::uuid ORDER BY uses DESC, answer_id, version LIMIT $2::int`,
    [answerId ?? null, String(limit)],
  );
  return rows.map((row) => ({
    answerId: row.answer_id,
    version: Number(row.version),
    uses: Number(row.uses),
    lastUsedAt: new Date(row.last_used_at).toISOString(),
  }));
}

export interface DeflectionRow {
  language: KnowledgeLanguage;
  shown: number;
  helped: number;
  /** helped / shown; null when nothing was shown. */
  rate: number | null;
}

/** "This answered my question" votes per suggestion shown, per language and in all. */
export async function deflection(
  db: SqlExecutor,
): Promise<{ total: Omit<DeflectionRow, 'language'>; byLanguage: DeflectionRow[] }> {
  const rows = await db.query<{ language: KnowledgeLanguage; shown: string; helped: string }>(
    `SELECT language, COALESCE(SUM(shown), 0) AS shown, COALESCE(SUM(helped), 0) AS helped FROM (
       SELECT language, shown, 0 AS helped FROM kn_suggestions
       UNION ALL SELECT language, 0 AS shown, helped FROM kn_helped
     ) counts GROUP BY language ORDER BY language`,
  );
  const rate = (helped: number, shown: number) =>
    shown > 0 ? Math.round((helped / shown) * 10_000) / 10_000 : null;
  const byLanguage = rows.map((row) => {
    const shown = Number(row.shown);
    const helped = Number(row.helped);
    return { language: row.language, shown, helped, rate: rate(helped, shown) };
  });
  const shown = byLanguage.reduce((sum, row) => sum + row.shown, 0);
  const helped = byLanguage.reduce((sum, row) => sum + row.helped, 0);
  return { total: { shown, helped, rate: rate(helped, shown) }, byLanguage };
}
