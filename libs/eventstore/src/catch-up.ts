import { sleep } from '@chp/platform/sleep';
import type { Position, RecordedEvent, Subscription } from './port.js';

/**
 * A version counter with waiters: writers bump it after a commit, readers wait for it to move.
 * Waiting "since version v" never misses a bump that happened after the reader looked at v.
 */
export class ChangeSignal {
  #version = 0;
  readonly #waiters = new Set<() => void>();

  get version(): number {
    return this.#version;
  }

  notify(): void {
    this.#version++;
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  /** Resolves when the version differs from `since`, after `timeoutMs`, or when `signal` aborts. */
  wait(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.#version !== since || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.#waiters.add(done);
    });
  }
}

export interface CatchUpSource {
  /** Reads the next page of the global log strictly after `after` (already filtered). */
  read(after: Position | undefined, maxCount: number): Promise<RecordedEvent[]>;
  /** Bumped when new events may have become readable. */
  signal: ChangeSignal;
  /** Errors worth retrying (connection loss); anything else ends the iteration with the error. */
  isTransient(error: unknown): boolean;
}

export interface CatchUpOptions {
  after?: Position;
  pageSize: number;
  /** The slow fallback poll: re-read at least this often even when nothing signals. */
  pollIntervalMs: number;
  /**
   * After a signal, wait this much longer before reading, so that a burst of appends is read in one
   * page rather than one read per append. Adds as much latency. Default 0.
   */
  gatherMs?: number;
  onError?: (error: unknown, context: string) => void;
  /** Called once when the subscription ends, however it ends. */
  onEnd?: () => void;
}

const maxBackoffMs = 5_000;

/**
 * A catch-up subscription over any pageable log: reads pages until one comes back short, then
 * waits for the signal (or the fallback poll) and reads again. Transient read errors are retried
 * with backoff from the last position handed out, so a lost connection neither skips nor repeats.
 */
export class CatchUpSubscription implements Subscription {
  #stopped = false;
  #iterating = false;
  #ended = false;
  #inflight: Promise<unknown> | undefined;
  readonly #abort = new AbortController();

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: CatchUpOptions,
  ) {}

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    // Let a read already on the wire finish, so that closing the store afterwards is clean.
    await this.#inflight?.then(
      () => undefined,
      () => undefined,
    );
    this.#end();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.#iterating) throw new Error('A subscription can be iterated only once; subscribe again instead');
    this.#iterating = true;
    return this.#run();
  }

  async *#run(): AsyncGenerator<RecordedEvent> {
    let after = this.options.after;
    let failures = 0;
    try {
      while (!this.#stopped) {
        const seen = this.source.signal.version;
        let page: RecordedEvent[];
        try {
          page = await this.#track(this.source.read(after, this.options.pageSize));
          failures = 0;
        } catch (error) {
          if (this.#stopped) return;
          if (!this.source.isTransient(error)) throw error;
          failures++;
          this.options.onError?.(error, `subscription read failed (attempt ${failures}); retrying`);
          await this.#track(sleep(Math.min(maxBackoffMs, 100 * 2 ** failures), this.#abort.signal));
          continue;
        }
        for (const event of page) {
          if (this.#stopped) return;
          after = event.position;
          yield event;
        }
        if (page.length < this.options.pageSize) {
          await this.#track(this.source.signal.wait(seen, this.options.pollIntervalMs, this.#abort.signal));
          const gatherMs = this.options.gatherMs ?? 0;
          if (gatherMs > 0 && this.source.signal.version !== seen) {
            await this.#track(sleep(gatherMs, this.#abort.signal));
          }
        }
      }
    } finally {
      this.#stopped = true;
      this.#end();
    }
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inflight = promise;
    return promise;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.options.onEnd?.();
  }
}
