import { createHash } from 'node:crypto';

// A fixed namespace for the complaints service's name-based UUIDs (random, chosen once).
const NAMESPACE = Buffer.from('6f1c2a4e9b3d4e5f8a7b1c2d3e4f5a6b', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1): the same name always gives the same id. Event ids
 * derived from a command id make a retried command append the same ids, which the event store then
 * recognises as a repeat rather than writing twice.
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`-th event produced by a command. */
export const eventIdFor = (commandId: string, index: number): string =>
  nameBasedUuid(`event:${commandId}:${index}`);
