import {
  type ComplaintCommand,
  type ComplaintEvent,
  complaintIdOfStream,
  complaintStreamName,
  type EraseCustomerData,
} from '@chp/contracts';
import {
  type AppendResult,
  type EventData,
  type EventStore,
  type RecordedEvent,
  WrongExpectedVersion,
} from '@chp/eventstore';
import { SpanKind, withSpan } from '@chp/platform';
import { ComplaintRuleViolation, type ComplaintState, decide, evolve, rules } from '../complaint/index.js';
import type { PolicySet } from '../sla/index.js';
import type { Clock } from './clock.js';
import { ConcurrencyConflict, commandErrorKindOf } from './errors.js';
import { encodeNew } from './event-codec.js';
import { type Aggregate, type ComplaintFold, foldStream, newComplaint, readFolds } from './fold.js';
import { nameBasedUuid } from './ids.js';
import { type CommandMetrics, type CommandOutcome, commandMetrics } from './metrics.js';
import { recentFolds } from './recent-streams.js';
import { appendWithReservation, reservationOf } from './references.js';

export interface HandleOptions {
  /** The revision the caller saw (HTTP `If-Match`). A different current revision throws `WrongExpectedVersion`. */
  expectedRevision?: bigint;
  /**
   * The complaint's stream is taken to be new (a filing on a store that creates streams together):
   * the first attempt reads nothing. Should it exist, nothing was written, and the conflict is
   * retried from a read as usual.
   */
  expectNew?: boolean;
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
   * Aggregates the stream, decides, appends with the expected revision. With `expectedRevision` a
   * conflict throws `WrongExpectedVersion` (→ 412); without it, the retry policy applies. A command
   * whose id is already recorded on the stream appends nothing (a redelivered request).
   */
  handle(command: ComplaintCommand, options?: HandleOptions): Promise<HandleResult>;
  /**
   * The complaint's state and revision, or undefined when it does not exist. With `asOf`, the state
   * folded from the longest prefix of the stream whose events happened (their `at`) at or before
   * `asOf`, and the revision of its last event; undefined when the complaint was not filed by then.
   */
  load(complaintId: string, options?: LoadOptions): Promise<LoadedComplaint | undefined>;
}

/** Retries without `If-Match`: only on a version conflict of the complaint's own stream, bounded. */
export interface RetryPolicy {
  /** Attempts in all, the first included, before `ConcurrencyConflict`. */
  maxAttempts: number;
}

export interface CommandHandlerDeps {
  store: EventStore;
  clock: Clock;
  policies: PolicySet;
  /** Default: 5 attempts (or `maxAttempts`). */
  retry?: RetryPolicy;
  /** Attempts without `If-Match` before `ConcurrencyConflict`. Default 5. */
  maxAttempts?: number;
  /**
   * Complaints whose fold is kept after a command (see `recentFolds`), so that the next command on
   * one of them skips reading its stream. Default 10,000; 0 off.
   */
  recentStreams?: number;
  /**
   * Where customers' data keys are deleted (`ProtectingEventStore.cipher`). Without it, erasure
   * only records `CustomerDataErased` on the one complaint (a store that encrypts nothing).
   */
  erasure?: CustomerErasure;
  /**
   * Called with what identifies the customer (name, e-mail, phone of each of their complaints)
   * before their key is deleted, to drop copies outside the event store (dead letters). A failure
   * fails the erasure, which can be repeated.
   */
  dropTraces?: (traces: readonly string[]) => Promise<void>;
}

/** Deletes the key of the customer a complaint's stream belongs to, and names all their streams. */
export interface CustomerErasure {
  /** The streams of the customer a stream belongs to, that one included (empty when unknown). */
  streamsOfCustomer(streamName: string): Promise<string[]>;
  eraseCustomerOf(streamName: string): Promise<string[]>;
}

/** What the decision of step 2 came to. */
type Decision = { events: ComplaintEvent[] } | { refused: unknown };

