import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Complaint references such as `C-7KX2-9QMA`: seven payload characters (35 bits) and one check
 * character, all from Crockford's base32 alphabet (no I, L, O or U, so nothing reads as another
 * character on the phone). The check character is Luhn mod 32 over the payload, which catches
 * every single mistyped character and most swaps of neighbours.
 *
 * Uniqueness is not decided here: each complaint has a deterministic sequence of candidates
 * ({@link referenceCandidate}); intake proposes the first one no other submission holds, and the
 * complaints service reserves it in the event store (walking the same sequence on a clash), which
 * proves it unique.
 */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PAYLOAD_LENGTH = 7;
const N = REFERENCE_ALPHABET.length;

const symbolValue = (char: string): number => REFERENCE_ALPHABET.indexOf(char);

/** Luhn mod N: double every second value from the right, fold, sum; the check makes the total ≡ 0. */
function luhnSum(values: readonly number[], doubleFirstFromRight: boolean): number {
  let sum = 0;
  let double = doubleFirstFromRight;
  for (let i = values.length - 1; i >= 0; i--) {
    let addend = values[i]! * (double ? 2 : 1);
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
    double = !double;
  }
  return sum % N;
}

/** The check character for a canonical 7-character payload. */
export function referenceCheckCharacter(payload: string): string {
  const sum = luhnSum([...payload].map(symbolValue), true);
  return REFERENCE_ALPHABET[(N - sum) % N]!;
}

/** Crockford decoding: case-insensitive, O reads as 0, I and L as 1; dashes and spaces are ignored. */
function canonical(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const CANONICAL = /^C-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Formats a payload (7 Crockford characters, any case) as `C-XXXX-XXXC` with its check character. */
export function formatReference(payload: string): string {
  const chars = canonical(payload);
  if (chars.length !== PAYLOAD_LENGTH || [...chars].some((c) => symbolValue(c) < 0)) {
    throw new RangeError(
      `a reference payload is ${PAYLOAD_LENGTH} Crockford base32 characters, got "${payload}"`,
    );
  }
  const full = chars + referenceCheckCharacter(chars);
  return `C-${full.slice(0, 4)}-${full.slice(4)}`;
}

/** A reference from the first 35 bits of some bytes, such as a complaint id's UUID bytes. */
export function referenceFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 5) throw new RangeError('a reference needs at least 5 bytes (35 bits)');
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i]!);
  bits >>= 5n; // 40 bits read, 35 used
  let payload = '';
  for (let i = PAYLOAD_LENGTH - 1; i >= 0; i--) {
    payload += REFERENCE_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  }
  return formatReference(payload);
}

/**
 * The `attempt`-th reference candidate of a complaint, a pure function of its id: attempt 0 is the
 * first 35 bits of the UUID itself, every later one those of SHA-256(`<id>#<attempt>`). With 2^35
 * references a clash is rare (about one in 2^35 / n for the n-th complaint), so the next candidate
 * almost always settles it.
 */
export function referenceCandidate(complaintId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 0)
    throw new RangeError(`attempt must be an integer ≥ 0, got ${attempt}`);
  if (attempt === 0) return referenceFromBytes(Buffer.from(complaintId.replaceAll('-', ''), 'hex'));
  return referenceFromBytes(createHash('sha256').update(`${complaintId}#${attempt}`).digest());
}

/**
 * Candidates a complaint walks before giving up. The n-th complaint's first candidate is held by
 * another with a chance of about n / 2^35, so eight are never all taken in practice.
 */
export const MAX_REFERENCE_CANDIDATES = 8;

export class NoFreeReference extends Error {
  override readonly name = 'NoFreeReference';
  constructor(complaintId: string, tried: readonly string[]) {
    super(`no free reference for complaint ${complaintId} after trying ${tried.join(', ')}`);
  }
}

/**
 * The candidate walk that intake's ledger and complaints' reservations share: `claim` is offered
 * `first` (default: candidate 0), then candidates 1, 2, … of the complaint, and answers what taking
 * one gave, or undefined when another complaint holds it. `NoFreeReference` after
 * {@link MAX_REFERENCE_CANDIDATES} candidates.
 */
export async function claimReference<T>(
  complaintId: string,
  claim: (candidate: string) => Promise<T | undefined>,
  first: string = referenceCandidate(complaintId, 0),
): Promise<T> {
  const tried: string[] = [];
  for (let attempt = 0; attempt < MAX_REFERENCE_CANDIDATES; attempt++) {
    const candidate = attempt === 0 ? first : referenceCandidate(complaintId, attempt);
    tried.push(candidate);
    const claimed = await claim(candidate);
    if (claimed !== undefined) return claimed;
  }
  throw new NoFreeReference(complaintId, tried);
}

export type ParsedReference =
  | { ok: true; reference: string }
  | { ok: false; reason: 'malformed' | 'check_character'; message: string };

/**
 * Reads a reference as a person types it: `c-7kx2-9qma`, `C7KX29QMA`, `7KX2 9QMA` or with O for 0.
 * Returns the canonical `C-XXXX-XXXX`, or why it is not one (a wrong check character is told apart
 * from a malformed input, so the caller can say "check the reference for a typo").
 */
export function parseReference(input: string): ParsedReference {
  const text = input.trim().toUpperCase();
  // The prefix is certain when a separator follows it ("C-", "C "); otherwise only the length tells,
  // because C is also a payload character.
  let chars = canonical(text);
  if (/^C[\s-]/.test(text) || (chars.startsWith('C') && chars.length === PAYLOAD_LENGTH + 2)) {
    chars = chars.slice(1);
  }
  if (chars.length !== PAYLOAD_LENGTH + 1 || [...chars].some((c) => symbolValue(c) < 0)) {
    return {
      ok: false,
      reason: 'malformed',
      message: `"${input}" is not a complaint reference like C-7KX2-9QMA`,
    };
  }
  if (luhnSum([...chars].map(symbolValue), false) !== 0) {
    return {
      ok: false,
      reason: 'check_character',
      message: `"${input}" has a wrong check character: a character was probably mistyped`,
    };
  }
  return { ok: true, reference: `C-${chars.slice(0, 4)}-${chars.slice(4)}` };
}

/** True for a canonical reference (upper case, dashes) whose check character is right. */
export const isReference = (value: string): boolean => CANONICAL.test(value) && parseReference(value).ok;

/** A complaint reference in canonical form, check character verified. Parse user input with {@link parseReference} first. */
export const complaintReferenceSchema = z
  .string()
  .regex(CANONICAL, 'must be a complaint reference like C-7KX2-9QMA')
  .refine((value) => !CANONICAL.test(value) || parseReference(value).ok, 'has a wrong check character');
export type ComplaintReference = z.infer<typeof complaintReferenceSchema>;
