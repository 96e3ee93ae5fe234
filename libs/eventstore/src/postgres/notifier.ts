import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorHook, SqlExecutor } from './driver.js';

/** Bursts of appends share one NOTIFY per this interval; a lone append notifies at once. */
const minIntervalMs = 50;

/**
 * Tells other processes that events were committed, with `pg_notify` sent after the commit and
 * outside the appending transaction: a NOTIFY inside it would take PostgreSQL's notification-queue
 * lock at commit and serialise every concurrent append. Pokes coalesce, at most one NOTIFY per
 * `minIntervalMs` (a NOTIFY per append would cost a round trip per append), and every poke is
 * followed by a NOTIFY that starts after it, so no commit goes unannounced.
 */
export class Notifier {
  #running: Promise<void> | undefined;
  #pending = false;
  #lastSent = 0;

  constructor(
    private readonly db: SqlExecutor,
    private readonly channel: string,
    private readonly onError: ErrorHook,
  ) {}

  poke(): void {
    this.#pending = true;
    this.#running ??= this.#run();
  }

  async #run(): Promise<void> {
    while (this.#pending) {
      const wait = this.#lastSent + minIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.#pending = false;
      this.#lastSent = Date.now();
      try {
        await this.db.query('SELECT pg_notify($1, $2)', [this.channel, ''], 'es_notify');
      } catch (error) {
        // Subscribers elsewhere fall back to polling; the events themselves are safe.
        this.onError(error, `NOTIFY ${this.channel} failed`);
      }
    }
    this.#running = undefined;
  }

  /** Resolves once no NOTIFY is pending or in flight (before closing the pool). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }
}
