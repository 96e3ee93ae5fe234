import type { JsMsg } from '@nats-io/jetstream';

/**
 * nats.js writes to the socket once per microtask turn, so acks from handlers that finish in
 * separate turns would each cost a write (a syscall). Collected until the next macrotask, they
 * share one. That is most of the runner's throughput against bare nats.js.
 */
export class AckBatcher {
  private pending: JsMsg[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  /** @param onError called when acks cannot be sent (only on a closed connection). */
  constructor(private readonly onError: (error: unknown, count: number) => void) {}

  readonly ack = (msg: JsMsg): void => {
    this.pending.push(msg);
    this.scheduled ??= setImmediate(this.flush);
  };

  /** Sends what is pending now (also called on stop, before the connection flush). */
  readonly flush = (): void => {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const acks = this.pending;
    this.pending = [];
    try {
      for (const msg of acks) msg.ack();
    } catch (error) {
      // The server redelivers these after ack_wait; handlers are idempotent.
      this.onError(error, acks.length);
    }
  };
}
