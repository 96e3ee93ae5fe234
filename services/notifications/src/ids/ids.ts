import { nameBasedUuid } from '@chp/contracts';

// Fixed namespaces (random UUIDs chosen once): changing one would change every derived id.
const messageIdNamespace = '3d1f7a52-6c0e-4f5b-9a1e-5b7f0c2d8e41';
const notificationIdNamespace = '8a6e2b9c-41d3-4e7f-b0a5-c7d9e1f3a264';

/** RFC 9562 UUID version 5 of `name` in `namespace` (see `nameBasedUuid` in `@chp/contracts`). */
export const uuidV5 = (name: string, namespace: string): string => nameBasedUuid(namespace, name);

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
