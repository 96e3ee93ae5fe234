import { isTransientSqlError } from '@chp/eventstore';
import type { ProjectedEvent } from '../projection/index.js';
import { type ApplyOutcome, ConcurrentWriteError } from '../store/index.js';

interface Pending {
  event: ProjectedEvent;
  sequence: number;
  resolve: (outcome: ApplyOutcome) => void;
  reject: (error: unknown) => void;
}

export type ApplyFn = (
  events: ProjectedEvent[],
  maxSequence: number,
) => Promise<Map<ProjectedEvent, ApplyOutcome>>;

/**
 * Gathers the events that handlers submit during one event-loop turn (up to `maxBatch`) and applies
 * them in one transaction, one batch at a time. Each submitter learns its event's outcome. A batch
 * that lost a race with another replica, or hit a transient database error, is retried whole.
 */
export class Batcher {
  #queue: Pending[] = [];
  #running: Promise<void> | undefined;
  #scheduled = false;

  constructor(
    private readonly apply: ApplyFn,
    private readonly maxBatch = 500,
    private readonly attempts = 5,
  ) {}

  submit(event: ProjectedEvent, sequence: number): Promise<ApplyOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ event, sequence, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#drain().finally(() => {
        this.#running = undefined;
        if (this.#queue.length > 0) this.#schedule();
      });
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.maxBatch);
      await this.#flush(batch);
    }
  }

  async #flush(batch: Pending[]): Promise<void> {
    const maxSequence = batch.reduce((max, p) => Math.max(max, p.sequence), 0);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.apply(
          batch.map((p) => p.event),
          maxSequence,
        );
        for (const p of batch) p.resolve(outcomes.get(p.event) ?? 'gap');
        return;
      } catch (error) {
        const retriable = error instanceof ConcurrentWriteError || isTransientSqlError(error);
        if (!retriable || attempt >= this.attempts) {
          for (const p of batch) p.reject(error);
          return;
        }
      }
    }
  }
}