/** The application service of the Complaint aggregate: every command and read goes through it. */
export function createCommandHandler(deps: CommandHandlerDeps): CommandHandler {
  const { store, clock, policies } = deps;
  const retry: RetryPolicy = deps.retry ?? { maxAttempts: deps.maxAttempts ?? 5 };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${retry.maxAttempts}`);
  }
  const metrics: CommandMetrics = commandMetrics();
  const folds = recentFolds(readFolds(store), deps.recentStreams ?? 10_000);

  const decideOn = (command: ComplaintCommand, fold: ComplaintFold, now: Date): Decision => {
    // A command already applied appends nothing again.
    if (fold.applied.has(command.metadata.commandId)) return { events: [] };
    try {
      return { events: decide(command, fold.state, { now: now.toISOString(), policies }) };
    } catch (refused) {
      return { refused };
    }
  };

  async function attempt(
    command: ComplaintCommand,
    streamName: string,
    expected: bigint | undefined,
    start: 'new' | 'any' | 'read',
  ): Promise<HandleResult & { outcome: CommandOutcome }> {
    // 1. Aggregate the stream.
    let current: Aggregate =
      start === 'new'
        ? { ...newComplaint(), read: false }
        : await folds.aggregate(streamName, { mustRead: start === 'read' });
    // A complaint that does not exist is the decider's 404, not a revision mismatch.
    if (expected !== undefined && current.revision !== undefined && current.revision !== expected) {
      throw new WrongExpectedVersion(streamName, expected, current.revision);
    }

    // 2. Decide. Only an append confirms a fold that was not read: a decision on one that appends
    //    nothing (a repeat, a refusal, a no-op) is taken again on a read.
    const now = clock.now();
    let decision = decideOn(command, current, now);
    if (!current.read && !('events' in decision && decision.events.length > 0)) {
      current = await folds.aggregate(streamName, { mustRead: true });
      decision = decideOn(command, current, now);
    }
    if ('refused' in decision) throw decision.refused;
    const decided = decision.events;
    if (decided.length === 0) {
      if (current.revision === undefined) {
        throw new Error(
          `${command.type} produced no events for complaint ${command.data.complaintId}, which does not exist`,
        );
      }
      return { events: [], revision: current.revision, state: current.state, outcome: 'unchanged' };
    }

    // 3. Append with the expected revision (a new complaint's stream with its reference's reservation).
    const toAppend = decided.map((event, index) => encodeNew(event, index, command.metadata));
    const expectedRevision = current.revision ?? 'no_stream';
    const reservation = reservationOf(decided, command, now);
    const appended = await withSpan(
      'event store append',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.operation.name': reservation && store.createStreams ? 'createStreams' : 'appendToStream',
          'chp.eventstore.kind': store.kind,
          'chp.stream.name': streamName,
          'chp.event.types': toAppend.map((event) => event.type),
        },
      },
      (): Promise<AppendResult> =>
        reservation
          ? appendWithReservation(store, { streamName, events: toAppend }, reservation)
          : store.appendToStream(streamName, toAppend, { expectedRevision }),
    );

    // 4. Return what was appended, and the fold it leads to.
    const state = decided.reduce(evolve, current.state);
    folds.appended(streamName, {
      state,
      revision: appended.nextExpectedRevision,
      applied: new Set(current.applied).add(command.metadata.commandId),
    });
    return {
      events: recorded(streamName, toAppend, appended, now),
      revision: appended.nextExpectedRevision,
      state,
      outcome: 'appended',
    };
  }

  async function handleWithRetry(
    command: ComplaintCommand,
    options: HandleOptions,
  ): Promise<HandleResult & { outcome: CommandOutcome }> {
    const streamName = complaintStreamName(command.data.complaintId);
    const expected = options.expectedRevision;
    for (let attemptNo = 1; ; attemptNo++) {
      const start = expected !== undefined || attemptNo > 1 ? 'read' : options.expectNew ? 'new' : 'any';
      try {
        return await attempt(command, streamName, expected, start);
      } catch (error) {
        // With If-Match the caller decides what to do; a conflict on another stream (a reservation)
        // is not this complaint's to retry.
        const retried =
          error instanceof WrongExpectedVersion && error.streamName === streamName && expected === undefined;
        if (!retried) throw error;
        if (attemptNo >= retry.maxAttempts)
          throw new ConcurrencyConflict(command.data.complaintId, attemptNo);
        metrics.retries.inc({ command: command.type });
      }
    }
  }

  /**
   * Erasure: the customer's key goes first (from then on their data reads `[erased]` everywhere),
   * then `CustomerDataErased` is recorded on this complaint and on each other complaint of theirs,
   * under a command id derived from this one. Repeating it repeats nothing.
   */
  async function erase(command: EraseCustomerData, options: HandleOptions): Promise<HandleResult> {
    const streamName = complaintStreamName(command.data.complaintId);
    const traces = new Set<string>();
    // The key is the customer's, not the complaint's: a legal hold on any of their complaints stops it.
    const customerStreams = (await deps.erasure?.streamsOfCustomer(streamName)) ?? [];
    for (const other of customerStreams.includes(streamName)
      ? customerStreams
      : [streamName, ...customerStreams]) {
      const { state } = await foldStream(store, other);
      if (state.status !== 'none' && state.personalDataErasedAt === undefined) {
        const { name, email, phone } = state.customer;
        for (const trace of [name, email, phone]) if (trace) traces.add(trace);
      }
      if (state.status !== 'none' && state.legalHold !== undefined) {
        const held = complaintIdOfStream(other) ?? other;
        throw new ComplaintRuleViolation(
          command.type,
          state.status,
          rules.eraseUnderLegalHold,
          `complaint ${held} is held`,
        );
      }
    }
    await deps.dropTraces?.([...traces]);
    const streams = (await deps.erasure?.eraseCustomerOf(streamName)) ?? [];
    const result = await handleOne(command, options);
    for (const other of streams) {
      const complaintId = complaintIdOfStream(other);
      if (other === streamName || complaintId === undefined) continue;
      const commandId = nameBasedUuid(`erase:${command.metadata.commandId}:${complaintId}`);
      // The stream is re-read: a fold remembered from before the erasure holds the data in clear.
      await handleOne(
        { ...command, data: { ...command.data, complaintId }, metadata: { ...command.metadata, commandId } },
        {},
      );
    }
    return result;
  }

  function handle(command: ComplaintCommand, options: HandleOptions = {}): Promise<HandleResult> {
    return command.type === 'EraseCustomerData' ? erase(command, options) : handleOne(command, options);
  }

  async function handleOne(command: ComplaintCommand, options: HandleOptions = {}): Promise<HandleResult> {
    const stopTimer = metrics.duration.startTimer({ command: command.type });
    let outcome: CommandOutcome = 'error';
    try {
      const { outcome: settled, ...result } = await handleWithRetry(command, options);
      outcome = settled;
      return result;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      metrics.commands.inc({ command: command.type, outcome });
      stopTimer();
    }
  }

  async function load(complaintId: string, options: LoadOptions = {}): Promise<LoadedComplaint | undefined> {
    const folded = await foldStream(store, complaintStreamName(complaintId), options.asOf);
    return folded.revision === undefined ? undefined : { state: folded.state, revision: folded.revision };
  }

  return { handle, load };
}

/** The appended events as recorded: `position` the append's, `createdAt` the handler's clock. */
function recorded(
  streamName: string,
  toAppend: readonly EventData[],
  appended: AppendResult,
  now: Date,
): RecordedEvent[] {
  const first = appended.nextExpectedRevision - BigInt(toAppend.length - 1);
  return toAppend.map((data, index) => ({
    streamName,
    revision: first + BigInt(index),
    position: appended.position,
    id: data.id,
    type: data.type,
    data: data.data,
    metadata: data.metadata,
    createdAt: now,
  }));
}

const outcomes: Partial<Record<NonNullable<ReturnType<typeof commandErrorKindOf>>, CommandOutcome>> = {
  illegal_transition: 'rejected',
  not_found: 'not_found',
  revision_mismatch: 'revision_mismatch',
  unavailable: 'conflict',
};

/** The metrics' outcome of a failed command, by its command error kind. */
function outcomeOf(error: unknown): CommandOutcome {
  const kind = commandErrorKindOf(error);
  return (kind && outcomes[kind]) ?? 'error';
}
