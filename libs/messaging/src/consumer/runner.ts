import { sleep } from '@chp/platform/sleep';
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import { errorFields, type MessagingLogger, silentLogger } from '../logger.js';
import {
  type ConsumerSpec,
  ensureConsumer,
  isStreamNotFound,
  ProvisioningError,
} from '../provisioning/index.js';
import { AckBatcher } from './ack-batcher.js';
import { consumerMetrics } from './metrics.js';
import { isTransientNatsError, type RetryBackoff } from './outcome.js';
import { type MessageHandler, messageProcessor, type PayloadSchema } from './process.js';

export interface RunConsumerOptions<S extends PayloadSchema> {
  nc: NatsConnection;
  stream: string;
  /** Durable consumer name; also the `consumer` label of the metrics. */
  durable: string;
  /** One subject (nats-server 2.9). Default: the whole stream. */
  filterSubject?: string;
  /** A zod schema for the JSON payload, or `'raw'` to hand the bytes to the handler. */
  schema: S;
  handler: MessageHandler<S>;
  /** Where rejected messages go, e.g. `subjects.deadLetters.of('projections', durable)`. */
  deadLetterSubject: string;
  /** Handlers running at once. Default 16. */
  concurrency?: number;
  /** Messages per pull request. Default max(64, 4 × concurrency). */
  batch?: number;
  /** Default 30000 ms. A handler that needs longer should call `msg.working()`. */
  ackWaitMs?: number;
  /** Deliveries before a retried message goes to the dead letter. Default 5; -1 retries `retry()` forever. */
  maxDeliver?: number;
  /**
   * Throws by the handler on one message before it goes to the dead letter, even with `maxDeliver`
   * -1: only an outcome of `retry()` (a known transient error) is retried without bound. Counted
   * per instance. Default `maxDeliver` when that is positive, else 5.
   */
  maxHandlerFailures?: number;
  /**
   * Thrown errors that pass by themselves and are retried without limit (and without counting as
   * failures). Default {@link isTransientNatsError}: timeouts, no responders, a closed connection.
   */
  isTransient?: (error: unknown) => boolean;
  /** Delivered-but-unacked limit of the consumer. Default max(1000, 2 × batch). */
  maxAckPending?: number;
  /** Other consumer settings (e.g. `deliver_policy`); the options above win. */
  consumerConfig?: Partial<ConsumerConfig>;
  retryBackoff?: RetryBackoff;
  /** Pull request lifetime. Default 30000 ms. */
  expiresMs?: number;
  /** Server heartbeat while a pull waits; two missed ones recreate the consumer. Default 5000 ms. */
  heartbeatMs?: number;
  /**
   * How long to wait for the stream to exist before failing (it is another service's to create, and
   * services start in any order). Default 60000 ms; 0 fails at once.
   */
  streamWaitMs?: number;
  logger?: MessagingLogger;
  now?: () => Date;
  /**
   * Deletes each message from the stream (its bytes overwritten) once it is acked or dead-lettered,
   * for a stream that holds personal data only until it is processed (INTAKE: SECURITY.md). The
   * user needs `$JS.API.STREAM.MSG.DELETE.<stream>`. A failed delete is logged; the stream's age
   * limit removes the message later. Default false.
   */
  deleteSettled?: boolean;
}

export interface ConsumerRunner {
  readonly durable: string;
  /** Stops pulling, hands back unstarted messages (nak), finishes and settles in-flight ones, flushes. */
  stop(): Promise<void>;
}

/**
 * Runs a durable pull consumer: ensures it, pulls in batches, and handles up to `concurrency`
 * messages at once. Each handler returns `ack()`, `retry()` or `reject()`; an invalid payload, a
 * rejection and a retry at the last delivery go to the dead letter. A deleted consumer or missed
 * heartbeats lead to ensure-and-consume-again. Resolves once the consumer exists and pulling started.
 */
