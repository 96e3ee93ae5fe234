/**
 * Bounds on untrusted JSON, checked at every edge (the HTTP body parser, NATS consumers) before
 * anything walks it recursively: a 6,000-deep array overflows the stack of a recursive walk, and a
 * stack overflow is not a validation error but a crash that a consumer would retry forever.
 */

/** Deepest nesting of arrays and objects accepted. Our deepest message is about 6 levels deep. */
export const MAX_JSON_DEPTH = 64;

/** Why a JSON text or value is refused before it is parsed or walked. */
export class JsonBoundsError extends Error {
  override readonly name = 'JsonBoundsError';
  constructor(
    readonly kind: 'too_deep' | 'not_utf8',
    message: string,
  ) {
    super(message);
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const tooDeep = (maxDepth: number) =>
  new JsonBoundsError('too_deep', `JSON is nested deeper than ${maxDepth} levels`);

/**
 * Throws {@link JsonBoundsError} when JSON text (or its UTF-8 bytes) nests arrays and objects
 * deeper than `maxDepth`. One pass, no recursion, no parsing: brackets inside strings do not count.
 * Malformed text is left for `JSON.parse` to refuse.
 */
export function assertJsonTextDepth(text: string | Uint8Array, maxDepth = MAX_JSON_DEPTH): void {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i] as number;
  const length = text.length;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) throw tooDeep(maxDepth);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
}

/**
 * Throws {@link JsonBoundsError} when an already-parsed value nests deeper than `maxDepth`
 * (iteratively, so the check itself cannot overflow). For values that did not come from text.
 */
export function assertJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > maxDepth) throw tooDeep(maxDepth);
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of UTF-8 bytes; throws {@link JsonBoundsError} on invalid UTF-8 rather than replacing it. */
export function decodeStrictUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch (error) {
    throw new JsonBoundsError('not_utf8', `not valid UTF-8 (${(error as Error).message})`);
  }
}

/**
 * JSON bytes → value: strict UTF-8, nesting bounded, then `JSON.parse`. Throws
 * {@link JsonBoundsError} or `SyntaxError`, each with a message fit for a dead letter or a 400.
 */
export function parseBoundedJson(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): unknown {
  assertJsonTextDepth(bytes, maxDepth);
  return JSON.parse(decodeStrictUtf8(bytes));
}
