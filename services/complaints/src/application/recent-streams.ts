import type { ComplaintState } from '../complaint/index.js';

/** A complaint as this replica last read or wrote it. */
export interface RecentFold {
  state: ComplaintState;
  revision: bigint;
  /** Command ids already applied (the events' causation ids). */
  applied: Set<string>;
}

/**
 * The folds of the complaints this replica handled last, least recently used out first. A fold
 * may be stale (another replica, or anything else, appended since): the handler only trusts one for
 * a decision that its append, guarded by the fold's revision, then confirms.
 */
export class RecentStreams {
  readonly #folds = new Map<string, RecentFold>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`the recent streams' capacity must be a non-negative integer, got ${capacity}`);
    }
  }

  get(streamName: string): RecentFold | undefined {
    const fold = this.#folds.get(streamName);
    if (fold === undefined) return undefined;
    this.#folds.delete(streamName);
    this.#folds.set(streamName, fold);
    return fold;
  }

  set(streamName: string, fold: RecentFold): void {
    if (this.capacity === 0) return;
    this.#folds.delete(streamName);
    this.#folds.set(streamName, fold);
    if (this.#folds.size > this.capacity) {
      const oldest = this.#folds.keys().next().value as string;
      this.#folds.delete(oldest);
    }
  }
}
