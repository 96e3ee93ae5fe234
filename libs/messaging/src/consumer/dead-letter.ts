import type { DeadLetter, DeadLetterIssue } from '@chp/contracts';
import type { JetStreamClient, JsMsg, PubAck } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/transport-node';
import type { Context } from '@opentelemetry/api';
import { headersToRecord, injectTraceContext } from '../tracing/index.js';

export interface DeadLetterInput {
  msg: JsMsg;
  consumer: string;
  reason: string;
  issues: DeadLetterIssue[] | undefined;
  deadAt: Date;
}

const encoder = new TextEncoder();

/** The dead-letter message (`deadLetterSchema` in `@chp/contracts`) for a message we give up on. */
export function buildDeadLetter({ msg, consumer, reason, issues, deadAt }: DeadLetterInput): DeadLetter {
  const info = msg.info;
  return {
    payloadBase64: Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength).toString('base64'),
    headers: headersToRecord(msg.headers),
    originalSubject: msg.subject,
    stream: info.stream,
    streamSequence: info.streamSequence,
    consumer,
    deliveryCount: info.deliveryCount,
    reason: reason.slice(0, 2_000) || 'rejected',
    ...(issues && issues.length > 0 ? { issues: issues.slice(0, 100) } : {}),
    deadAt: deadAt.toISOString(),
  };
}

/**
 * Publishes the dead letter to JetStream and resolves with the PubAck only once it is stored, so
 * the caller may then `term()` the original. The `msgID` makes a repeat (after a crash between the
 * two steps) a harmless duplicate.
 */
export function publishDeadLetter(
  js: JetStreamClient,
  subject: string,
  letter: DeadLetter,
  ctx: Context,
): Promise<PubAck> {
  const headers = injectTraceContext(createHeaders(), ctx);
  headers.set('content-type', 'application/json');
  return js.publish(subject, encoder.encode(JSON.stringify(letter)), {
    msgID: `dead:${letter.stream}:${letter.consumer}:${letter.streamSequence}`,
    headers,
  });
}
