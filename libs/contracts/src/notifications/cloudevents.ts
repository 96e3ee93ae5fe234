import { z } from 'zod';
import { type CloudEvent, cloudEventSchema, cloudEventTypeOf } from '../cloudevents.js';
import {
  type EventFamily,
  type ParsedCloudEvent,
  parseFamilyCloudEvent,
  type SafeParsed,
  safely,
} from '../codec.js';
import { ContractError } from '../errors.js';
import { UpcasterRegistry } from '../upcasting.js';
import { complaintIdSchema, isoDateTime } from '../values/index.js';
import {
  type NotificationEvent,
  type NotificationEventType,
  notificationEventDataSchemas,
  notificationEventSchema,
} from './events.js';

export const NOTIFICATION_EVENTS_PREFIX = 'notifications';

export const notificationEventVersions: Readonly<Record<NotificationEventType, number>> = {
  NotificationSent: 1,
  NotificationFailed: 1,
};
export const notificationUpcasters = new UpcasterRegistry<NotificationEventType>(notificationEventVersions);

/** A notification report on NATS: `subject` is the complaint id, `id` a UUID unique per report. */
export const notificationCloudEventSchema = cloudEventSchema.extend({
  id: z.uuid(),
  subject: complaintIdSchema,
  time: isoDateTime(),
});

export const notificationCloudEventSchemaOf = (type: NotificationEventType) =>
  notificationCloudEventSchema.extend({
    type: z.literal(cloudEventTypeOf(NOTIFICATION_EVENTS_PREFIX, type, notificationEventVersions[type])),
    data: notificationEventDataSchemas[type],
  });

export const notificationEvents: EventFamily<NotificationEvent> = {
  prefix: NOTIFICATION_EVENTS_PREFIX,
  upcasters: notificationUpcasters,
  eventSchema: notificationEventSchema,
  envelopeSchema: notificationCloudEventSchema,
};

export type NotificationCloudEvent = CloudEvent<NotificationEvent['data']>;

/**
 * Wraps a notification report as a CloudEvent. `id` must be stable for the report (derive it from
 * the event id, template and recipient) so that a republish is deduplicated.
 */
export function toNotificationCloudEvent(
  event: NotificationEvent,
  options: { id: string; source: string; traceparent?: string },
): NotificationCloudEvent {
  const parsed = notificationEventSchema.safeParse(event);
  if (!parsed.success) throw ContractError.fromZod('data', `invalid ${event.type}`, parsed.error);
  if (!z.uuid().safeParse(options.id).success) {
    throw new ContractError('envelope', `a notification CloudEvent id is a UUID, got "${options.id}"`);
  }
  const cloudEvent: NotificationCloudEvent = {
    specversion: '1.0',
    id: options.id,
    type: cloudEventTypeOf(NOTIFICATION_EVENTS_PREFIX, event.type, notificationEventVersions[event.type]),
    source: options.source,
    subject: event.data.complaintId,
    time: new Date(event.data.at).toISOString(),
    datacontenttype: 'application/json',
    data: parsed.data.data,
  };
  if (options.traceparent !== undefined) cloudEvent.traceparent = options.traceparent;
  return cloudEvent;
}

export const parseNotificationCloudEvent = (input: unknown): ParsedCloudEvent<NotificationEvent> =>
  parseFamilyCloudEvent(notificationEvents, input);

export const safeParseNotificationCloudEvent = (
  input: unknown,
): SafeParsed<ParsedCloudEvent<NotificationEvent>> => safely(() => parseNotificationCloudEvent(input));
