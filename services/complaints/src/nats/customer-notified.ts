import {
  type ComplaintCommandOf,
  type NotificationEvent,
  safeParseNotificationCloudEvent,
  streams,
  subjects,
} from '@chp/contracts';
import {
  ack,
  type ConsumedMessage,
  type ConsumerRunner,
  type MessagingLogger,
  type Outcome,
  reject,
  retry,
  runConsumer,
} from '@chp/messaging';
import { currentTraceparent } from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CommandHandler } from '../application/index.js';
import { ComplaintNotFound, ComplaintRuleViolation } from '../complaint/index.js';

export const NOTIFICATIONS_DURABLE = 'complaints-customer-notified';

/** Who records a notification: the notifications service reported it. */
const reporter = { id: 'notifications', role: 'service' } as const;

/**
 * The command recording one notification report. Its command id is the report's id, so a
 * redelivery is applied once and the event's causation id names the report.
 */
export function recordNotificationCommand(
  notificationId: string,
  event: NotificationEvent,
  traceparent?: string,
): ComplaintCommandOf<'RecordCustomerNotification'> {
  const { eventId, complaintId, template, recipient, audience, at } = event.data;
  const common = { notificationId, eventId, complaintId, template, recipient, audience, at };
  const data =
    event.type === 'NotificationSent'
      ? { ...common, status: 'sent' as const, messageId: event.data.messageId }
      : { ...common, status: 'failed' as const, error: event.data.error, permanent: event.data.permanent };
  return {
    type: 'RecordCustomerNotification',
    data,
    metadata: {
      commandId: notificationId,
      actor: reporter,
      // The complaint event that caused the message ties the report to its story.
      correlationId: eventId,
      causationId: notificationId,
      ...(traceparent === undefined ? {} : { traceparent }),
    },
  };
}

/** Handles one `notifications.events.*` message: ack when recorded (or already recorded), dead-letter what can never be. */
export async function handleNotification(
  handler: CommandHandler,
  message: ConsumedMessage<Uint8Array>,
): Promise<Outcome> {
  const parsed = safeParseNotificationCloudEvent(message.data);
  if (!parsed.success)
    return reject(`not a notification report: ${parsed.error.message}`, parsed.error.issues);
  const { envelope, event } = parsed.value;
  // The report's own traceparent, else the trace its message came in on (this handler's span).
  const traceparent = typeof envelope.traceparent === 'string' ? envelope.traceparent : currentTraceparent();
  try {
    await handler.handle(recordNotificationCommand(envelope.id, event, traceparent));
    return ack();
  } catch (error) {
    if (error instanceof ComplaintNotFound)
      return reject(`no complaint ${event.data.complaintId}: ${error.message}`);
    if (error instanceof ComplaintRuleViolation)
      return reject(`refused by rule "${error.rule}": ${error.message}`);
    return retry(undefined, error instanceof Error ? error.message : String(error));
  }
}

/**
 * The durable consumer of `notifications.events.>` on stream NOTIFICATIONS that appends
 * `CustomerNotified`. Idempotent by notification id (the decider ignores a known one, and the
 * command id is derived from it).
 */
export function consumeNotifications(deps: {
  nc: NatsConnection;
  handler: CommandHandler;
  logger?: MessagingLogger;
}): Promise<ConsumerRunner> {
  return runConsumer({
    nc: deps.nc,
    stream: streams.notifications,
    durable: NOTIFICATIONS_DURABLE,
    filterSubject: subjects.notifications.allEvents,
    schema: 'raw',
    deadLetterSubject: subjects.deadLetters.of('complaints', NOTIFICATIONS_DURABLE),
    handler: (message) => handleNotification(deps.handler, message),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
