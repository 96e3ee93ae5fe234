import type { Position as EsdbPosition } from '@eventstore/db-client';
import { InvalidPosition } from '../errors.js';
import type { Position } from '../port.js';

// EventStoreDB positions are two unsigned 64-bit log offsets. Both are written as 20 zero-padded
// digits, so the opaque string also sorts correctly as plain text (useful in SQL checkpoints).
const DIGITS = 20;
const MAX_U64 = (1n << 64n) - 1n;
const POSITION_PATTERN = /^(\d{1,20})\/(\d{1,20})$/;

/** Encodes an EventStoreDB `{ commit, prepare }` as the opaque `"<commit>/<prepare>"`. */
export function encodePosition(position: EsdbPosition): Position {
  return `${pad(position.commit)}/${pad(position.prepare)}`;
}

/** Decodes a position made by `encodePosition` (or accepted by `parsePosition`). */
export function decodePosition(position: Position): EsdbPosition {
  const match = POSITION_PATTERN.exec(position);
  if (!match?.[1] || !match[2]) {
    throw new InvalidPosition(position, 'expected "<commit>/<prepare>" with unsigned 64-bit integers');
  }
  const commit = BigInt(match[1]);
  const prepare = BigInt(match[2]);
  if (commit > MAX_U64 || prepare > MAX_U64) {
    throw new InvalidPosition(position, 'commit and prepare must fit in an unsigned 64-bit integer');
  }
  return { commit, prepare };
}

/** Validates a position received from outside and returns it in canonical (padded) form. */
export function parsePosition(raw: string): Position {
  return encodePosition(decodePosition(raw));
}

/** Orders by commit, then prepare: EventStoreDB's own ordering of the transaction log. */
export function comparePositions(a: Position, b: Position): number {
  return compareEsdbPositions(decodePosition(a), decodePosition(b));
}

export function compareEsdbPositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function pad(value: bigint): string {
  if (value < 0n || value > MAX_U64) {
    throw new InvalidPosition(String(value), 'commit and prepare must be unsigned 64-bit integers');
  }
  return value.toString(10).padStart(DIGITS, '0');
}
