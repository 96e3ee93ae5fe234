import { createHash } from 'node:crypto';

// Fixed namespaces (random UUIDs chosen once): changing one would change every derived id.
const messageIdNamespace = '3d1f7a52-6c0e-4f5b-9a1e-5b7f0c2d8e41';
const notificationIdNamespace = '8a6e2b9c-41d3-4e7f-b0a5-c7d9e1f3a264';

/** RFC 9562 UUID version 5 (SHA-1 of namespace and name): the same input always gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What makes a notification unique: one email per (event, template, recipient). */
export interface NotificationKey {
  eventId: string;
  template: string;
  /** The e-mail address, lower-cased; empty for a customer without one. */
  recipient: string;
}

const nameOf = (key: NotificationKey) => `${key.eventId}\n${key.template}\n${key.recipient.toLowerCase()}`;

/** The `Message-ID` header, stable per key so that downstream systems can deduplicate a resend. */
export const messageIdOf = (key: NotificationKey, domain: string): string =>
  `<${uuidV5(nameOf(key), messageIdNamespace)}@${domain}>`;

/** The id of the `notifications.events.*` CloudEvent reporting this notification. */
export const notificationIdOf = (key: NotificationKey): string =>
  uuidV5(nameOf(key), notificationIdNamespace);
