import type { Language, LanguageSource } from '@chp/contracts';

/** The languages we answer in, which a detection may name. */
export const detectableLanguages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type DetectableLanguage = (typeof detectableLanguages)[number];

/** What the detector made of a text: the language when it is sure, with its score. */
export interface LanguageGuess {
  /** One of ours, or undefined: unsure, too little text, or a language we do not answer in. */
  language: DetectableLanguage | undefined;
  /** The detector's best language over every language it knows, `''` when it has none. */
  best: string;
  reliable: boolean;
}

export type DetectLanguage = (text: string) => LanguageGuess;

/** The slice of eld's API this module uses (its own types are loose). */
interface EldResult {
  language: string;
  isReliable(): boolean;
}
interface Eld {
  detect(text: string): EldResult;
}

const ours = new Set<string>(detectableLanguages);

/**
 * Wraps eld (measured the most accurate on our corpus, see the README): the detector looks over all
 * of its 60 languages, so that a French text is not forced into Romanian, and its answer counts only
 * when eld calls it reliable and it is one of ours. Everything else is left to the caller's default.
 */
export function eldDetector(eld: Eld): DetectLanguage {
  return (text) => {
    const result = eld.detect(text);
    const reliable = result.isReliable();
    const language =
      reliable && ours.has(result.language) ? (result.language as DetectableLanguage) : undefined;
    return { language, best: result.language, reliable };
  };
}

/**
 * Loads eld's `small` n-gram set (1.6 MB; about a second once per process). eld is an ES module only,
 * hence the dynamic import; the services build to CommonJS.
 */
export async function loadLanguageDetector(): Promise<DetectLanguage> {
  const { eld } = (await import('eld/small')) as { eld: Eld };
  return eldDetector(eld);
}

/** The subject and description, as the detector reads a submission. */
export const detectionText = (subject: unknown, description: unknown): string =>
  [subject, description].filter((part): part is string => typeof part === 'string').join('\n');

/** The language of a text when the detector is sure of it, else `fallback`, with where it came from. */
export function languageOfText(
  text: string,
  detect: DetectLanguage,
  fallback: Language,
): { language: Language; source: LanguageSource } {
  const guess = detect(text);
  return guess.language
    ? { language: guess.language, source: 'detected' }
    : { language: fallback, source: 'default' };
}