export async function runConsumer<S extends PayloadSchema>(
  options: RunConsumerOptions<S>,
): Promise<ConsumerRunner> {
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const batch = options.batch ?? Math.max(64, 4 * concurrency);
  const maxDeliver = options.maxDeliver ?? 5;
  const maxHandlerFailures = options.maxHandlerFailures ?? (maxDeliver > 0 ? maxDeliver : 5);
  if (!Number.isInteger(maxHandlerFailures) || maxHandlerFailures < 1) {
    throw new RangeError(`maxHandlerFailures must be a positive integer, got ${maxHandlerFailures}`);
  }
  const spec: ConsumerSpec = {
    deliver_policy: DeliverPolicy.All,
    ...options.consumerConfig,
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
    max_deliver: maxDeliver,
    max_ack_pending: options.maxAckPending ?? Math.max(1_000, 2 * batch),
    ...(options.filterSubject ? { filter_subject: options.filterSubject } : {}),
  };
  const jsm = await jetstreamManager(options.nc);
  await ensureConsumerOnStream(jsm, options, spec);
  const runner = new Runner(
    options,
    jsm,
    jetstream(options.nc),
    spec,
    concurrency,
    batch,
    maxDeliver,
    maxHandlerFailures,
  );
  await runner.start();
  return runner;
}

/**
 * ensureConsumer, waiting (backing off from 100 ms to 2 s) while the stream does not exist yet, up to
 * `streamWaitMs`; then a clear error naming the stream.
 */
async function ensureConsumerOnStream(
  jsm: JetStreamManager,
  options: Pick<RunConsumerOptions<PayloadSchema>, 'stream' | 'durable' | 'streamWaitMs' | 'logger'>,
  spec: ConsumerSpec,
): Promise<void> {
  const waitMs = options.streamWaitMs ?? 60_000;
  const started = Date.now();
  let delayMs = 100;
  let logged = false;
  for (;;) {
    try {
      await ensureConsumer(jsm, options.stream, spec);
      if (logged) options.logger?.info({ stream: options.stream }, 'stream found; consuming');
      return;
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= waitMs) {
        throw new ProvisioningError(
          `stream ${options.stream} does not exist (waited ${waited} ms for consumer ${options.durable}): ` +
            'the service that owns it creates it at start; start that service, or check NATS_URL',
          { cause: error },
        );
      }
      if (!logged) {
        options.logger?.warn(
          { stream: options.stream, durable: options.durable, waitMs },
          'stream not found; waiting for the service that owns it to create it',
        );
        logged = true;
      }
      await sleep(Math.min(delayMs, waitMs - waited));
      delayMs = Math.min(delayMs * 2, 2_000);
    }
  }
}

class Runner<S extends PayloadSchema> implements ConsumerRunner {
  readonly durable: string;
  private readonly logger: MessagingLogger;
  private readonly process: (msg: JsMsg) => Promise<void>;
  private readonly metrics;
  private readonly abort = new AbortController();
  private current: ConsumerMessages | undefined;
  private needsEnsure = false;
  private stopping = false;
  private inFlight = 0;
  private slotFree: (() => void) | undefined;
  private idle: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();
  private stopped: Promise<void> | undefined;
  private readonly acks: AckBatcher;

  constructor(
    private readonly options: RunConsumerOptions<S>,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly spec: ConsumerSpec,
    private readonly concurrency: number,
    private readonly batch: number,
    maxDeliver: number,
    maxHandlerFailures: number,
  ) {
    this.durable = options.durable;
    this.logger = options.logger ?? silentLogger;
    this.metrics = consumerMetrics(options.durable);
    this.acks = new AckBatcher((error, count) =>
      this.logger.error({ consumer: this.durable, acks: count, ...errorFields(error) }, 'could not ack'),
    );
    this.process = messageProcessor({
      js,
      consumer: options.durable,
      schema: options.schema,
      handler: options.handler,
      deadLetterSubject: options.deadLetterSubject,
      maxDeliver,
      maxHandlerFailures,
      isTransient: options.isTransient ?? isTransientNatsError,
      backoff: options.retryBackoff ?? {},
      metrics: this.metrics,
      logger: this.logger,
      now: options.now ?? (() => new Date()),
      ack: this.acks.ack,
      ...(options.deleteSettled
        ? {
            remove: async (seq: number) => {
              await this.jsm.streams.deleteMessage(options.stream, seq, true);
            },
          }
        : {}),
    });
  }

