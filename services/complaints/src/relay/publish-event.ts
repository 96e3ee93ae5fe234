import {
  ContractError,
  complaintIdOfStream,
  type DeadLetter,
  parseCloudEventType,
  personalDataKey,
  subjects,
  toCloudEvent,
} from '@chp/contracts';
import type { RecordedEvent } from '@chp/eventstore';
import { publishCloudEvent } from '@chp/messaging';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/transport-node';
import { defaultTextMapGetter, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** What became of one stored event. */
export type Outcome =
  | { kind: 'published'; duplicate: boolean }
  /** A stream under the prefix that is not a complaint's (reservations are `reference-<REF>`, outside it). */
  | { kind: 'skipped' }
  /** Undecodable: its dead letter is stored instead (see README). */
  | { kind: 'dead_lettered'; reason: string };

export interface PublishEventOptions {
  source: string;
  deadLetterSubject: string;
  /** Who gave up, in the dead letter. */
  relayId: string;
  timeoutMs?: number;
}

const encoder = new TextEncoder();

/**
 * Publishes one stored event as its CloudEvent on `complaints.events.<Type>` (msgID = event id, the
 * event's traceparent as the trace context). The publish goes on the wire before this returns, so
 * calls made in order are stored in that order; the promise settles with the PubAck.
 */
export function publishEvent(
  js: JetStreamClient,
  event: RecordedEvent,
  options: PublishEventOptions,
): Promise<Outcome> {
  if (complaintIdOfStream(event.streamName) === undefined) return Promise.resolve({ kind: 'skipped' });
  let cloudEvent: ReturnType<typeof toCloudEvent>;
  try {
    cloudEvent = toCloudEvent(event, { source: options.source });
  } catch (error) {
    return deadLetter(js, event, error, options);
  }
  // The decoded data holds the stand-ins; the sealed originals travel beside them (SECURITY.md).
  const sealed = sealedPatchOf(event.data);
  if (sealed !== undefined) {
    const data: Record<string, unknown> = { ...cloudEvent.data, [personalDataKey]: sealed };
    cloudEvent = { ...cloudEvent, data: data as typeof cloudEvent.data };
  }
  // toCloudEvent built the type, so it parses; the subject names the (upcast) event type.
  const eventType = parseCloudEventType(cloudEvent.type)?.eventType ?? event.type;
  const context = cloudEvent.traceparent
    ? propagation.extract(ROOT_CONTEXT, { traceparent: cloudEvent.traceparent }, defaultTextMapGetter)
    : ROOT_CONTEXT;
  return publishCloudEvent(js, subjects.complaints.event(eventType), cloudEvent, {
    context,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  }).then((ack) => ({ kind: 'published', duplicate: ack.duplicate }));
}

/** The stored event as it was, with why it cannot be relayed, on the dead-letter subject. */
function deadLetter(
  js: JetStreamClient,
  event: RecordedEvent,
  error: unknown,
  options: PublishEventOptions,
): Promise<Outcome> {
  const reason = `cannot relay ${event.type} ${event.id} of ${event.streamName}@${event.revision}: ${
    error instanceof Error ? error.message : String(error)
  }`.slice(0, 2_000);
  const stored = {
    streamName: event.streamName,
    revision: event.revision.toString(),
    position: String(event.position),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    createdAt: event.createdAt.toISOString(),
  };
  const letter: DeadLetter = {
    payloadBase64: Buffer.from(JSON.stringify(stored)).toString('base64'),
    headers: {},
    originalSubject: subjects.complaints.event(event.type),
    consumer: options.relayId,
    deliveryCount: 1,
    reason,
    ...(error instanceof ContractError && error.issues.length > 0
      ? { issues: error.issues.slice(0, 100) }
      : {}),
    deadAt: new Date().toISOString(),
  };
  const headers = createHeaders();
  headers.set('content-type', 'application/json');
  return js
    .publish(options.deadLetterSubject, encoder.encode(JSON.stringify(letter)), {
      msgID: `dead:relay:${event.id}`,
      headers,
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    })
    .then(() => ({ kind: 'dead_lettered', reason }));
}

/** The sealed patch of a stored event's personal fields, if it has one. */
function sealedPatchOf(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, personalDataKey)) return undefined;
  return (data as Record<string, unknown>)[personalDataKey];
}
