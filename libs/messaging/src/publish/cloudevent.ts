import type { CloudEvent } from '@chp/contracts';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/transport-node';
import type { Context } from '@opentelemetry/api';
import { injectTraceContext } from '../tracing/propagation.js';

export const cloudEventContentType = 'application/cloudevents+json; charset=utf-8';

export interface PublishCloudEventOptions {
  /** Trace context to propagate; default the active one. */
  context?: Context;
  /** PubAck timeout. Default: the JetStream client's timeout. */
  timeoutMs?: number;
}

const encoder = new TextEncoder();

/**
 * Publishes a CloudEvent (structured JSON) to JetStream with `msgID` = the event id, so JetStream
 * drops a repeat within the stream's duplicate window (the PubAck then says `duplicate: true`).
 * Trace context goes into the headers; without an active span, the event's own `traceparent`.
 */
export async function publishCloudEvent(
  js: JetStreamClient,
  subject: string,
  event: CloudEvent,
  options: PublishCloudEventOptions = {},
): Promise<PubAck> {
  const headers = injectTraceContext(createHeaders(), options.context);
  if (!headers.has('traceparent') && event.traceparent) headers.set('traceparent', event.traceparent);
  headers.set('content-type', cloudEventContentType);
  return js.publish(subject, encoder.encode(JSON.stringify(event)), {
    msgID: event.id,
    headers,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
}