  /** Opens the first pull so that start-up errors reach the caller, then keeps consuming. */
  async start(): Promise<void> {
    const messages = await this.open();
    this.loop = this.run(messages);
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    // Closing ends the pull subscription; the iterator still yields what it had buffered, and the
    // loop hands those back with nak() so that another instance takes them at once.
    await this.current?.close();
    await this.loop;
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    this.acks.flush();
    // Acks are fire-and-forget publishes: a flush makes sure the server has them before we return.
    if (!this.options.nc.isClosed()) await this.options.nc.flush();
    this.logger.info({ consumer: this.durable }, 'consumer stopped');
  }

  private async open(): Promise<ConsumerMessages> {
    if (this.needsEnsure) {
      const { action } = await ensureConsumer(this.jsm, this.options.stream, this.spec);
      if (action !== 'unchanged') this.logger.warn({ consumer: this.durable, action }, 'consumer recreated');
      this.needsEnsure = false;
    }
    const consumer = await this.js.consumers.get(this.options.stream, this.durable);
    const messages = await consumer.consume({
      max_messages: this.batch,
      expires: this.options.expiresMs ?? 30_000,
      idle_heartbeat: this.options.heartbeatMs ?? 5_000,
    });
    this.current = messages;
    void this.watch(messages);
    // Not awaited: close() settles only once the iterator is drained, which `run` does.
    if (this.stopping) void messages.close();
    return messages;
  }

  private async run(first: ConsumerMessages): Promise<void> {
    let messages: ConsumerMessages | undefined = first;
    let failures = 0;
    while (!this.stopping) {
      try {
        messages ??= await this.open();
        await this.drain(messages);
        failures = 0;
      } catch (error) {
        if (this.stopping) break;
        failures++;
        this.needsEnsure = true;
        this.logger.error(
          { consumer: this.durable, failures, ...errorFields(error) },
          'consumer failed; will retry',
        );
        if (this.options.nc.isClosed()) break;
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)), this.abort.signal);
      }
      messages = undefined;
    }
  }

  /** Feeds messages to handlers, at most `concurrency` at once, until the iterator ends. */
  private async drain(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      if (this.inFlight >= this.concurrency) {
        await new Promise<void>((resolve) => (this.slotFree = resolve));
      }
      if (this.stopping) {
        msg.nak();
        this.metrics.count('released');
        continue;
      }
      this.inFlight++;
      this.process(msg).then(this.release, this.release);
    }
  }

  private readonly release = (): void => {
    this.inFlight--;
    const waiting = this.slotFree;
    if (waiting) {
      this.slotFree = undefined;
      waiting();
    }
    if (this.inFlight === 0 && this.idle) this.idle();
  };

  private async recreatedAfterMissedHeartbeats(): Promise<boolean> {
    try {
      const { action } = await ensureConsumer(this.jsm, this.options.stream, this.spec);
      if (action === 'unchanged') return false;
      this.logger.warn(
        { consumer: this.durable, action },
        'heartbeats missed and the consumer was gone: recreated',
      );
      return true;
    } catch (error) {
      this.logger.warn(
        { consumer: this.durable, ...errorFields(error) },
        'heartbeats missed; JetStream not answering',
      );
      return false;
    }
  }

  /** Watches the pull's notifications; a lost consumer closes this pull so that `run` opens a new one. */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (messages !== this.current || this.stopping) return;
      switch (status.type) {
        case 'consumer_deleted':
        case 'consumer_not_found':
        case 'stream_not_found':
          this.logger.warn(
            { consumer: this.durable, status },
            'consumer lost; ensuring it and consuming again',
          );
          this.needsEnsure = true;
          void messages.close();
          return;
        case 'heartbeats_missed':
          // Also seen when slow handlers leave no pull open for a while; nats.js re-pulls by itself
          // then. Start over only if the consumer had really gone.
          if (await this.recreatedAfterMissedHeartbeats()) {
            void messages.close();
            return;
          }
          break;
        case 'exceeded_limits':
          this.logger.warn({ consumer: this.durable, status }, 'pull request exceeded a consumer limit');
          break;
        default:
          break;
      }
    }
  }
}
