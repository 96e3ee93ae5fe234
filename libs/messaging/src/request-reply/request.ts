import { parseBoundedJson } from '@chp/contracts';
import { headers as createHeaders, errors, type NatsConnection } from '@nats-io/transport-node';
import { type Context, context as otelContext, SpanKind, trace } from '@opentelemetry/api';
import type { z } from 'zod';
import { injectTraceContext, messagingAttributes, recordFailure, tracer } from '../tracing/index.js';
import { type ReplyError, replyEnvelopeSchema, toWireIssues } from './envelope.js';
import {
  InvalidReplyError,
  InvalidRequestError,
  NoRespondersError,
  RequestFailedError,
  RequestTimeoutError,
} from './errors.js';

export interface RequestOptions<TRequest extends z.ZodType, TReply extends z.ZodType> {
  requestSchema: TRequest;
  replySchema: TReply;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Trace context to propagate; default the active one. */
  context?: Context;
}

const encoder = new TextEncoder();

/**
 * Sends a request over core NATS and returns the parsed result. Both sides are checked by zod:
 * the payload before sending ({@link InvalidRequestError}), the reply envelope and result after
 * ({@link InvalidReplyError}). `{ok:false}` replies throw {@link RequestFailedError}.
 */
export async function request<TRequest extends z.ZodType, TReply extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  payload: z.input<TRequest>,
  options: RequestOptions<TRequest, TReply>,
): Promise<z.output<TReply>> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const parsedRequest = options.requestSchema.safeParse(payload);
  if (!parsedRequest.success)
    throw new InvalidRequestError(subject, toWireIssues(parsedRequest.error.issues));

  const parent = options.context ?? otelContext.active();
  const span = tracer.startSpan(
    `${subject} request`,
    { kind: SpanKind.CLIENT, attributes: messagingAttributes(subject, 'request') },
    parent,
  );
  try {
    const headers = injectTraceContext(createHeaders(), trace.setSpan(parent, span));
    let data: Uint8Array;
    try {
      const reply = await nc.request(subject, encoder.encode(JSON.stringify(parsedRequest.data)), {
        timeout: timeoutMs,
        headers,
      });
      data = reply.data;
    } catch (error) {
      throw translate(error, subject, timeoutMs);
    }
    const envelope = parseEnvelope(subject, data, options.replySchema);
    if (!envelope.ok) throw new RequestFailedError(subject, envelope.error);
    return envelope.result;
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function parseEnvelope<TReply extends z.ZodType>(subject: string, data: Uint8Array, replySchema: TReply) {
  let json: unknown;
  try {
    json = parseBoundedJson(data);
  } catch (error) {
    throw new InvalidReplyError(subject, [
      { path: '', message: `not JSON: ${(error as Error).message}`, code: 'invalid_json' },
    ]);
  }
  const parsed = replyEnvelopeSchema(replySchema).safeParse(json);
  if (!parsed.success) throw new InvalidReplyError(subject, toWireIssues(parsed.error.issues));
  return parsed.data as { ok: true; result: z.output<TReply> } | { ok: false; error: ReplyError };
}

function translate(error: unknown, subject: string, timeoutMs: number): Error {
  const causes = [error, error instanceof Error ? error.cause : undefined];
  if (causes.some((cause) => cause instanceof errors.NoRespondersError))
    return new NoRespondersError(subject, { cause: error });
  if (error instanceof errors.RequestError && error.isNoResponders())
    return new NoRespondersError(subject, { cause: error });
  if (causes.some((cause) => cause instanceof errors.TimeoutError))
    return new RequestTimeoutError(subject, timeoutMs, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
