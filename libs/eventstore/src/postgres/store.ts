import { aggregateStream } from '../aggregate.js';
import { CatchUpSubscription, ChangeSignal } from '../catch-up.js';
import type {
  AggregateStreamOptions,
  AggregateStreamResult,
  AppendOptions,
  AppendResult,
  CheckpointStore,
  CreatedStreams,
  EventData,
  EventStore,
  NewStream,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../port.js';
import { validateMaxCount } from '../streams.js';
import { appendToStream } from './append.js';
import { postgresCheckpoints } from './checkpoints.js';
import { createStreams } from './create-streams.js';
import { type ErrorHook, isTransientSqlError, type Listening, type SqlDriver } from './driver.js';
import { Notifier } from './notifier.js';
import { comparePositions, parsePosition } from './positions.js';
import { readAll, readAllAfter, readStream, readStreamIfExists } from './read.js';
import { migrate, notificationChannel } from './schema.js';

export interface PostgresEventStoreOptions {
  /** Events per catch-up read. Default 500. */
  pageSize?: number;
  /** Live subscribers re-read at least this often without a notification. Default 1000 ms. */
  pollIntervalMs?: number;
  /** See `EventStoreOptions.gatherMs`. Default 0. */
  gatherMs?: number;
  /** Errors the store recovers from by itself (lost connections, a failed NOTIFY): pass a logger. */
  onError?: ErrorHook;
}

/** Appends inside a transaction opened by `PostgresEventStore.withTransaction`. */
export interface TransactionalAppender {
  appendToStream(
    streamName: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
}

/** The PostgreSQL event store over either driver: node-postgres against a server, or PGlite. */
export class PostgresEventStore implements EventStore {
  readonly kind: 'postgres' | 'pglite';
  readonly checkpoints: CheckpointStore;
  readonly #signal = new ChangeSignal();
  readonly #subscriptions = new Set<CatchUpSubscription>();
  readonly #pageSize: number;
  readonly #pollIntervalMs: number;
  readonly #gatherMs: number;
  readonly #onError: ErrorHook;
  #initialised: Promise<void> | undefined;
  #channel: string | undefined;
  #notifier: Notifier | undefined;
  #listening: Listening | undefined;
  #closed = false;

  constructor(
    private readonly driver: SqlDriver,
    options: PostgresEventStoreOptions = {},
  ) {
    this.kind = driver.kind;
    this.checkpoints = postgresCheckpoints(driver);
    this.#pageSize = options.pageSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#gatherMs = options.gatherMs ?? 0;
    this.#onError = options.onError ?? (() => undefined);
    validateMaxCount(this.#pageSize);
  }

  init(): Promise<void> {
    this.#initialised ??= (async () => {
      await migrate(this.driver);
      this.#channel = await notificationChannel(this.driver);
      this.#notifier = new Notifier(this.driver, this.#channel, this.#onError);
    })();
    return this.#initialised;
  }

  async appendToStream(
    streamName: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const { written, ...result } = await appendToStream(
      this.driver,
      streamName,
      events,
      options.expectedRevision ?? 'any',
    );
    if (written) this.#committed();
    return result;
  }

  /**
   * Runs `work` in one database transaction: its appends commit together, or not at all, and stay
   * invisible to readers of the global log until then. PostgreSQL-only (not part of the port).
   * On PGlite the transaction holds the only connection, so every other statement waits for it.
   */
  async withTransaction<T>(work: (tx: TransactionalAppender) => Promise<T>): Promise<T> {
    let written = false;
    try {
      return await this.driver.transaction((tx) =>
        work({
          appendToStream: async (streamName, events, options = {}) => {
            const { written: wrote, ...result } = await appendToStream(
              tx,
              streamName,
              events,
              options.expectedRevision ?? 'any',
              { inTransaction: true },
            );
            written ||= wrote;
            return result;
          },
        }),
      );
    } finally {
      // After COMMIT or ROLLBACK: either way the transaction no longer holds readers back.
      if (written) this.#committed();
    }
  }

  /**
   * See `EventStore.createStreams`: in one statement (one round trip where appends with `no_stream`
   * take one each, and all or none, without a transaction's extra round trips).
   */
  async createStreams(streams: readonly NewStream[]): Promise<CreatedStreams> {
    const created = await createStreams(this.driver, streams);
    if (created.written) this.#committed();
    return created;
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStream(this.driver, streamName, options);
  }

  readStreamIfExists(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[] | undefined> {
    return readStreamIfExists(this.driver, streamName, options);
  }

  aggregateStream<State>(
    streamName: string,
    options: AggregateStreamOptions<State>,
  ): Promise<AggregateStreamResult<State>> {
    return aggregateStream((name) => this.readStreamIfExists(name), streamName, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return readAll(this.driver, options);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    if (this.#closed) throw new Error('The event store is closed');
    if (options.after !== undefined) parsePosition(options.after);
    this.#listen();
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        read: (after, maxCount) => readAllAfter(this.driver, after, maxCount, options.filter),
        signal: this.#signal,
        isTransient: isTransientSqlError,
      },
      {
        after: options.after,
        pageSize: this.#pageSize,
        pollIntervalMs: this.#pollIntervalMs,
        gatherMs: this.#gatherMs,
        onError: this.#onError,
        onEnd: () => this.#subscriptions.delete(subscription),
      },
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  comparePositions(a: Position, b: Position): number {
    return comparePositions(a, b);
  }

  parsePosition(raw: string): Position {
    return parsePosition(raw);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    await this.#listening?.close();
    await this.#notifier?.idle();
    await this.driver.close();
  }

  /** In-process subscribers wake at once; other processes hear a NOTIFY. */
  #committed(): void {
    this.#signal.notify();
    this.#notifier?.poke();
  }

  /** One LISTEN per store, opened with the first subscription. */
  #listen(): void {
    if (this.#listening || !this.#channel) return;
    this.#listening = this.driver.listen(this.#channel, () => this.#signal.notify());
  }
}
