import { type DeadLetterIssue, parseBoundedJson } from '@chp/contracts';
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
  /**
   * Times the handler may throw on one message before it is dead-lettered, whatever `maxDeliver`
   * says: a throw is an error nobody classified as transient (a transient one is `retry()`).
   */
  maxHandlerFailures: number;
  /** Thrown errors that pass by themselves: retried like `retry()`, not counted as failures. */
  isTransient: (error: unknown) => boolean;
  backoff: RetryBackoff;
  metrics: ConsumerMetrics;
  logger: MessagingLogger;
  now: () => Date;
  /** Acks the message, possibly batched with others into one socket write. */
  ack: (msg: JsMsg) => void;
  /** Deletes a settled (acked or dead-lettered) message from the stream (`deleteSettled`). */
  remove?: (seq: number) => Promise<void>;
}

/** Outcomes after which the message is done with: acked, or its dead letter stored. */
const settled: ReadonlySet<OutcomeLabel> = new Set(['ack', 'reject', 'invalid', 'exhausted']);

/** Handler failures by stream sequence, for messages still in play; oldest entries go first. */
class FailureCounts {
  private readonly counts = new Map<number, number>();
  constructor(private readonly capacity = 10_000) {}
  /** One more failure of `seq`; returns how many there have been. */
  add(seq: number): number {
    const count = (this.counts.get(seq) ?? 0) + 1;
    this.counts.delete(seq);
    this.counts.set(seq, count);
    if (this.counts.size > this.capacity) {
      const oldest = this.counts.keys().next();
      if (!oldest.done) this.counts.delete(oldest.value);
    }
    return count;
  }
  forget(seq: number): void {
    this.counts.delete(seq);
  }
}

type Decoded = { ok: true; data: unknown } | { ok: false; reason: string; issues: DeadLetterIssue[] };

/**
 * Handles one message to its end: decode, run the handler in a span parented on the message's
 * trace context, then ack, nak with delay, or dead-letter and term. Never rejects.
 */
export function messageProcessor<S extends PayloadSchema>(
  settings: ProcessSettings<S>,
): (msg: JsMsg) => Promise<void> {
  const { consumer, schema, handler, metrics, logger } = settings;
  // Counted here rather than from the delivery count: deliveries retried for a transient reason
  // (complaints down for an hour) must not use up the failures allowed to a handler bug.
  const failures = new FailureCounts();

  const decode = (msg: JsMsg): Decoded => {
    if (schema === 'raw') return { ok: true, data: msg.data };
    let json: unknown;
    try {
      // Strict UTF-8 and bounded nesting: a schema or handler walking a 6,000-deep value overflows.
      json = parseBoundedJson(msg.data);
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
        const seq = msg.info.streamSequence;
        try {
          const message = new Delivery(decoded.data as Payload<S>, msg, ctx);
          outcome = await otelContext.with(ctx, handler, undefined, message);
          // A missing `return` (or a JavaScript caller's stray value) is a handler bug: retry, never drop.
          if (!isOutcome(outcome)) throw new Error(`handler returned no outcome (${String(outcome)})`);
        } catch (error) {
          threw = true;
          recordFailure(span, error);
          const count = settings.isTransient(error) ? 0 : failures.add(seq);
          if (count >= settings.maxHandlerFailures) {
            outcome = {
              type: 'reject',
              reason: `handler failed ${count} times: ${errorMessage(error)}`.slice(0, 2_000),
              issues: undefined,
            };
          } else {
            logger.warn(
              { consumer, seq, failures: count, ...errorFields(error) },
              'handler failed; retrying',
            );
            outcome = { type: 'retry', afterMs: undefined, reason: `handler failed: ${errorMessage(error)}` };
          }
        }
        label = await settle(msg, outcome, ctx);
        if (label !== 'retry' && label !== 'dead_letter_failed') failures.forget(seq);
        if (threw && label === 'retry') label = 'error';
        if (threw && label === 'reject') label = 'exhausted';
      }
    } catch (error) {
      // ack/nak/term only throw on a closed connection; the server redelivers after ack_wait.
      recordFailure(span, error);
      logger.error({ consumer, ...errorFields(error) }, 'could not settle a message');
      label = 'unsettled';
    }
    if (settings.remove && settled.has(label)) {
      const seq = msg.info.streamSequence;
      await settings
        .remove(seq)
        .catch((error: unknown) =>
          logger.warn(
            { consumer, seq, ...errorFields(error) },
            'settled message not deleted; the age limit removes it',
          ),
        );
    }
    span.setAttribute('chp.consumer.outcome', label);
    span.end();
    metrics.count(label);
    metrics.observeSeconds((performance.now() - started) / 1_000);
  };
}
