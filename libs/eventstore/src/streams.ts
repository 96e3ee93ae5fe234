import { EmptyAppend, InvalidStreamName } from './errors.js';
import type { EventData } from './port.js';

/** Longest accepted stream name, in characters; `complaint-<uuid>` needs 46. */
export const maxStreamNameLength = 200;

// C0 and C1 control characters (incl. DEL), and the Unicode line/paragraph separators.
const controlCharacter = /[\p{Cc}\u2028\u2029]/u;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Throws `InvalidStreamName` unless the name is usable by every adapter: non-empty, at most
 * `maxStreamNameLength` characters, no control characters, no surrounding whitespace, and not
 * starting with `$` (EventStoreDB reserves those for system streams).
 */
export function validateStreamName(streamName: unknown): asserts streamName is string {
  const name = typeof streamName === 'string' ? streamName : String(streamName);
  const reason = streamNameProblem(streamName);
  if (reason) throw new InvalidStreamName(name, reason);
}

function streamNameProblem(streamName: unknown): string | undefined {
  if (typeof streamName !== 'string') return `must be a string, got ${typeof streamName}`;
  if (streamName.length === 0) return 'must not be empty';
  const length = [...streamName].length;
  if (length > maxStreamNameLength)
    return `is ${length} characters long; the limit is ${maxStreamNameLength}`;
  if (controlCharacter.test(streamName)) return 'must not contain control characters';
  if (streamName.trim() !== streamName) return 'must not begin or end with whitespace';
  if (streamName.startsWith('$')) return "must not start with '$' (reserved for system streams)";
  return undefined;
}

/**
 * Validates an append before any I/O: the stream name, at least one event, and each event's id
 * (a UUID) and type (a non-empty string). Throws `InvalidStreamName`, `EmptyAppend` or `TypeError`.
 */
export function validateAppend(
  streamName: unknown,
  events: readonly EventData[],
): asserts streamName is string {
  validateStreamName(streamName);
  if (!Array.isArray(events) || events.length === 0) throw new EmptyAppend(streamName);
  events.forEach((event, index) => {
    if (typeof event?.id !== 'string' || !uuid.test(event.id)) {
      throw new TypeError(
        `Append to ${streamName}: event ${index} has id ${JSON.stringify(event?.id)}, not a UUID`,
      );
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`Append to ${streamName}: event ${index} (${event.id}) has no type`);
    }
  });
}

/**
 * Validates a `createStreams` call before any I/O: at least one stream, each a valid append
 * (see `validateAppend`), and no stream named twice.
 */
export function validateNewStreams(
  streams: readonly { streamName: string; events: readonly EventData[] }[],
): void {
  if (streams.length === 0) throw new RangeError('createStreams needs at least one stream');
  const names = new Set<string>();
  for (const { streamName, events } of streams) {
    validateAppend(streamName, events);
    if (names.has(streamName)) throw new TypeError(`createStreams: stream ${streamName} is named twice`);
    names.add(streamName);
  }
}

/** Validates `maxCount` options: a positive safe integer, or undefined for "no limit". */
export function validateMaxCount(maxCount: number | undefined): void {
  if (maxCount === undefined) return;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1) {
    throw new RangeError(`maxCount must be a positive integer, got ${maxCount}`);
  }
}

/** Validates an exact expected revision (a non-negative bigint). */
export function validateExpectedRevision(expected: unknown): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  throw new RangeError(
    `expectedRevision must be 'any', 'no_stream', 'stream_exists' or a revision >= 0n, got ${String(expected)}`,
  );
}
