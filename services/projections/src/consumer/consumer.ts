import { ContractError, streams, subjects } from '@chp/contracts';
import { PersonalDataOpener, type SqlDriver } from '@chp/eventstore';
import {
  ack,
  type ConsumerRunner,
  type MessagingLogger,
  reject,
  requestDataKeys,
  retry,
  runConsumer,
} from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { type EventFeed, toProjectedEvent } from '../feed/index.js';
import { applyBatch, liveTables } from '../store/index.js';
import { Batcher } from './batcher.js';
import { reprojectErased } from './erasure.js';
import { repairGap } from './gap-repair.js';

export const CHECKPOINT_NAME = 'complaints';
/**
 * Events per transaction at most. A batch holds what queued while the previous one applied, so it
 * is small when the consumer keeps up and this large during a catch-up, where it pays most: a
 * complaint's events in one batch fold into one row write, and the per-statement cost is shared
 * (PostgreSQL CPU per event by batch size: bench/projections.bench.ts, and the README's Benchmark).
 */
export const DEFAULT_MAX_BATCH = 4_000;

export interface ProjectionConsumerOptions {
  nc: NatsConnection;
  db: SqlDriver;
  feed: EventFeed;
  durable?: string;
  /**
   * Handlers in flight; they feed the batches. Default (parallelBatches + 1) × maxBatch: the
   * batches applying, and one queuing.
   */
  concurrency?: number;
  /** Events per transaction at most. Default `DEFAULT_MAX_BATCH`. */
  maxBatch?: number;
  /**
   * Batch transactions at once while catching up (see `BatcherOptions.parallel`). Default 2 on
   * PostgreSQL, 1 on PGlite (one connection: its transactions queue anyway).
   */
  parallelBatches?: number;
  /** Nak delay of an event whose predecessor has not been applied. Default 500 ms. */
  gapDelayMs?: number;
  /** From this delivery on, a gap is repaired from the feed. Default 3. */
  repairFromDelivery?: number;
  maxDeliver?: number;
  logger?: MessagingLogger;
  /** Opens the sealed personal fields of events. Default: keys asked of complaints over `nc`. */
  opener?: PersonalDataOpener;
}

/**
 * The durable consumer on `COMPLAINTS` that keeps the live tables up to date: each event is
 * applied in a batch transaction with the checkpoint; a duplicate is acked, a gap is nak'ed with a
 * delay, and from the `repairFromDelivery`th delivery the missing events are fetched from the feed.
 */
export async function startProjectionConsumer(options: ProjectionConsumerOptions): Promise<ConsumerRunner> {
  const { db, feed } = options;
  const durable = options.durable ?? 'projections';
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const parallel = options.parallelBatches ?? (db.kind === 'postgres' ? 2 : 1);
  const concurrency = options.concurrency ?? (parallel + 1) * maxBatch;
  const batcher = new Batcher(
    (events, maxSequence) =>
      applyBatch(db, liveTables, events, { name: CHECKPOINT_NAME, streamSequence: maxSequence }),
    { maxBatch, parallel },
  );
  const gapDelayMs = options.gapDelayMs ?? 500;
  const repairFrom = options.repairFromDelivery ?? 3;
  const opener = options.opener ?? new PersonalDataOpener((kids) => requestDataKeys(options.nc, kids));
  return runConsumer({
    nc: options.nc,
    stream: streams.complaints,
    durable,
    filterSubject: subjects.complaints.allEvents,
    schema: 'raw',
    deadLetterSubject: subjects.deadLetters.of('projections', durable),
    concurrency,
    // Pulls of one batch, and room for every handler plus one pull unacknowledged.
    batch: maxBatch,
    maxAckPending: concurrency + maxBatch,
    maxDeliver: options.maxDeliver ?? 20,
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (message) => {
      let event: ReturnType<typeof toProjectedEvent>;
      try {
        // Sealed personal fields are opened with the customer's key (the stand-ins once erased).
        event = toProjectedEvent(await opener.openCloudEvent(message.data));
      } catch (error) {
        if (error instanceof ContractError) return reject(`not a complaint event: ${error.message}`);
        throw error;
      }
      let outcome = await batcher.submit(event, message.streamSequence);
      if (outcome === 'gap' && message.deliveryCount >= repairFrom) {
        await repairGap(db, feed, liveTables, event);
        outcome = await batcher.submit(event, message.streamSequence);
      }
      if (outcome === 'gap')
        return retry(gapDelayMs, `revision ${event.revision} arrived before its predecessor`);
      // The customer's data was erased: the rows projected from the clear text are re-projected
      // from the feed, which now serves the stand-ins. Redelivered (a duplicate) until that is done.
      if (event.event.type === 'CustomerDataErased')
        await reprojectErased(db, feed, liveTables, event.complaintId);
      return ack();
    },
  });
}
