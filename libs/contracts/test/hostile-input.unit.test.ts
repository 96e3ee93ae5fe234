import {
  assertJsonDepth,
  assertJsonTextDepth,
  ContractError,
  defaultReceivedAtBounds,
  intakeSubmissionSchema,
  JsonBoundsError,
  MAX_JSON_DEPTH,
  parseBoundedJson,
  parseIntakeMessage,
  receivedAtProblem,
  singleLine,
} from '../src/index.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON bounds: nesting is refused before anything walks it', () => {
  it('refuses 6,000-deep text, as text, bytes or a parsed value, without overflowing', () => {
    const text = nested(6_000);
    expect(() => assertJsonTextDepth(text)).toThrow(JsonBoundsError);
    expect(() => assertJsonTextDepth(new TextEncoder().encode(text))).toThrow(/deeper than 64 levels/);
    expect(() => assertJsonDepth(JSON.parse(text))).toThrow(/deeper than 64 levels/);
    expect(() => parseIntakeMessage(text)).toThrow(ContractError);
  });

  it('accepts nesting up to the limit, and does not count brackets inside strings', () => {
    expect(() => assertJsonTextDepth(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => assertJsonDepth(JSON.parse(nested(MAX_JSON_DEPTH)))).not.toThrow();
    expect(() => assertJsonTextDepth(nested(MAX_JSON_DEPTH + 1))).toThrow(JsonBoundsError);
    expect(() => assertJsonTextDepth(JSON.stringify({ s: '[[[[\\"[[['.repeat(100) }))).not.toThrow();
  });

  it('refuses invalid UTF-8 rather than replacing it', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('{"a":"'), 0xff, 0xfe, 0x22, 0x7d]);
    expect(() => parseBoundedJson(bytes)).toThrow(/not valid UTF-8/);
    expect(parseBoundedJson(new TextEncoder().encode('{"a":"é"}'))).toEqual({ a: 'é' });
  });
});

describe('single-line text', () => {
  const subject = singleLine(200);

  it.each([
    ['zero-width characters only', '\u200B\u200C\u200D\u2060\uFEFF'],
    ['combining characters only', '\u0301\u0302\u0303'],
    ['a bidi override and zero-width space only', '\u202E\u200B'],
    ['Hangul fillers only', '\u3164\u115F'],
  ])('refuses a value of %s', (_name, value) => {
    const parsed = subject.safeParse(value);
    expect(parsed.success).toBe(false);
  });

  it('removes bidirectional overrides, embeddings and isolates, and keeps the rest', () => {
    expect(subject.parse('Refund \u202Egpj.exe\u202C please')).toBe('Refund gpj.exe please');
    expect(subject.parse('\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202D')).toBe('abc');
    // Right-to-left text itself, and a combining accent on a letter, are fine.
    expect(subject.parse('שלום')).toBe('שלום');
    expect(subject.parse('Jose\u0301')).toBe('Jose\u0301');
  });

  it('applies at the edge that both HTTP and NATS share (the submission schema)', () => {
    const base = {
      channel: 'web',
      externalRef: 'x-1',
      customer: { name: 'Ann', email: 'ann@example.com', preferredLanguage: 'en' },
      description: 'd',
    };
    expect(intakeSubmissionSchema.safeParse({ ...base, subject: '\u200B\u0301' }).success).toBe(false);
    expect(intakeSubmissionSchema.parse({ ...base, subject: 'a\u202Eb' }).subject).toBe('ab');
  });
});

describe('receivedAt bounds', () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('refuses 1970 and 2099, naming why', () => {
    expect(receivedAtProblem('1970-01-01T00:00:00Z', now)).toMatch(/must not be older than 365 days/);
    expect(receivedAtProblem('2099-01-01T00:00:00Z', now)).toMatch(/must not be in the future/);
  });

  it('accepts last month, and a sender clock a minute ahead', () => {
    expect(receivedAtProblem('2026-05-01T00:00:00Z', now)).toBeUndefined();
    expect(receivedAtProblem('2026-06-01T12:01:00Z', now)).toBeUndefined();
  });

  it('follows configured bounds', () => {
    const bounds = { ...defaultReceivedAtBounds, maxAgeMs: 7 * 86_400_000 };
    expect(receivedAtProblem('2026-05-01T00:00:00Z', now, bounds)).toMatch(/older than 7 days/);
  });
});
