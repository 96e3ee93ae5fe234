import type { EventStore, Position } from '@chp/eventstore';

export interface CheckpointerOptions {
  store: EventStore;
  checkpointId: string;
  /** Store after this many acknowledged events... */
  every: number;
  /** ...or once this long has passed since the last store, whichever comes first. */
  intervalMs: number;
  /** Awaited before each write (tests hold a write here to crash between publish and checkpoint). */
  beforeStore?: (position: Position, published: number) => Promise<void> | void;
  onError: (error: unknown) => void;
}

/**
 * Writes the relay's checkpoint behind the acknowledgements, never ahead of them. Writes run one at
 * a time and coalesce: while one is on the wire, later positions wait and only the newest is written.
 * Publishing never waits for a checkpoint write.
 */
export class Checkpointer {
  #latest: Position | undefined;
  #stored: Position | undefined;
  #sinceStore = 0;
  #published = 0;
  #lastStoreAt = Date.now();
  #writing: Promise<void> | undefined;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly options: CheckpointerOptions) {
    this.#timer = setInterval(() => {
      if (this.#dirty() && Date.now() - this.#lastStoreAt >= options.intervalMs) void this.flush();
    }, options.intervalMs);
    this.#timer.unref();
  }

  /** An event up to `position` (inclusive) is acknowledged by JetStream (or needs no publishing). */
  acknowledged(position: Position): void {
    this.#latest = position;
    this.#sinceStore++;
    this.#published++;
    if (this.#sinceStore >= this.options.every || Date.now() - this.#lastStoreAt >= this.options.intervalMs) {
      void this.flush();
    }
  }

  /** Writes the newest acknowledged position (after any write in progress); resolves when written. */
  flush(): Promise<void> {
    if (this.#writing) return this.#writing.then(() => (this.#dirty() ? this.flush() : undefined));
    if (!this.#dirty()) return Promise.resolve();
    const position = this.#latest as Position;
    this.#sinceStore = 0;
    this.#lastStoreAt = Date.now();
    this.#writing = (async () => {
      try {
        await this.options.beforeStore?.(position, this.#published);
        await this.options.store.checkpoints.store(this.options.checkpointId, position);
        this.#stored = position;
      } catch (error) {
        // The next acknowledgement or tick tries again; a lost write only means republishing more.
        this.options.onError(error);
      } finally {
        this.#writing = undefined;
      }
    })();
    return this.#writing;
  }

  /** Stops the timer and writes what is pending. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  #dirty(): boolean {
    return this.#latest !== undefined && this.#latest !== this.#stored;
  }
}
