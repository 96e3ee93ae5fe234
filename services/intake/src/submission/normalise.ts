import { JsonBoundsError, type Language, languages, MAX_JSON_DEPTH } from '@chp/contracts';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type DetectLanguage, detectionText, languageOfText } from '../language/index.js';

/**
 * Normalisation before validation: every string is trimmed, NFC-composed and stripped of control
 * characters (line breaks and tabs survive in free text only); the e-mail's domain is lower-cased;
 * the phone becomes E.164; the SLA region is upper-cased; a missing language comes from
 * `Accept-Language`, else from the subject and description when the detector is sure, else the
 * default, and `customer.preferredLanguageSource` says which. What cannot be fixed (an unparsable
 * phone) is left as given so that the schema names the field.
 */
export interface NormaliseOptions {
  /** ISO 3166-1 region for national phone numbers, e.g. `GB`. */
  defaultRegion: string;
  acceptLanguage?: string | undefined;
  /** Used when neither the body nor the header names a language and the detector is unsure. */
  defaultLanguage: Language;
  /** Reads the language of the subject and description; absent, such a submission gets the default. */
  detectLanguage?: DetectLanguage | undefined;
}

// Fields where line breaks and tabs carry meaning.
const MULTI_LINE_FIELDS = new Set(['description', 'desiredOutcome', 'message', 'comment']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL_ALL = /[\u0000-\u001F\u007F-\u009F]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL_KEEP_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function cleanText(text: string, multiLine: boolean): string {
  const stripped = text.normalize('NFC').replace(multiLine ? CONTROL_KEEP_LINES : CONTROL_ALL, '');
  return multiLine ? stripped.replace(/\r\n?/g, '\n').trim() : stripped.trim();
}

/**
 * Cleans every string in a JSON value, keyed by the field name it sits under. The edges bound the
 * depth before this runs; the guard keeps a caller that did not from overflowing the stack.
 */
export function cleanStrings(value: unknown, field = '', depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value, MULTI_LINE_FIELDS.has(field));
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) {
    throw new JsonBoundsError('too_deep', `JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (Array.isArray(value)) return value.map((item) => cleanStrings(item, field, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, cleanStrings(v, key, depth + 1)]));
}

/** `Alice@Example.COM` → `Alice@example.com` (the local part is the mailbox owner's business). */
export function normaliseEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

/** E.164 when the number is valid for its (or the default) region; otherwise the input unchanged. */
export function normalisePhone(phone: string, defaultRegion: string): string {
  const parsed = parsePhoneNumberFromString(phone, defaultRegion as CountryCode);
  return parsed?.isValid() ? parsed.number : phone;
}

const supported = new Set<string>(languages.filter((l) => l !== 'other'));

/**
 * The first supported language of an `Accept-Language` header by quality, `other` if none is, and
 * undefined when it names none: `*` alone (what fetch and many clients send) states no language.
 */
export function languageFromHeader(header: string | undefined): Language | undefined {
  if (!header?.trim()) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.primary !== '' && entry.primary !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  if (ranked.length === 0) return undefined;
  const match = ranked.find((entry) => supported.has(entry.primary));
  return match ? (match.primary as Language) : 'other';
}

/** The normalised submission, still unvalidated (the schema decides). */
export function normaliseSubmission(raw: unknown, options: NormaliseOptions): unknown {
  const body = cleanStrings(raw);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const submission = body as Record<string, unknown>;
  // ISO 3166 codes are upper case (`gb-sct` → `GB-SCT`).
  if (typeof submission.region === 'string') submission.region = submission.region.toUpperCase();
  const customer = submission.customer;
  if (customer === null || typeof customer !== 'object' || Array.isArray(customer)) return submission;
  const c = { ...(customer as Record<string, unknown>) };
  if (typeof c.email === 'string') c.email = normaliseEmail(c.email);
  if (typeof c.phone === 'string') c.phone = normalisePhone(c.phone, options.defaultRegion);
  if (c.preferredLanguage === undefined) {
    const stated = languageFromHeader(options.acceptLanguage);
    const { language, source } = stated
      ? { language: stated, source: 'given' as const }
      : options.detectLanguage
        ? languageOfText(
            detectionText(submission.subject, submission.description),
            options.detectLanguage,
            options.defaultLanguage,
          )
        : { language: options.defaultLanguage, source: 'default' as const };
    c.preferredLanguage = language;
    c.preferredLanguageSource = source;
  } else {
    if (typeof c.preferredLanguage === 'string') c.preferredLanguage = c.preferredLanguage.toLowerCase();
    // A queued submission keeps the source intake recorded; a channel's own language is given.
    c.preferredLanguageSource ??= 'given';
  }
  return { ...submission, customer: c };
}
