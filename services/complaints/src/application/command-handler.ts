import { type ComplaintCommand, complaintStreamName } from '@chp/contracts';
import {
  type AppendResult,
  type EventData,
  type EventStore,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedVersion,
} from '@chp/eventstore';
import { SpanKind, withSpan } from '@chp/platform';
import { type ComplaintState, decide, evolve, initialState } from '../complaint/index.js';
import type { PolicySet } from '../sla/index.js';
import type { Clock } from './clock.js';
import { ConcurrencyConflict } from './errors.js';
import { decodeRecorded, encodeNew } from './event-codec.js';
import { type CommandMetrics, type CommandOutcome, commandMetrics } from './metrics.js';
import { type RecentFold, RecentStreams } from './recent-streams.js';

export interface HandleOptions {
  /** The revision the caller saw (HTTP `If-Match`). A different current revision throws `WrongExpectedVersion`. */
  expectedRevision?: bigint;
  /**
   * The caller has just seen that the complaint's stream does not exist (filing): the first attempt
   * skips reading it and appends with `no_stream`; should the stream exist after all, the conflict is
   * retried as usual, from a fresh read.
   */
  expectNew?: boolean;
  /**
   * Filing in one round trip: the complaint's stream is taken to be new (no read, `no_stream`), and
   * `create` writes its events together with whatever else belongs with them. A conflict there is
   * thrown as `WrongExpectedVersion`, not retried, and not counted as the command's outcome: `create`
   * wrote nothing, and only the caller knows what else to look at.
   */
  create?: (streamName: string, events: readonly EventData[]) => Promise<AppendResult>;
}

export interface HandleResult {
  /**
   * The events appended, as recorded. `position` is the append's (that of its last event) and
   * `createdAt` the handler's clock: read the stream for the store's own values.
   */
  events: RecordedEvent[];
  /** The stream revision after the command: the HTTP `ETag`. */
  revision: bigint;
  state: ComplaintState;
}

export interface LoadedComplaint {
  state: ComplaintState;
  revision: bigint;
}

export interface LoadOptions {
  /** Fold only the events that happened at or before this instant (see `load`). */
  asOf?: Date;
}

export interface CommandHandler {
  /**
   * Reads the stream, folds it, decides, appends with the expected revision. With `expectedRevision`
   * a conflict throws `WrongExpectedVersion` (→ 412); without it, it retries on conflict (bounded).
   * A command whose id is already recorded on the stream appends nothing (a redelivered request).
   */
  handle(command: ComplaintCommand, options?: HandleOptions): Promise<HandleResult>;
  /**
   * The complaint's state and revision, or undefined when it does not exist. With `asOf`, the state
   * folded from the longest prefix of the stream whose events happened (their `at`) at or before
   * `asOf`, and the revision of its last event; undefined when the complaint was not filed by then.
   */
  load(complaintId: string, options?: LoadOptions): Promise<LoadedComplaint | undefined>;
}

export interface CommandHandlerDeps {
  store: EventStore;
  clock: Clock;
  policies: PolicySet;
  /** Attempts without `If-Match` before `ConcurrencyConflict`. Default 5. */
  maxAttempts?: number;
  /**
   * Complaints whose fold is kept after a command, so that the next command on one of them (the
   * notification report that follows a filing, say) skips reading its stream. Default 10,000; 0 off.
   */
  recentStreams?: number;
}

/** Where an attempt's starting state comes from. */
type Start = { kind: 'read' } | { kind: 'new' } | { kind: 'recent'; fold: RecentFold };

/** An attempt from a recent fold that its append could not confirm: decide again from a fresh read. */
const unconfirmed = Symbol('unconfirmed');

interface Folded {
  state: ComplaintState;
  /** Undefined when the stream does not exist. */
  revision: bigint | undefined;
  /** Command ids already applied (the events' causation ids). */
  applied: Set<string>;
}

async function readStreamOrNothing(store: EventStore, streamName: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamName);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

function fold(recorded: readonly RecordedEvent[], asOf?: Date): Folded {
  let state = initialState();
  let revision: bigint | undefined;
  const applied = new Set<string>();
  for (const entry of recorded) {
    const { event, metadata } = decodeRecorded(entry);
    // A prefix, not a filter: a state folded from a subset in the middle might never have existed.
    if (asOf !== undefined && new Date(event.data.at).getTime() > asOf.getTime()) break;
    state = evolve(state, event);
    revision = entry.revision;
    applied.add(metadata.causationId);
  }
  return { state, revision, applied };
}

