import type { Aggregate, ComplaintFold, FoldSource } from './fold.js';

/**
 * The folds of the complaints this replica handled last, least recently used out first. A fold
 * may be stale (another replica, or anything else, appended since): the handler only trusts one for
 * a decision that its append, guarded by the fold's revision, then confirms.
 */
export class RecentStreams {
  readonly #folds = new Map<string, ComplaintFold>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`the recent streams' capacity must be a non-negative integer, got ${capacity}`);
    }
  }

  get(streamName: string): ComplaintFold | undefined {
    const fold = this.#folds.get(streamName);
    if (fold === undefined) return undefined;
    this.#folds.delete(streamName);
    this.#folds.set(streamName, fold);
    return fold;
  }

  set(streamName: string, fold: ComplaintFold): void {
    if (this.capacity === 0) return;
    this.#folds.delete(streamName);
    this.#folds.set(streamName, fold);
    if (this.#folds.size > this.capacity) {
      const oldest = this.#folds.keys().next().value as string;
      this.#folds.delete(oldest);
    }
  }
}

/**
 * A decorator of step 1 that keeps the last `capacity` folds (read, or after an append), so that the
 * next command on one of them (the notification report that follows a filing, say) skips reading
 * its stream. A remembered fold comes back with `read: false`: only an append confirms it.
 */
export function recentFolds(source: FoldSource, capacity: number): FoldSource {
  const recent = new RecentStreams(capacity);
  return {
    async aggregate(streamName, options = {}): Promise<Aggregate> {
      const remembered = options.mustRead ? undefined : recent.get(streamName);
      if (remembered !== undefined) return { ...remembered, read: false };
      const read = await source.aggregate(streamName, options);
      if (read.revision !== undefined) recent.set(streamName, read);
      return read;
    },
    appended(streamName, fold) {
      recent.set(streamName, fold);
      source.appended(streamName, fold);
    },
  };
}
