import { z } from 'zod';

/** Log levels pino understands, plus `silent`. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const durationUnits = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const durationPattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/**
 * Parses `500ms`, `30s`, `2m`, `1h` or `1d` into milliseconds. A bare number is refused: `10` could
 * mean seconds or milliseconds, and guessing wrong turns a 10 s timeout into 10 ms.
 */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof durationUnits];
  return Math.round(Number(amount) * durationUnits[unit]);
}

function port() {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a port number (0-65535)')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65_535, 'expected a port number (0-65535)'));
}

function checkUrl(text: string, protocols: readonly string[] | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    return `expected a URL (${(error as Error).message})`;
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (protocols && !protocols.includes(scheme)) {
    return `expected a ${protocols.map((p) => `${p}://`).join(' or ')} URL, got ${scheme}://`;
  }
  return undefined;
}

function url(protocols?: readonly string[]) {
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const problem = checkUrl(text, protocols);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** Comma-separated list; blanks are dropped. Each item is parsed by `item` (a string schema). */
function list<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item));
}

function urlList(protocols?: readonly string[]) {
  return list(url(protocols)).pipe(z.array(z.string()).min(1, 'expected at least one URL'));
}

function duration() {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration like 500ms, 30s, 2m, 1h or 1d' });
      return z.NEVER;
    }
    return ms;
  });
}

function boolean() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((text) => ['true', 'false', '1', '0'].includes(text), 'expected true, false, 1 or 0')
    .transform((text) => text === 'true' || text === '1');
}

function logLevel() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(logLevels, { error: `expected one of ${logLevels.join(', ')}` }));
}

function text() {
  return z.string().trim().min(1, 'must not be empty');
}

/**
 * zod building blocks for environment variables. Each takes the raw string and yields a typed value;
 * give a default with `.prefault('30s')` (parsed like the env value) or make it `.optional()`.
 */
export const env = {
  port,
  url,
  urlList,
  list,
  duration,
  boolean,
  logLevel,
  string: text,
  /** A secret: non-empty and at least `minLength` characters. */
  secret: (minLength = 1) => z.string().min(minLength, `must be at least ${minLength} characters`),
};
