import { InvalidPosition } from '../errors.js';
import type { Position } from '../port.js';

/**
 * A PostgreSQL position is `<transaction id>:<global position>`, each zero-padded to 20 digits, so
 * that positions also sort correctly as plain strings (in SQL, in a read model, in a log).
 */
const width = 20;
const shape = /^(\d{20}):(\d{20})$/;
const maxXid8 = 2n ** 64n - 1n;
const maxBigint = 2n ** 63n - 1n;

export interface DecodedPosition {
  transactionId: string;
  globalPosition: string;
}

/** Before every event: the start of the log. */
export const startPosition: DecodedPosition = { transactionId: '0', globalPosition: '0' };

export function encodePosition(transactionId: string, globalPosition: string): Position {
  return `${transactionId.padStart(width, '0')}:${globalPosition.padStart(width, '0')}`;
}

export function parsePosition(raw: string): Position {
  decodePosition(raw);
  return raw;
}

export function decodePosition(raw: string): DecodedPosition {
  const match = typeof raw === 'string' ? shape.exec(raw) : null;
  if (!match) {
    throw new InvalidPosition(String(raw), 'expected <transaction id>:<global position>, 20 digits each');
  }
  const [, transactionId = '', globalPosition = ''] = match;
  const txid = BigInt(transactionId);
  const position = BigInt(globalPosition);
  if (txid > maxXid8) throw new InvalidPosition(raw, 'transaction id out of range');
  if (position > maxBigint) throw new InvalidPosition(raw, 'global position out of range');
  // Canonical decimal without the padding: PostgreSQL reads a leading zero in an xid8 as octal.
  return { transactionId: txid.toString(), globalPosition: position.toString() };
}

export function comparePositions(a: Position, b: Position): number {
  decodePosition(a);
  decodePosition(b);
  // Fixed width makes string order equal numeric order.
  return a < b ? -1 : a > b ? 1 : 0;
}
