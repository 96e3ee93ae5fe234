import type { ErrorHook, SqlExecutor } from './driver.js';

/**
 * Tells other processes that events were committed, with `pg_notify` sent after the commit and
 * outside the appending transaction. A NOTIFY inside the transaction would take PostgreSQL's
 * notification-queue lock at commit and serialise every concurrent append. Pokes coalesce: at
 * most one NOTIFY is in flight, and one more follows if appends finished meanwhile, so every
 * append is followed by a notification sent after it.
 */
export class Notifier {
  #inFlight: Promise<void> | undefined;
  #pending = false;

  constructor(
    private readonly db: SqlExecutor,
    private readonly channel: string,
    private readonly onError: ErrorHook,
  ) {}

  poke(): void {
    if (this.#inFlight) {
      this.#pending = true;
      return;
    }
    this.#inFlight = this.#send();
  }

  async #send(): Promise<void> {
    do {
      this.#pending = false;
      try {
        await this.db.query('SELECT pg_notify($1, $2)', [this.channel, ''], 'es_notify');
      } catch (error) {
        // Subscribers elsewhere fall back to polling; the events themselves are safe.
        this.onError(error, `NOTIFY ${this.channel} failed`);
      }
    } while (this.#pending);
    this.#inFlight = undefined;
  }

  /** Resolves once no NOTIFY is in flight (before closing the pool). */
  async idle(): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
  }
}
