import type { DeadLetterIssue } from '@chp/contracts';
import { JetStreamApiError } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';

/** What a handler decides about a message. Build one with {@link ack}, {@link retry} or {@link reject}. */
export type Outcome =
  | { readonly type: 'ack' }
  | { readonly type: 'retry'; readonly afterMs: number | undefined; readonly reason: string | undefined }
  | { readonly type: 'reject'; readonly reason: string; readonly issues: DeadLetterIssue[] | undefined };

const acked: Outcome = Object.freeze({ type: 'ack' });

/** Done: the message is acknowledged. */
export function ack(): Outcome {
  return acked;
}

/**
 * Not now: the message is nak'ed and redelivered after `afterMs`, or, when omitted, after a delay
 * that doubles with each delivery (capped). At the consumer's last delivery it goes to the dead letter.
 */
export function retry(afterMs?: number, reason?: string): Outcome {
  if (afterMs !== undefined && (!Number.isFinite(afterMs) || afterMs < 0)) {
    throw new RangeError(`retry(afterMs): expected a non-negative number of milliseconds, got ${afterMs}`);
  }
  return { type: 'retry', afterMs, reason };
}

/** Never: the message is published to the dead letter with the reason, then terminated. */
export function reject(reason: string, issues?: DeadLetterIssue[]): Outcome {
  if (!reason) throw new Error('reject(reason): a reason is required');
  return { type: 'reject', reason: reason.slice(0, 2_000), issues };
}

/** True for a value built by {@link ack}, {@link retry} or {@link reject}. */
export function isOutcome(value: unknown): value is Outcome {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ack' || type === 'retry' || type === 'reject';
}

export interface RetryBackoff {
  /** Delay after the first delivery. Default 1000 ms. */
  baseMs?: number;
  /** Upper bound. Default 60000 ms. */
  maxMs?: number;
}

/** `baseMs * 2^(deliveryCount-1)`, capped at `maxMs`. */
export function retryDelayMs(
  deliveryCount: number,
  { baseMs = 1_000, maxMs = 60_000 }: RetryBackoff = {},
): number {
  const exponent = Math.max(0, Math.min(deliveryCount - 1, 30));
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

/**
 * Errors of the NATS connection itself (a timeout, no responders, a closed or draining connection, a
 * request to an absent responder, JetStream answering 503 while it has no leader): they pass, so a
 * handler that throws one is retried without limit.
 */
export function isTransientNatsError(error: unknown): boolean {
  return (
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoRespondersError ||
    error instanceof errors.ClosedConnectionError ||
    error instanceof errors.DrainingConnectionError ||
    error instanceof errors.ConnectionError ||
    error instanceof errors.RequestError ||
    (error instanceof JetStreamApiError && error.status === 503)
  );
}
