import type { CloudEvent } from '@chp/contracts';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as createHeaders } from '@nats-io/transport-node';
import {
  type Context,
  defaultTextMapGetter,
  context as otelContext,
  propagation,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { injectTraceContext, messagingAttributes, recordFailure, tracer } from '../tracing/index.js';

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
 * The publish is a `<subject> publish` producer span, child of the given (or active) context or,
 * without a span there, of the event's own `traceparent`; the span's context goes into the headers.
 * The message is handed to the connection before the first await, so calls made in order are stored
 * in that order.
 */
export async function publishCloudEvent(
  js: JetStreamClient,
  subject: string,
  event: CloudEvent,
  options: PublishCloudEventOptions = {},
): Promise<PubAck> {
  let parent = options.context ?? otelContext.active();
  if (event.traceparent && !trace.getSpanContext(parent)) {
    parent = propagation.extract(parent, { traceparent: event.traceparent }, defaultTextMapGetter);
  }
  const span = tracer.startSpan(
    `${subject} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { ...messagingAttributes(subject, 'publish'), 'messaging.message.id': event.id },
    },
    parent,
  );
  const headers = injectTraceContext(createHeaders(), trace.setSpan(parent, span));
  if (!headers.has('traceparent') && event.traceparent) headers.set('traceparent', event.traceparent);
  headers.set('content-type', cloudEventContentType);
  try {
    const ack = await js.publish(subject, encoder.encode(JSON.stringify(event)), {
      msgID: event.id,
      headers,
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    if (ack.duplicate) span.setAttribute('chp.publish.duplicate', true);
    return ack;
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
