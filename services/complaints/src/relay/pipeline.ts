import type { Position, RecordedEvent } from '@chp/eventstore';
import type { Outcome } from './publish-event.js';

export interface PipelineHandlers {
  /** Called in event order, once the event and every one before it are settled. */
  onSettled(event: RecordedEvent, outcome: Outcome): void;
  /** Called once, at the first failure in order (the producer may be waiting for events). */
  onFailed(error: unknown): void;
}

/**
 * Several publishes in flight, settled strictly in order: an event counts as relayed only when it
 * and all before it are acknowledged. The first failure stops the count there; later
 * acknowledgements are ignored, and the caller restarts from the last position that counted.
 */
export class OrderedPipeline {
  readonly #window: Promise<void>[] = [];
  #tail: Promise<void> = Promise.resolve();
  #failure: unknown;
  #failed = false;
  #lastSettled: Position | undefined;

  constructor(
    private readonly maxInFlight: number,
    private readonly handlers: PipelineHandlers,
  ) {}

  get failed(): boolean {
    return this.#failed;
  }

  get failure(): unknown {
    return this.#failure;
  }

  /** The position of the last event settled in order, if any. */
  get lastSettled(): Position | undefined {
    return this.#lastSettled;
  }

  /** Adds a publish already on the wire; waits while the window is full. */
  async push(event: RecordedEvent, publishing: Promise<Outcome>): Promise<void> {
    // Settle into a value now, so that a rejection is never unhandled while earlier ones are awaited.
    const settled = publishing.then(
      (outcome) => ({ ok: true as const, outcome }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    this.#tail = this.#tail.then(async () => {
      const result = await settled;
      if (this.#failed) return;
      if (!result.ok) {
        this.#failed = true;
        this.#failure = result.error;
        this.handlers.onFailed(result.error);
        return;
      }
      this.#lastSettled = event.position;
      this.handlers.onSettled(event, result.outcome);
    });
    this.#window.push(this.#tail);
    while (this.#window.length >= this.maxInFlight) await this.#window.shift();
  }

  /** Waits until everything pushed is settled (or ignored after a failure). */
  async drain(): Promise<void> {
    await this.#tail;
    this.#window.length = 0;
  }
}
