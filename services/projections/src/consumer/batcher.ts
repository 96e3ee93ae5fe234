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

export interface BatcherOptions {
  /** Events per batch at most. Default 500. */
  maxBatch?: number;
  /**
   * Batches applying at once. Default 1. With more, a further batch starts only when a full one
   * (`maxBatch`) of events is waiting whose complaints no applying batch holds. So live traffic
   * still goes one batch at a time, and a complaint's events still apply in order. In a catch-up,
   * one transaction's round trips overlap the next one's fold and this process's message handling.
   */
  parallel?: number;
  /** Tries of a batch that lost a race with another replica or hit a transient error. Default 5. */
  attempts?: number;
}

/**
 * Gathers the events that handlers submit during one event-loop turn (up to `maxBatch`) and applies
 * them in one transaction. Each submitter learns its event's outcome. A batch that lost a race with
 * another replica, or hit a transient database error, is retried whole.
 */
export class Batcher {
  readonly #apply: ApplyFn;
  readonly #maxBatch: number;
  readonly #parallel: number;
  readonly #attempts: number;
  #queue: Pending[] = [];
  /** The complaints of the applying batches: their later events wait for them. */
  readonly #busy = new Set<string>();
  #applying = 0;
  #scheduled = false;

  constructor(apply: ApplyFn, options: BatcherOptions = {}) {
    this.#apply = apply;
    this.#maxBatch = options.maxBatch ?? 500;
    this.#parallel = Math.max(1, options.parallel ?? 1);
    this.#attempts = options.attempts ?? 5;
  }

  submit(event: ProjectedEvent, sequence: number): Promise<ApplyOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ event, sequence, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#applying >= this.#parallel) return;
    // With a batch applying, only a full batch may start: wait until one can have queued.
    if (this.#applying > 0 && this.#queue.length < this.#maxBatch) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  #start(): void {
    while (this.#applying < this.#parallel) {
      const batch = this.#take();
      if (batch === undefined) return;
      const complaints = new Set(batch.map((p) => p.event.complaintId));
      for (const id of complaints) this.#busy.add(id);
      this.#applying++;
      void this.#flush(batch).finally(() => {
        for (const id of complaints) this.#busy.delete(id);
        this.#applying--;
        if (this.#queue.length > 0) this.#schedule();
      });
    }
  }

  /** The next batch, or undefined: nothing waits, or a batch applies and no full one is ready. */
  #take(): Pending[] | undefined {
    if (this.#queue.length === 0) return undefined;
    if (this.#applying === 0) return this.#queue.splice(0, this.#maxBatch);
    if (this.#queue.length < this.#maxBatch) return undefined;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const pending of this.#queue) {
      if (batch.length < this.#maxBatch && !this.#busy.has(pending.event.complaintId)) batch.push(pending);
      else rest.push(pending);
    }
    if (batch.length < this.#maxBatch) return undefined;
    this.#queue = rest;
    return batch;
  }

  async #flush(batch: Pending[]): Promise<void> {
    const maxSequence = batch.reduce((max, p) => Math.max(max, p.sequence), 0);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.#apply(
          batch.map((p) => p.event),
          maxSequence,
        );
        for (const p of batch) p.resolve(outcomes.get(p.event) ?? 'gap');
        return;
      } catch (error) {
        const retriable = error instanceof ConcurrentWriteError || isTransientSqlError(error);
        if (!retriable || attempt >= this.#attempts) {
          for (const p of batch) p.reject(error);
          return;
        }
      }
    }
  }
}
