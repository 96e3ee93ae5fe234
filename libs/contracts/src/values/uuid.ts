import { createHash } from 'node:crypto';

const NAMESPACE_SHAPE = /^[0-9a-f]{32}$/i;

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1 of namespace and name): the same namespace and name
 * always give the same id. `namespace` is a UUID, with or without dashes. Each caller keeps its own
 * fixed namespace: changing one would change every id derived from it.
 */
export function nameBasedUuid(namespace: string, name: string): string {
  const hex = namespace.replaceAll('-', '');
  if (!NAMESPACE_SHAPE.test(hex))
    throw new RangeError(`a UUID namespace is 32 hex digits, got "${namespace}"`);
  const hash = createHash('sha1').update(Buffer.from(hex, 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const out = bytes.toString('hex');
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}
