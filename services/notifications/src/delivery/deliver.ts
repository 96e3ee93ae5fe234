import { type NotificationEvent, notificationSubjects, toNotificationCloudEvent } from '@chp/contracts';
import { type ConsumedMessage, publishCloudEvent } from '@chp/messaging';
import { SpanKind, withSpan } from '@chp/platform';
import type { JetStreamClient } from '@nats-io/jetstream';
import { messageIdOf, notificationIdOf } from '../ids/index.js';
import type { Planned } from '../planning/index.js';
import { classifySendError, type Mailer } from '../sending/index.js';
import type { Entry, Intent, SentLog } from '../sent-log/index.js';
import { render } from '../templates/index.js';
import { countEmail } from './metrics.js';
import type { SendSlots } from './slots.js';

export interface DeliverySettings {
  from: string;
  replyTo?: string;
  /** The domain of generated Message-IDs. */
  messageIdDomain: string;
  /** How long an intent without a result counts as in flight before it is declared `unknown`. */
  sendLeaseMs: number;
  source: string;
}

export interface DeliveryDeps {
  sentLog: SentLog;
  mailer: Mailer;
  js: JetStreamClient;
  now: () => Date;
  settings: DeliverySettings;
  /**
   * Held from the claim until the send ends (one per pooled SMTP connection), so that a crash leaves
   * at most this many intents `unknown`. Without it, the number of concurrent handlers.
   */
  sendSlots?: SendSlots;
}

/** How one planned message ended for this delivery of the event. */
export type DeliveryResult =
  | { kind: 'done' | 'retry' | 'exhausted' }
  /** Another delivery holds the claim; its lease runs out in `leaseLeftMs`. */
  | { kind: 'in_flight'; leaseLeftMs: number };
const done = { kind: 'done' } as const;
const noSlot = () => undefined;

/**
 * Sends one planned message at most once: claim in the sent log, send, record, report. `last` is
 * true on the event's last delivery, where a temporary failure becomes a final `failed`.
 */
export async function deliver(
  deps: DeliveryDeps,
  eventId: string,
  complaintId: string,
  planned: Planned,
  options: {
    last: boolean;
    context?: ConsumedMessage<unknown>['context'];
    /** The event's sequence on `COMPLAINTS`, kept with the claim (an operator's resend re-reads it). */
    streamSequence?: number;
  },
): Promise<DeliveryResult> {
  const { sentLog, settings } = deps;
  const key = { eventId, template: planned.template, recipient: planned.recipient };
  const intent: Intent = {
    ...key,
    complaintId,
    audience: planned.audience,
    messageId: messageIdOf(key, settings.messageIdDomain),
    notificationId: notificationIdOf(key),
    ...(options.streamSequence !== undefined ? { streamSequence: options.streamSequence } : {}),
  };
  const report = (event: NotificationEvent) =>
    publishCloudEvent(
      deps.js,
      notificationSubjects[event.type],
      toNotificationCloudEvent(event, { id: intent.notificationId, source: settings.source }),
      options.context ? { context: options.context } : {},
    );

  if (planned.kind === 'skip') {
    const recorded = await sentLog.recordSkip(intent, planned.reason, deps.now());
    if (recorded === 'recorded') countEmail('skipped', planned.template);
    return done;
  }

  // The intent is written only when a connection is ours to send on: claiming first and queueing in
  // the SMTP pool would widen the at-most-once window from one SMTP transaction to the whole queue.
  const release = (await deps.sendSlots?.acquire()) ?? noSlot;
  let claim: Awaited<ReturnType<SentLog['claim']>>;
  try {
    claim = await sentLog.claim(intent, deps.now(), settings.sendLeaseMs);
  } catch (error) {
    release();
    throw error;
  }
  if (claim.kind !== 'claimed') release();
  switch (claim.kind) {
    case 'settled':
      countEmail('duplicate', planned.template);
      // The report may have been lost with a crash after the record: publish it again (same id, deduplicated).
      await republish(claim.entry, deps.now(), report);
      return done;
    case 'abandoned':
      countEmail('unknown', planned.template);
      return done;
    case 'in_flight': {
      const claimedAt = Date.parse(claim.entry.claimedAt ?? '') || deps.now().getTime();
      return { kind: 'in_flight', leaseLeftMs: claimedAt + settings.sendLeaseMs - deps.now().getTime() };
    }
    case 'claimed':
      break;
  }

  let rendered: ReturnType<typeof render>;
  try {
    rendered = render(planned.input, { language: planned.language, timeZone: planned.timeZone });
  } catch (error) {
    release();
    throw error;
  }
  try {
    const mail = {
      from: settings.from,
      ...(settings.replyTo && planned.audience === 'customer' ? { replyTo: settings.replyTo } : {}),
      to: planned.recipient,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: intent.messageId,
      language: rendered.language,
      headers: { 'X-Complaint-Reference': planned.input.reference },
    };
    await withSpan(
      `${deps.mailer.kind} send`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'chp.mail.template': planned.template,
          'chp.mail.audience': planned.audience,
          'chp.mail.message_id': intent.messageId,
        },
        ...(options.context ? { parent: options.context } : {}),
      },
      () => deps.mailer.send(mail),
    );
  } catch (error) {
    release();
    const failure = classifySendError(error);
    if (!failure.permanent && !options.last) {
      await sentLog.recordRetrying(key, deps.now(), failure.message);
      countEmail('retried', planned.template);
      return { kind: 'retry' };
    }
    const at = deps.now();
    await sentLog.recordFailed(key, at, failure.message, failure.permanent);
    countEmail('failed', planned.template);
    await report({
      type: 'NotificationFailed',
      data: {
        ...base(intent, at),
        error: failure.message,
        permanent: failure.permanent,
        attempts: claim.attempts,
      },
    });
    return failure.permanent ? done : { kind: 'exhausted' };
  }
  release();
  const at = deps.now();
  await sentLog.recordSent(key, at);
  countEmail('sent', planned.template);
  await report({ type: 'NotificationSent', data: { ...base(intent, at), messageId: intent.messageId } });
  return done;
}

const base = (intent: Omit<Intent, 'streamSequence'>, at: Date) => ({
  eventId: intent.eventId,
  complaintId: intent.complaintId,
  template: intent.template,
  recipient: intent.recipient,
  audience: intent.audience,
  at: at.toISOString(),
});

async function republish(
  entry: Entry,
  now: Date,
  report: (event: NotificationEvent) => Promise<unknown>,
): Promise<void> {
  const at = entry.finishedAt ? new Date(entry.finishedAt) : now;
  if (entry.status === 'sent') {
    await report({ type: 'NotificationSent', data: { ...base(entry, at), messageId: entry.messageId } });
  } else if (entry.status === 'failed') {
    await report({
      type: 'NotificationFailed',
      data: {
        ...base(entry, at),
        error: entry.error ?? 'failed',
        permanent: entry.permanent ?? false,
        attempts: Math.max(1, entry.attempts),
      },
    });
  }
}
