import { z } from 'zod';
import { multiLine, opaqueId, slug, uuid } from '../values/index.js';
import { stamp } from './metadata.js';

/** Who a message was for: the customer, or staff (a team or supervisor alert). */
export const audiences = ['customer', 'staff'] as const;
export type Audience = (typeof audiences)[number];

const notificationShape = {
  ...stamp,
  /** The id of the `notifications.events.*` message recorded here; it makes recording idempotent. */
  notificationId: uuid(),
  /** The complaint event the message was about. */
  eventId: uuid(),
  template: slug(),
  recipient: z.email().max(254),
  audience: z.enum(audiences),
};

/**
 * Proof of sending (`status: sent`, with the SMTP Message-ID) or of a failure that will not be
 * retried (`status: failed`), as reported by the notifications service.
 */
export const customerNotifiedDataSchema = z.discriminatedUnion('status', [
  z.object({ ...notificationShape, status: z.literal('sent'), messageId: opaqueId(998) }),
  z.object({
    ...notificationShape,
    status: z.literal('failed'),
    error: multiLine(2_000),
    /** A 5xx answer: retrying cannot help. */
    permanent: z.boolean(),
  }),
]);
export type CustomerNotifiedData = z.infer<typeof customerNotifiedDataSchema>;
