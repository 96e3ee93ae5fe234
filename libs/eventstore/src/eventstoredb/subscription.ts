import {
  AccessDeniedError,
  type AllStreamSubscription,
  type EventStoreDBClient,
  InvalidArgumentError,
  START,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeToAllOptions, Subscription } from '../port.js';
import { isSystemEvent, matchesFilter, toEsdbFilter, toRecordedEvent } from './mapping.js';
import { comparePositions, decodePosition, parsePosition } from './positions.js';

export interface ResubscribeOptions {
  /** First delay after a drop; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Told about every drop before the next attempt (for logs and metrics). */
  onDrop?: (error: unknown, attempt: number) => void;
}

/**
 * A catch-up subscription to `$all` that survives drops: when the client's subscription errors or
 * ends, it subscribes again from the last position it handed out, with exponential backoff.
 *
 * ESDB treats a subscription's `fromPosition` as exclusive, but some server versions replayed the
 * event at exactly that position; every event at or before the last handed-out position is skipped
 * here, so the port's `after` is exclusive whatever the server does.
 */
export function subscribeToAllWithResubscribe(
  client: EventStoreDBClient,
  options: SubscribeToAllOptions,
  retry: ResubscribeOptions = {},
): Subscription {
  const initialDelayMs = retry.initialDelayMs ?? 100;
  const maxDelayMs = retry.maxDelayMs ?? 5_000;
  let last = options.after === undefined ? undefined : parsePosition(options.after);
  let current: AllStreamSubscription | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;

  async function unsubscribe(subscription: AllStreamSubscription | undefined): Promise<void> {
    if (!subscription) return;
    await subscription.unsubscribe();
    // Cancelling the gRPC call does not end the client's Readable; destroying it does, and that
    // also settles a pending read, so a consumer blocked on a quiet subscription ends at once.
    subscription.destroy();
  }

  /** Backoff that stop() can cut short. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function* run(): AsyncGenerator<RecordedEvent> {
    let attempt = 0;
    try {
      while (!stopped) {
        const subscription = client.subscribeToAll({
          fromPosition: last === undefined ? START : decodePosition(last),
          filter: toEsdbFilter(options.filter),
        });
        current = subscription;
        // The client emits 'error' itself; after we let go of a subscription, a late error with no
        // listener would crash the process. The iterator below still sees errors while it runs.
        subscription.on('error', ignoreLateError);
        const iterator = subscription[Symbol.asyncIterator]();
        try {
          while (!stopped) {
            const next = await iterator.next();
            if (next.done) break;
            attempt = 0;
            const event = toRecordedEvent(next.value);
            if (!event || isSystemEvent(event.streamName, event.type)) continue;
            if (!matchesFilter(event, options.filter)) continue;
            if (last !== undefined && comparePositions(event.position, last) <= 0) continue;
            last = event.position;
            yield event;
          }
          if (stopped) return;
          retry.onDrop?.(new Error('EventStoreDB ended the subscription'), attempt + 1);
        } catch (error) {
          if (stopped) return;
          if (error instanceof AccessDeniedError || error instanceof InvalidArgumentError) throw error;
          retry.onDrop?.(error, attempt + 1);
        } finally {
          current = undefined;
          await unsubscribe(subscription);
        }
        const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
        attempt++;
        await pause(delay);
      }
    } finally {
      stopped = true;
    }
  }

  const events = run();
  return {
    [Symbol.asyncIterator]: () => events,
    async stop() {
      if (stopped) return;
      stopped = true;
      wake?.();
      await unsubscribe(current);
    },
  };
}

/** Errors after stop() or after a drop was already handled have no one left to tell. */
function ignoreLateError(_error: unknown): void {
  return;
}
