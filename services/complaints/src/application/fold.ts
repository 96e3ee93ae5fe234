import type { EventStore, RecordedEvent } from '@chp/eventstore';
import { type ComplaintState, evolve, initialState } from '../complaint/index.js';
import { decodeRecorded } from './event-codec.js';

/** A complaint as its stream folds: what the command handler decides on. */
export interface ComplaintFold {
  state: ComplaintState;
  /** The revision of the last event folded; undefined when the stream does not exist. */
  revision: bigint | undefined;
  /** Command ids already applied (the events' causation ids). */
  applied: ReadonlySet<string>;
}

/** A fold as step 1 of the command handler gets it. */
export interface Aggregate extends ComplaintFold {
  /**
   * False for a fold not read just now (remembered, or a stream taken to be new): only an append,
   * guarded by its revision, confirms it.
   */
  read: boolean;
}

/** Where step 1 gets a complaint's fold: a read of its stream, or a decorator such as `recentFolds`. */
export interface FoldSource {
  /** The complaint's fold. `mustRead` asks for a read (a retry, `If-Match`). */
  aggregate(streamName: string, options?: { mustRead?: boolean }): Promise<Aggregate>;
  /** The fold after an append the store accepted. */
  appended(streamName: string, fold: ComplaintFold): void;
}

/** The fold of a stream that does not exist (yet). */
export const newComplaint = (): ComplaintFold => ({
  state: initialState(),
  revision: undefined,
  applied: new Set(),
});

interface Folding {
  state: ComplaintState;
  revision: bigint | undefined;
  applied: Set<string>;
  /** Past `asOf`: nothing more is folded. */
  done: boolean;
}

/**
 * Folds a complaint's stream. With `asOf`, the longest prefix of events that happened (their `at`)
 * at or before it: a prefix, not a filter, because a state folded from a subset in the middle might
 * never have existed.
 */
export async function foldStream(store: EventStore, streamName: string, asOf?: Date): Promise<ComplaintFold> {
  const { state: folded } = await store.aggregateStream<Folding>(streamName, {
    initialState: () => ({ state: initialState(), revision: undefined, applied: new Set(), done: false }),
    evolve: (folding, recorded: RecordedEvent) => {
      if (folding.done) return folding;
      const { event, metadata } = decodeRecorded(recorded);
      if (asOf !== undefined && new Date(event.data.at).getTime() > asOf.getTime()) {
        folding.done = true;
        return folding;
      }
      folding.state = evolve(folding.state, event);
      folding.revision = recorded.revision;
      folding.applied.add(metadata.causationId);
      return folding;
    },
  });
  return { state: folded.state, revision: folded.revision, applied: folded.applied };
}

/** Step 1 without memory: every fold is read. */
export function readFolds(store: EventStore): FoldSource {
  return {
    aggregate: async (streamName) => ({ ...(await foldStream(store, streamName)), read: true }),
    appended: () => undefined,
  };
}
