import { parseBoundedJson } from '@chp/contracts';
import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import { type Context, context as otelContext, SpanKind, trace } from '@opentelemetry/api';
import type { z } from 'zod';
import { errorFields, type MessagingLogger, silentLogger } from '../logger.js';
import { extractTraceContext, messagingAttributes, recordFailure, tracer } from '../tracing/index.js';
import { boundedIssues, type ReplyEnvelope, type ReplyError, toWireIssues } from './envelope.js';

export interface RequestContext {
  subject: string;
  headers: MsgHdrs | undefined;
  /** The trace context of the request's span, for child spans and outgoing messages. */
  context: Context;
}

export interface ServeOptions<TRequest extends z.ZodType, TResult> {
  /** Queue group, so that replicas share the requests. */
  queue?: string;
  requestSchema: TRequest;
  /** When given, our own result is checked before it is sent (a mismatch is answered as `internal`). */
  replySchema?: z.ZodType<TResult>;
  handler: (request: z.output<TRequest>, ctx: RequestContext) => TResult | Promise<TResult>;
  logger?: MessagingLogger;
}

export interface Service {
  readonly subject: string;
  /** Stops taking requests, answers those in flight, then resolves. */
  stop(): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Answers requests on `subject` with a reply envelope. An invalid request gets `{ok:false}` with
 * kind `validation` and the zod issues; an error thrown with a string `kind` (a domain error) is
 * answered with that kind; anything else is `internal`.
 */
export function serve<TRequest extends z.ZodType, TResult>(
  nc: NatsConnection,
  subject: string,
  options: ServeOptions<TRequest, TResult>,
): Service {
  const logger = options.logger ?? silentLogger;
  const inFlight = new Set<Promise<void>>();
  const subscription: Subscription = nc.subscribe(subject, {
    ...(options.queue ? { queue: options.queue } : {}),
    callback: (error, msg) => {
      if (error) {
        logger.error({ subject, ...errorFields(error) }, 'request subscription failed');
        return;
      }
      const work = answer(msg, subject, options, logger).finally(() => inFlight.delete(work));
      inFlight.add(work);
    },
  });
  return {
    subject,
    async stop() {
      await subscription.drain();
      await Promise.all(inFlight);
    },
  };
}

async function answer<TRequest extends z.ZodType, TResult>(
  msg: Msg,
  subject: string,
  options: ServeOptions<TRequest, TResult>,
  logger: MessagingLogger,
): Promise<void> {
  if (!msg.reply) {
    logger.warn({ subject: msg.subject }, 'message without a reply subject on a request subject; ignored');
    return;
  }
  const parent = extractTraceContext(msg.headers);
  const span = tracer.startSpan(
    `${subject} process`,
    { kind: SpanKind.SERVER, attributes: messagingAttributes(msg.subject, 'process') },
    parent,
  );
  const ctx = trace.setSpan(parent, span);
  let envelope: ReplyEnvelope<unknown>;
  try {
    envelope = await otelContext.with(ctx, () => handle(msg, options, ctx));
    if (!envelope.ok) span.setAttribute('chp.reply.error_kind', envelope.error.kind);
  } catch (error) {
    recordFailure(span, error);
    logger.error({ subject: msg.subject, ...errorFields(error) }, 'request handler failed');
    envelope = { ok: false, error: toReplyError(error) };
  }
  try {
    msg.respond(encoder.encode(JSON.stringify(envelope)));
  } catch (error) {
    recordFailure(span, error);
    logger.error({ subject: msg.subject, ...errorFields(error) }, 'could not send the reply');
  } finally {
    span.end();
  }
}

async function handle<TRequest extends z.ZodType, TResult>(
  msg: Msg,
  options: ServeOptions<TRequest, TResult>,
  ctx: Context,
): Promise<ReplyEnvelope<unknown>> {
  let json: unknown;
  try {
    json = parseBoundedJson(msg.data);
  } catch (error) {
    return validationFailure(`request is not JSON: ${(error as Error).message}`, []);
  }
  const parsed = options.requestSchema.safeParse(json);
  if (!parsed.success) {
    return validationFailure('request does not match its schema', toWireIssues(parsed.error.issues));
  }
  const result = await options.handler(parsed.data, {
    subject: msg.subject,
    headers: msg.headers,
    context: ctx,
  });
  if (options.replySchema) {
    const checked = options.replySchema.safeParse(result);
    if (!checked.success) {
      throw new Error(`the handler's result does not match the reply schema: ${checked.error.message}`);
    }
    return { ok: true, result: checked.data };
  }
  return { ok: true, result };
}

function validationFailure(detail: string, issues: ReplyError['issues']): ReplyEnvelope<unknown> {
  return {
    ok: false,
    error: { kind: 'validation', title: 'Invalid request', detail, ...(issues?.length ? { issues } : {}) },
  };
}

/**
 * Errors that carry a string `kind` (domain errors) keep it, with their `title`, `rule` and `issues` if any;
 * anything else is `internal`.
 */
function toReplyError(error: unknown): ReplyError {
  if (!(error instanceof Error)) {
    return { kind: 'internal', title: 'Internal error', detail: String(error).slice(0, 2_000) };
  }
  const { kind, title, rule, issues } = error as Error & {
    kind?: unknown;
    title?: unknown;
    rule?: unknown;
    issues?: unknown;
  };
  if (typeof kind !== 'string' || kind.length === 0) {
    return { kind: 'internal', title: 'Internal error', detail: error.message.slice(0, 2_000) };
  }
  return {
    kind: kind.slice(0, 100),
    title: (typeof title === 'string' && title ? title : error.name || 'Error').slice(0, 200),
    detail: error.message.slice(0, 2_000),
    ...(typeof rule === 'string' && rule ? { rule: rule.slice(0, 500) } : {}),
    ...(Array.isArray(issues) && issues.length > 0 ? { issues: wireIssuesOf(issues) } : {}),
  };
}

/** A domain error's own issues (`{path, message, code?}`, paths from the request root), bounded. */
function wireIssuesOf(issues: unknown[]): ReplyError['issues'] {
  const wellFormed = issues.flatMap((issue) => {
    const { path, message, code } = (issue ?? {}) as { path?: unknown; message?: unknown; code?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    return [{ path, message, ...(typeof code === 'string' ? { code } : {}) }];
  });
  return boundedIssues(wellFormed);
}
