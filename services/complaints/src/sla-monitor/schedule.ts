// The monitor's index of due times: in memory, folded from the store's own events, so it works on
// every adapter (PostgreSQL, PGlite, EventStoreDB) and needs no table or bucket of its own.
import { complaintIdOfStream } from '@chp/contracts';
import type { RecordedEvent } from '@chp/eventstore';
import { decodeRecorded } from '../application/index.js';
import { type ComplaintState, evolve, initialState, isOpen } from '../complaint/index.js';
import type { PolicySet } from '../sla/index.js';
import { wakeHint } from './due.js';

interface Entry {
  state: ComplaintState;
  /** The revision `state` is folded up to; -1 before any event. */
  revision: bigint;
  /** When the next action is due (ms since the epoch), if any. */
  wakeAt: number | undefined;
  /** Folded since the wake time was computed. */
  dirty: boolean;
  /** An event arrived that does not follow `revision`: read the stream again. */
  stale: boolean;
  /** Wall-clock ms before which a failed action is not retried. */
  retryAt: number;
}

/**
 * Complaint id → folded state and next due time. Events are applied only in revision order: one
 * already folded is ignored, a gap marks the entry stale for a re-read. Complaints with nothing
 * left to schedule that are not open (resolved, ended) are dropped to bound memory; a later event
 * (a reopen) finds them missing and has them read again.
 */
export class Schedule {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly policies: PolicySet,
    private readonly onError: (error: unknown, complaintId: string) => void,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Complaints that have a wake time. */
  get scheduled(): number {
    let count = 0;
    for (const entry of this.#entries.values()) if (entry.wakeAt !== undefined) count++;
    return count;
  }

  /** Folds one event from the store (events of other streams are ignored). */
  apply(recorded: RecordedEvent): void {
    const complaintId = complaintIdOfStream(recorded.streamName);
    if (complaintId === undefined) return;
    let entry = this.#entries.get(complaintId);
    if (!entry) {
      entry = {
        state: initialState(),
        revision: -1n,
        wakeAt: undefined,
        dirty: true,
        stale: false,
        retryAt: 0,
      };
      this.#entries.set(complaintId, entry);
    }
    if (entry.stale || recorded.revision <= entry.revision) return;
    if (recorded.revision !== entry.revision + 1n) {
      entry.stale = true;
      return;
    }
    try {
      entry.state = evolve(entry.state, decodeRecorded(recorded).event);
      entry.revision = recorded.revision;
      entry.dirty = true;
    } catch (error) {
      // An event this code cannot read: the command handler cannot fold it either. Say so, drop it.
      this.#entries.delete(complaintId);
      this.onError(error, complaintId);
    }
  }

  /**
   * Replaces an entry with a state read from the store, unless the index already holds a newer one.
   * `exactWakeAt` is the due time of the next action as computed from that state (undefined: none);
   * without it the wake time is estimated again.
   */
  replace(complaintId: string, state: ComplaintState, revision: bigint, exactWakeAt?: number | null): void {
    const entry = this.#entries.get(complaintId);
    const exact = exactWakeAt !== undefined;
    if (entry && !entry.stale && entry.revision > revision) return;
    if (entry && !entry.stale && entry.revision === revision) {
      if (exact) {
        entry.wakeAt = exactWakeAt ?? undefined;
        entry.dirty = false;
      }
      return;
    }
    this.#entries.set(complaintId, {
      state,
      revision,
      wakeAt: exact ? (exactWakeAt ?? undefined) : undefined,
      dirty: !exact,
      stale: false,
      retryAt: entry?.retryAt ?? 0,
    });
  }

  forget(complaintId: string): void {
    this.#entries.delete(complaintId);
  }

  /** Complaints whose events arrived out of order and must be read again. */
  stale(): string[] {
    return [...this.#entries].filter(([, entry]) => entry.stale).map(([id]) => id);
  }

  /** Estimates the wake times of changed entries, then returns the complaints due at `now`, earliest first. */
  due(now: Date): string[] {
    const due: [string, number][] = [];
    const wallNow = Date.now();
    for (const [complaintId, entry] of this.#entries) {
      if (entry.stale) continue;
      if (entry.dirty) {
        entry.dirty = false;
        try {
          entry.wakeAt = wakeHint(entry.state, this.policies);
        } catch (error) {
          // A policy version no longer configured: nothing can be scheduled until it is back.
          entry.wakeAt = undefined;
          this.onError(error, complaintId);
        }
        if (entry.wakeAt === undefined && !isOpen(entry.state)) {
          this.#entries.delete(complaintId);
          continue;
        }
      }
      if (entry.wakeAt !== undefined && entry.wakeAt <= now.getTime() && entry.retryAt <= wallNow) {
        due.push([complaintId, entry.wakeAt]);
      }
    }
    return due.sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  /** Holds an entry back from acting until `wallClockMs` (after a refusal or an error). */
  retryLater(complaintId: string, wallClockMs: number): void {
    const entry = this.#entries.get(complaintId);
    if (entry) entry.retryAt = wallClockMs;
  }
}
