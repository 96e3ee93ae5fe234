import { z } from 'zod';
import { audiences } from '../events/index.js';
import { subjects } from '../subjects.js';
import { complaintIdSchema, isoDateTime, multiLine, opaqueId, slug, uuid } from '../values/index.js';

/** What every notification report says: which complaint event led to which message for whom. */
export const notificationShape = {
  /** The complaint event the message was about (its CloudEvent id). */
  eventId: uuid(),
  complaintId: complaintIdSchema,
  template: slug(),
  recipient: z.email().max(254),
  audience: z.enum(audiences),
  /** When the SMTP server accepted the message, or gave up. */
  at: isoDateTime(),
};

/** `notifications.events.sent`: the SMTP server accepted the message. */
export const notificationSentDataSchema = z.object({
  ...notificationShape,
  /** The message's `Message-ID`, stable per (event, template, recipient). */
  messageId: opaqueId(998),
});
export type NotificationSentData = z.infer<typeof notificationSentDataSchema>;

/** `notifications.events.failed`: a permanent (5xx) failure, or the last attempt failed. */
export const notificationFailedDataSchema = z.object({
  ...notificationShape,
  error: multiLine(2_000),
  /** A 5xx answer: retrying cannot help. False when attempts ran out on temporary errors. */
  permanent: z.boolean(),
  attempts: z.number().int().positive(),
});
export type NotificationFailedData = z.infer<typeof notificationFailedDataSchema>;

export const notificationEventDataSchemas = {
  NotificationSent: notificationSentDataSchema,
  NotificationFailed: notificationFailedDataSchema,
} as const;
export type NotificationEventType = keyof typeof notificationEventDataSchemas;
export const notificationEventTypes = Object.keys(notificationEventDataSchemas) as NotificationEventType[];

export const notificationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('NotificationSent'), data: notificationSentDataSchema }),
  z.object({ type: z.literal('NotificationFailed'), data: notificationFailedDataSchema }),
]);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/** The NATS subject each notification event is published on. */
export const notificationSubjects: Record<NotificationEventType, string> = {
  NotificationSent: subjects.notifications.sent,
  NotificationFailed: subjects.notifications.failed,
};
