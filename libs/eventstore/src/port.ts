/**
 * The EventStore port. Every adapter (PostgreSQL, PGlite, EventStoreDB, memory) implements it and
 * passes the one conformance suite.
 *
 * Idempotency by event id follows EventStoreDB's rules:
 * 1. The same event ids appended again with the same expected revision succeed without writing
 *    twice; the result reports the revision the stream had after the first append.
 * 2. With `expectedRevision: 'any'`, duplicates are caught on a best-effort basis: an append whose
 *    ids all match the stream's most recent events is treated as a retry.
 * 3. Retried with a newer expected revision (the stream moved on), the events are appended again.
 *    Idempotency is per (stream, expected revision), not a global unique index on event id.
 */

/** `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must exist. A bigint: the exact revision of the last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * Opaque, adapter-specific position in the global log. Positions of one adapter compare with
 * `store.comparePositions`; they serialise with `String(position)` and parse with `store.parsePosition`.
 */
export type Position = string;

export interface EventData<TType extends string = string, TData = unknown, TMetadata = unknown> {
  /** UUID. Used for idempotency; the relay uses it as the JetStream msgID. */
  id: string;
  type: TType;
  data: TData;
  metadata?: TMetadata;
}

export interface RecordedEvent<TType extends string = string, TData = unknown, TMetadata = unknown> {
  streamName: string;
  /** 0-based revision within the stream. */
  revision: bigint;
  position: Position;
  id: string;
  type: TType;
  data: TData;
  metadata: TMetadata | undefined;
  createdAt: Date;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  /** Position of the last event written (or of the original write, for an idempotent retry). */
  position: Position;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Revision to start from, inclusive. Default: the start (forwards) or the end (backwards). */
  from?: bigint | 'start' | 'end';
  direction?: Direction;
  maxCount?: number;
}

/** A stream to create with its first events (revisions from 0). */
export interface NewStream {
  streamName: string;
  events: readonly EventData[];
}

export interface CreatedStreams {
  /** One per stream, in the order given. */
  results: AppendResult[];
  /** False when every stream already held exactly these events (a repeated call): nothing was written. */
  written: boolean;
}

/** How `aggregateStream` folds a stream into a state. */
export interface AggregateStreamOptions<State> {
  /** A fresh state for each call (the fold may reuse it). */
  initialState: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
}

export interface AggregateStreamResult<State> {
  /** `initialState()` folded with every event of the stream, in order. */
  state: State;
  /** The revision of the stream's last event; undefined when the stream does not exist. */
  currentRevision: bigint | undefined;
  streamExists: boolean;
}

/** Filter on the global log: a stream-name prefix, or a set of event types. */
export type AllFilter = { streamNamePrefix: string } | { eventTypes: readonly string[] };

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to read from the start. */
  after?: Position;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint; omit to start from the beginning of the log. */
  after?: Position;
  filter?: AllFilter;
}

/**
 * A catch-up subscription: reads history, then goes live. Iterate it with `for await`.
 * It survives connection loss by resubscribing from the last position it handed out.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Stops reading; the iterator ends. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** Adapter name, for logs and metrics: `postgres`, `pglite`, `eventstoredb`, `memory`. */
  readonly kind: string;

  /** Creates or migrates whatever the adapter needs. Idempotent; factories call it. */
  init(): Promise<void>;

  /**
   * Appends atomically. Throws `WrongExpectedVersion` on a revision mismatch, `InvalidStreamName`
   * for a bad stream name and `EmptyAppend` for no events.
   */
  appendToStream(
    streamName: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** Throws `StreamNotFound` when the stream does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** As `readStream`, but undefined when the stream does not exist. */
  readStreamIfExists(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[] | undefined>;

  /**
   * Reads the whole stream and folds it with `evolve` from `initialState()` (see `aggregateStream`
   * in this package); a stream that does not exist gives the initial state, `streamExists: false`.
   */
  aggregateStream<State>(
    streamName: string,
    options: AggregateStreamOptions<State>,
  ): Promise<AggregateStreamResult<State>>;

  /**
   * Creates several new streams, each with its first events, atomically (all or none), where the
   * adapter can: PostgreSQL and PGlite in one statement, memory at once. Absent on EventStoreDB.
   * Per stream, as `appendToStream` with `no_stream`: a stream that already holds exactly these
   * events (ids at the same revisions) counts as created by an earlier call (its original result);
   * if every stream does, nothing is written (`written: false`). If any stream exists with other
   * events, nothing is written and `WrongExpectedVersion` names the first such stream in the order
   * given.
   */
  createStreams?(streams: readonly NewStream[]): Promise<CreatedStreams>;

  /** Global order. Never returns an event past one that may still commit before it. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  subscribeToAll(options?: SubscribeToAllOptions): Subscription;

  /** Negative, zero or positive, like a sort comparator. */
  comparePositions(a: Position, b: Position): number;
  /** Validates a position received from outside (an HTTP query, a checkpoint); throws `InvalidPosition`. */
  parsePosition(raw: string): Position;

  /** Subscriber checkpoints, kept in the store itself. */
  readonly checkpoints: CheckpointStore;

  close(): Promise<void>;
}

export interface CheckpointStore {
  load(subscriberId: string): Promise<Position | undefined>;
  /** Saves only forward: an older position than the stored one is ignored. */
  store(subscriberId: string, position: Position): Promise<void>;
}
