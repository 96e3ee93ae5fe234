import { aggregateStream } from '../aggregate.js';
import type {
  AggregateStreamOptions,
  AggregateStreamResult,
  AppendOptions,
  AppendResult,
  CreatedStreams,
  EventData,
  EventStore,
  NewStream,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../port.js';
import type { PersonalDataCipher } from './cipher.js';

/**
 * An event store whose events hold their personal fields encrypted (see `PersonalDataCipher`):
 * encrypted on append, decrypted on every read. `raw` is the store underneath, whose reads give
 * the stored (masked and sealed) form.
 */
export class ProtectingEventStore implements EventStore {
  readonly createStreams?: (streams: readonly NewStream[]) => Promise<CreatedStreams>;

  constructor(
    readonly raw: EventStore,
    readonly cipher: PersonalDataCipher,
  ) {
    const create = raw.createStreams?.bind(raw);
    if (create) {
      this.createStreams = async (streams) =>
        create(
          await Promise.all(
            streams.map(async (stream) => ({
              ...stream,
              events: await this.protect(stream.streamName, stream.events),
            })),
          ),
        );
    }
  }

  get kind(): string {
    return this.raw.kind;
  }

  get checkpoints() {
    return this.raw.checkpoints;
  }

  init(): Promise<void> {
    return this.raw.init();
  }

  async appendToStream(
    streamName: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.raw.appendToStream(streamName, await this.protect(streamName, events), options);
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.cipher.revealAll(await this.raw.readStream(streamName, options));
  }

  async readStreamIfExists(
    streamName: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent[] | undefined> {
    const events = await this.raw.readStreamIfExists(streamName, options);
    return events === undefined ? undefined : this.cipher.revealAll(events);
  }

  aggregateStream<State>(
    streamName: string,
    options: AggregateStreamOptions<State>,
  ): Promise<AggregateStreamResult<State>> {
    return aggregateStream((name) => this.readStreamIfExists(name), streamName, options);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.cipher.revealAll(await this.raw.readAll(options));
  }

  subscribeToAll(options?: SubscribeToAllOptions): Subscription {
    const inner = this.raw.subscribeToAll(options);
    const cipher = this.cipher;
    return {
      stop: () => inner.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield await cipher.reveal(event);
      },
    };
  }

  comparePositions(a: string, b: string): number {
    return this.raw.comparePositions(a, b);
  }

  parsePosition(raw: string): string {
    return this.raw.parsePosition(raw);
  }

  /** Closes the store and the key store. */
  async close(): Promise<void> {
    await this.raw.close();
    await this.cipher.keys.close();
  }

  private protect(streamName: string, events: readonly EventData[]): Promise<EventData[]> {
    return this.cipher.protect(streamName, events, async (name) => {
      const [first] = (await this.readStreamIfExists(name, { maxCount: 1 })) ?? [];
      return first?.data;
    });
  }
}
