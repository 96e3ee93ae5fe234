import type { DeadLetterIssue } from '@chp/contracts';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import { type Context, context as otelContext, SpanKind, trace } from '@opentelemetry/api';
import type { z } from 'zod';
import { errorFields, errorMessage, type MessagingLogger } from '../logger.js';
import { toWireIssues } from '../request-reply/index.js';
import { extractTraceContextFrom, recordFailure, tracer } from '../tracing/index.js';
import { buildDeadLetter, publishDeadLetter } from './dead-letter.js';
import type { ConsumerMetrics, OutcomeLabel } from './metrics.js';
import { isOutcome, type Outcome, type RetryBackoff, retryDelayMs } from './outcome.js';

/** What the handler gets: the parsed payload (or the raw bytes) and the delivery facts. */
export interface ConsumedMessage<T> {
  readonly data: T;
  readonly subject: string;
  readonly headers: MsgHdrs | undefined;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  readonly streamSequence: number;
  /** The handling span's context: parent outgoing messages and child spans on it. */
  readonly context: Context;
  /** The underlying JetStream message, e.g. for `working()` in a long handler. */
  readonly msg: JsMsg;
}

// Headers and delivery info are decoded on first access only: most handlers never look.
class Delivery<T> implements ConsumedMessage<T> {
  constructor(
    readonly data: T,
    readonly msg: JsMsg,
    readonly context: Context,
  ) {}
  get subject(): string {
    return this.msg.subject;
  }
  get headers(): MsgHdrs | undefined {
    return this.msg.headers;
  }
  get deliveryCount(): number {
    return this.msg.info.deliveryCount;
  }
  get streamSequence(): number {
    return this.msg.info.streamSequence;
  }
}

export type PayloadSchema = z.ZodType | 'raw';
export type Payload<S extends PayloadSchema> = S extends z.ZodType ? z.output<S> : Uint8Array;
export type MessageHandler<S extends PayloadSchema> = (
  message: ConsumedMessage<Payload<S>>,
) => Outcome | Promise<Outcome>;

export interface ProcessSettings<S extends PayloadSchema> {
  js: JetStreamClient;
  consumer: string;
  schema: S;
  handler: MessageHandler<S>;
  deadLetterSubject: string;
  /** The consumer's max_deliver (-1: unlimited). At this delivery a retry becomes a dead letter. */
  maxDeliver: number;
  backoff: RetryBackoff;
  metrics: ConsumerMetrics;
  logger: MessagingLogger;
  now: () => Date;
  /** Acks the message, possibly batched with others into one socket write. */
  ack: (msg: JsMsg) => void;
}

type Decoded = { ok: true; data: unknown } | { ok: false; reason: string; issues: DeadLetterIssue[] };

const decoder = new TextDecoder();

/**
 * Handles one message to its end: decode, run the handler in a span parented on the message's
 * trace context, then ack, nak with delay, or dead-letter and term. Never rejects.
 */
export function messageProcessor<S extends PayloadSchema>(
  settings: ProcessSettings<S>,
): (msg: JsMsg) => Promise<void> {
  const { consumer, schema, handler, metrics, logger } = settings;

  const decode = (msg: JsMsg): Decoded => {
    if (schema === 'raw') return { ok: true, data: msg.data };
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(msg.data));
    } catch (error) {
      return { ok: false, reason: `payload is not JSON: ${errorMessage(error)}`, issues: [] };
    }
    const parsed = schema.safeParse(json);
    return parsed.success
      ? { ok: true, data: parsed.data }
      : { ok: false, reason: 'payload does not match its schema', issues: toWireIssues(parsed.error.issues) };
  };

  const deadLetter = async (
    msg: JsMsg,
    reason: string,
    issues: DeadLetterIssue[] | undefined,
    ctx: Context,
  ) => {
    const letter = buildDeadLetter({ msg, consumer, reason, issues, deadAt: settings.now() });
    try {
      await publishDeadLetter(settings.js, settings.deadLetterSubject, letter, ctx);
    } catch (error) {
      // Not stored, so not terminated either: try again later rather than lose the message.
      logger.error(
        {
          consumer,
          seq: msg.info.streamSequence,
          deadLetterSubject: settings.deadLetterSubject,
          ...errorFields(error),
        },
        'could not publish the dead letter; the message will be redelivered',
      );
      msg.nak(retryDelayMs(msg.info.deliveryCount, settings.backoff));
      return false;
    }
    // term() without a reason: nats-server 2.9 only understands a bare +TERM. The reason is in the letter.
    msg.term();
    logger.warn(
      { consumer, seq: msg.info.streamSequence, reason, subject: msg.subject },
      'message dead-lettered',
    );
    return true;
  };

  const settle = async (msg: JsMsg, outcome: Outcome, ctx: Context): Promise<OutcomeLabel> => {
    switch (outcome.type) {
      case 'ack':
        settings.ack(msg);
        return 'ack';
      case 'retry': {
        const deliveries = msg.info.deliveryCount;
        if (settings.maxDeliver > 0 && deliveries >= settings.maxDeliver) {
          const why = `gave up after ${deliveries} deliveries${outcome.reason ? `: ${outcome.reason}` : ''}`;
          return (await deadLetter(msg, why, undefined, ctx)) ? 'exhausted' : 'dead_letter_failed';
        }
        msg.nak(outcome.afterMs ?? retryDelayMs(deliveries, settings.backoff));
        return 'retry';
      }
      case 'reject':
        return (await deadLetter(msg, outcome.reason, outcome.issues, ctx)) ? 'reject' : 'dead_letter_failed';
    }
  };

  return async (msg) => {
    const started = performance.now();
    const parent = extractTraceContextFrom(msg);
    const span = tracer.startSpan(
      `${msg.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': consumer,
        },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    let label: OutcomeLabel;
    try {
      const decoded = decode(msg);
      if (!decoded.ok) {
        const stored = await deadLetter(msg, decoded.reason, decoded.issues, ctx);
        label = stored ? 'invalid' : 'dead_letter_failed';
      } else {
        let outcome: Outcome;
        let threw = false;
        try {
          const message = new Delivery(decoded.data as Payload<S>, msg, ctx);
          outcome = await otelContext.with(ctx, handler, undefined, message);
          // A missing `return` (or a JavaScript caller's stray value) is a handler bug: retry, never drop.
          if (!isOutcome(outcome)) throw new Error(`handler returned no outcome (${String(outcome)})`);
        } catch (error) {
          threw = true;
          recordFailure(span, error);
          logger.warn(
            { consumer, seq: msg.info.streamSequence, ...errorFields(error) },
            'handler failed; retrying',
          );
          outcome = { type: 'retry', afterMs: undefined, reason: `handler failed: ${errorMessage(error)}` };
        }
        label = await settle(msg, outcome, ctx);
        if (threw && label === 'retry') label = 'error';
      }
    } catch (error) {
      // ack/nak/term only throw on a closed connection; the server redelivers after ack_wait.
      recordFailure(span, error);
      logger.error({ consumer, ...errorFields(error) }, 'could not settle a message');
      label = 'unsettled';
    }
    span.setAttribute('chp.consumer.outcome', label);
    span.end();
    metrics.count(label);
    metrics.observeSeconds((performance.now() - started) / 1_000);
  };
}
