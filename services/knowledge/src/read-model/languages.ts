import type { KnowledgeLanguage } from '@chp/contracts';

/**
 * PostgreSQL's text-search configuration per language. PostgreSQL ships Snowball stemmers for
 * English, Russian, Hungarian and Romanian; it has none for Ukrainian or Latvian, which use
 * `simple` (lower-casing only), and their queries match word prefixes instead (see `tsQueryText`).
 */
export const searchConfigs: Readonly<Record<KnowledgeLanguage, string>> = {
  en: 'english',
  uk: 'simple',
  ru: 'russian',
  hu: 'hungarian',
  lv: 'simple',
  ro: 'romanian',
};

/** Text without placeholders, which are no words of the answer. */
export const withoutPlaceholders = (text: string) => text.replace(/\{[A-Za-z]+\}/g, ' ');

const MAX_QUERY_WORDS = 24;

/** The words of typed text: letters and digits only, so that nothing of it is tsquery syntax. */
export function wordsOf(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length > 1))].slice(0, MAX_QUERY_WORDS);
}

/**
 * A `to_tsquery` text from words: each word OR'ed (`any`) or AND'ed (`all`). Without a stemmer a
 * word matches by its stem-ish prefix (all but the last two letters, at least four), so that
 * Ukrainian and Latvian inflections (`рахунку`, `rēķinā`) still find `рахунок`, `rēķins`.
 */
export function tsQueryText(
  words: readonly string[],
  language: KnowledgeLanguage,
  join: 'any' | 'all',
): string {
  const stemless = searchConfigs[language] === 'simple';
  const terms = words.map((word) =>
    stemless && word.length > 4 ? `${word.slice(0, Math.max(4, word.length - 2))}:*` : word,
  );
  return terms.join(join === 'any' ? ' | ' : ' & ');
}
