import { aggregateStream } from '../aggregate.js';
import { CatchUpSubscription, ChangeSignal } from '../catch-up.js';
import { InvalidPosition, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type {
  AggregateStreamOptions,
  AggregateStreamResult,
  AllFilter,
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
import {
  validateAppend,
  validateExpectedRevision,
  validateMaxCount,
  validateNewStreams,
  validateStreamName,
} from '../streams.js';

/** The shared state behind one or more `MemoryEventStore` views (e.g. a "restarted" store in a test). */
export class MemoryLog {
  readonly all: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly checkpoints = new Map<string, Position>();
  readonly signal = new ChangeSignal();
}

const width = 20;
const positionShape = /^\d{20}$/;
const encode = (index: number): Position => String(index + 1).padStart(width, '0');

export interface MemoryEventStoreOptions {
  log?: MemoryLog;
  pageSize?: number;
  pollIntervalMs?: number;
  /** See `EventStoreOptions.gatherMs`. Default 0. */
  gatherMs?: number;
}

/**
 * The in-memory adapter, for unit tests of pure code. Same semantics as the others (revisions,
 * idempotency, typed errors, catch-up subscriptions); data goes through JSON like a real store.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory';
  readonly log: MemoryLog;
  readonly checkpoints: CheckpointStore;
  readonly #subscriptions = new Set<CatchUpSubscription>();
  readonly #pageSize: number;
  readonly #pollIntervalMs: number;
  readonly #gatherMs: number;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.log = options.log ?? new MemoryLog();
    this.#pageSize = options.pageSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#gatherMs = options.gatherMs ?? 0;
    const log = this.log;
    this.checkpoints = {
      load: async (subscriberId) => log.checkpoints.get(subscriberId),
      store: async (subscriberId, position) => {
        const current = log.checkpoints.get(subscriberId);
        if (current === undefined || this.comparePositions(current, position) < 0) {
          log.checkpoints.set(subscriberId, this.parsePosition(position));
        }
      },
    };
  }

  async init(): Promise<void> {
    // Nothing to create.
  }

  async appendToStream(
    streamName: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return this.#append(streamName, events, options);
  }

  /** See `EventStore.createStreams`: checked, then written, with nothing in between. */
  async createStreams(streams: readonly NewStream[]): Promise<CreatedStreams> {
    validateNewStreams(streams);
    for (const { streamName, events } of streams) {
      const stored = this.log.streams.get(streamName) ?? [];
      const same =
        stored.length >= events.length && events.every((e, i) => stored[i]?.id === e.id.toLowerCase());
      if (stored.length > 0 && !same) {
        throw new WrongExpectedVersion(streamName, 'no_stream', BigInt(stored.length - 1));
      }
    }
    // Serialise every event first: a non-JSON value must fail before any stream is written.
    for (const { events } of streams)
      for (const e of events) JSON.stringify({ data: e.data ?? null, metadata: e.metadata ?? null });
    const written = streams.some(({ streamName }) => !this.log.streams.has(streamName));
    const results = streams.map(({ streamName, events }) =>
      this.#append(streamName, events, { expectedRevision: 'no_stream' }),
    );
    return { results, written };
  }

  #append(streamName: string, events: readonly EventData[], options: AppendOptions): AppendResult {
    validateAppend(streamName, events);
    const expected = options.expectedRevision ?? 'any';
    validateExpectedRevision(expected);
    // Serialise first: a non-JSON value fails here, as it would against a database.
    const payloads = events.map((event) =>
      JSON.stringify({ data: event.data ?? null, metadata: event.metadata ?? null }),
    );
    const stream = this.log.streams.get(streamName) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const sameIdsFrom = (first: number) =>
      first >= 0 &&
      stream.length >= first + events.length &&
      events.every((event, i) => stream[first + i]?.id === event.id.toLowerCase());

    if (expected === 'any' || expected === 'stream_exists') {
      if (expected === 'stream_exists' && actual === 'no_stream') {
        throw new WrongExpectedVersion(streamName, expected, actual);
      }
      // Best effort, like the other adapters: a batch repeating the stream's tail is a retry.
      if (sameIdsFrom(stream.length - events.length)) return this.#resultAt(stream, stream.length - 1);
    } else {
      const first = expected === 'no_stream' ? 0 : Number(expected) + 1;
      const matches = expected === 'no_stream' ? actual === 'no_stream' : actual === expected;
      if (!matches) {
        if (sameIdsFrom(first)) return this.#resultAt(stream, first + events.length - 1);
        throw new WrongExpectedVersion(streamName, expected, actual);
      }
    }

    const createdAt = new Date();
    events.forEach((event, i) => {
      const { data, metadata } = JSON.parse(payloads[i] ?? '{}');
      const recorded: RecordedEvent = {
        streamName,
        revision: BigInt(stream.length),
        position: encode(this.log.all.length),
        id: event.id.toLowerCase(),
        type: event.type,
        data,
        metadata: metadata ?? undefined,
        createdAt,
      };
      stream.push(recorded);
      this.log.all.push(recorded);
    });
    this.log.streams.set(streamName, stream);
    this.log.signal.notify();
    return this.#resultAt(stream, stream.length - 1);
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = await this.readStreamIfExists(streamName, options);
    if (events === undefined) throw new StreamNotFound(streamName);
    return events;
  }

  async aggregateStream<State>(
    streamName: string,
    options: AggregateStreamOptions<State>,
  ): Promise<AggregateStreamResult<State>> {
    return aggregateStream((name) => this.readStreamIfExists(name), streamName, options);
  }

  async readStreamIfExists(
    streamName: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[] | undefined> {
    validateStreamName(streamName);
    validateMaxCount(options.maxCount);
    const stream = this.log.streams.get(streamName);
    if (!stream) return undefined;
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? 'end' : 'start');
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (backwards) {
      const start =
        from === 'end'
          ? stream.length - 1
          : from === 'start'
            ? 0
            : Math.min(stream.length - 1, toIndex(from));
      const end = Math.max(-1, start - limit);
      return stream
        .slice(end + 1, start + 1)
        .reverse()
        .map(copy);
    }
    const start = from === 'start' ? 0 : from === 'end' ? stream.length : toIndex(from);
    return stream.slice(start, start + limit).map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    validateMaxCount(options.maxCount);
    return this.#readAfter(options.after, options.maxCount ?? Number.POSITIVE_INFINITY, options.filter);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    if (options.after !== undefined) this.parsePosition(options.after);
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        read: async (after, maxCount) => this.#readAfter(after, maxCount, options.filter),
        signal: this.log.signal,
        isTransient: () => false,
      },
      {
        after: options.after,
        pageSize: this.#pageSize,
        pollIntervalMs: this.#pollIntervalMs,
        gatherMs: this.#gatherMs,
        onEnd: () => this.#subscriptions.delete(subscription),
      },
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  comparePositions(a: Position, b: Position): number {
    this.parsePosition(a);
    this.parsePosition(b);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  parsePosition(raw: string): Position {
    if (typeof raw !== 'string' || !positionShape.test(raw)) {
      throw new InvalidPosition(String(raw), 'expected 20 digits');
    }
    return raw;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
  }

  #readAfter(after: Position | undefined, maxCount: number, filter: AllFilter | undefined): RecordedEvent[] {
    // Positions are 1-based indexes into `all`, so "after p" starts at index p.
    const start = after === undefined ? 0 : Number(this.parsePosition(after));
    const page: RecordedEvent[] = [];
    for (let i = start; i < this.log.all.length && page.length < maxCount; i++) {
      const event = this.log.all[i];
      if (event && matches(event, filter)) page.push(copy(event));
    }
    return page;
  }

  #resultAt(stream: RecordedEvent[], index: number): AppendResult {
    const event = stream[index];
    if (!event) throw new Error(`memory store: no event at revision ${index}`);
    return { nextExpectedRevision: event.revision, position: event.position };
  }
}

function toIndex(revision: bigint): number {
  if (revision < 0n) return 0;
  return revision > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(revision);
}

function matches(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  if ('streamNamePrefix' in filter) return event.streamName.startsWith(filter.streamNamePrefix);
  return filter.eventTypes.includes(event.type);
}

/** Readers get their own copy, so mutating a read event cannot change the log. */
function copy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: structuredClone(event.data), metadata: structuredClone(event.metadata) };
}