/** The application service of the Complaint aggregate: every command and read goes through it. */
export function createCommandHandler(deps: CommandHandlerDeps): CommandHandler {
  const { store, clock, policies } = deps;
  const maxAttempts = deps.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  const metrics: CommandMetrics = commandMetrics();
  const recent = new RecentStreams(deps.recentStreams ?? 10_000);

  async function attempt(
    command: ComplaintCommand,
    streamName: string,
    expected: bigint | undefined,
    start: Start,
    create: HandleOptions['create'],
  ): Promise<(HandleResult & { outcome: CommandOutcome }) | typeof unconfirmed> {
    const fromRecent = start.kind === 'recent';
    const current: Folded = fromRecent
      ? start.fold
      : fold(start.kind === 'new' ? [] : await readStreamOrNothing(store, streamName));
    if (!fromRecent && current.revision !== undefined) {
      recent.set(streamName, { state: current.state, revision: current.revision, applied: current.applied });
    }
    // A complaint that does not exist is the decider's 404, not a revision mismatch.
    if (expected !== undefined && current.revision !== undefined && current.revision !== expected) {
      throw new WrongExpectedVersion(streamName, expected, current.revision ?? 'no_stream');
    }
    const unchanged = (): HandleResult & { outcome: CommandOutcome } => {
      if (current.revision === undefined) {
        throw new Error(
          `${command.type} produced no events for complaint ${command.data.complaintId}, which does not exist`,
        );
      }
      return { events: [], revision: current.revision, state: current.state, outcome: 'unchanged' };
    };
    // Only an append can confirm a recent fold: a repeat, a refusal or a no-op is decided afresh.
    if (current.applied.has(command.metadata.commandId)) return fromRecent ? unconfirmed : unchanged();

    const now = clock.now();
    let decided: ReturnType<typeof decide>;
    try {
      decided = decide(command, current.state, { now: now.toISOString(), policies });
    } catch (error) {
      if (fromRecent) return unconfirmed;
      throw error;
    }
    if (decided.length === 0) return fromRecent ? unconfirmed : unchanged();

    const toAppend = decided.map((event, index) => encodeNew(event, index, command.metadata));
    const appended = await withSpan(
      'event store append',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.operation.name': create ? 'createStreams' : 'appendToStream',
          'chp.eventstore.kind': store.kind,
          'chp.stream.name': streamName,
          'chp.event.types': toAppend.map((event) => event.type),
        },
      },
      () =>
        create
          ? create(streamName, toAppend)
          : store.appendToStream(streamName, toAppend, {
              expectedRevision: current.revision ?? 'no_stream',
            }),
    );
    const first = appended.nextExpectedRevision - BigInt(toAppend.length - 1);
    const events = toAppend.map(
      (data, index): RecordedEvent => ({
        streamName,
        revision: first + BigInt(index),
        position: appended.position,
        id: data.id,
        type: data.type,
        data: data.data,
        metadata: data.metadata,
        createdAt: now,
      }),
    );
    const state = decided.reduce(evolve, current.state);
    const applied = new Set(current.applied).add(command.metadata.commandId);
    recent.set(streamName, { state, revision: appended.nextExpectedRevision, applied });
    return { events, revision: appended.nextExpectedRevision, state, outcome: 'appended' };
  }

  async function handle(command: ComplaintCommand, options: HandleOptions = {}): Promise<HandleResult> {
    const streamName = complaintStreamName(command.data.complaintId);
    const expected = options.expectedRevision;
    const { create } = options;
    const stopTimer = metrics.duration.startTimer({ command: command.type });
    let outcome: CommandOutcome | undefined = 'error';
    // Without If-Match a recent fold may stand in for the first read; its append confirms it.
    let known = expected === undefined && create === undefined ? recent.get(streamName) : undefined;
    try {
      for (let attemptNo = 1; ; attemptNo++) {
        const recentFold = known;
        known = undefined;
        try {
          const skipRead =
            create !== undefined || (options.expectNew === true && expected === undefined && attemptNo === 1);
          const start: Start = recentFold
            ? { kind: 'recent', fold: recentFold }
            : skipRead
              ? { kind: 'new' }
              : { kind: 'read' };
          const done = await attempt(command, streamName, expected, start, create);
          if (done === unconfirmed) {
            attemptNo--;
            continue;
          }
          const { outcome: settled, ...result } = done;
          outcome = settled;
          return result;
        } catch (error) {
          if (create !== undefined && error instanceof WrongExpectedVersion) {
            outcome = undefined;
            throw error;
          }
          // With If-Match the caller decides what to do; without it (a stale recent fold included),
          // re-read and decide again.
          if (!(error instanceof WrongExpectedVersion) || expected !== undefined) throw error;
          if (attemptNo >= maxAttempts) throw new ConcurrencyConflict(command.data.complaintId, attemptNo);
          metrics.retries.inc({ command: command.type });
        }
      }
    } catch (error) {
      if (outcome !== undefined) outcome = outcomeOf(error);
      throw error;
    } finally {
      if (outcome !== undefined) {
        metrics.commands.inc({ command: command.type, outcome });
        stopTimer();
      }
    }
  }

  async function load(complaintId: string, options: LoadOptions = {}): Promise<LoadedComplaint | undefined> {
    const folded = fold(await readStreamOrNothing(store, complaintStreamName(complaintId)), options.asOf);
    return folded.revision === undefined ? undefined : { state: folded.state, revision: folded.revision };
  }

  return { handle, load };
}

function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof WrongExpectedVersion) return 'revision_mismatch';
  if (error instanceof ConcurrencyConflict) return 'conflict';
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (kind === 'illegal_transition') return 'rejected';
  if (kind === 'complaint_not_found') return 'not_found';
  return 'error';
}
