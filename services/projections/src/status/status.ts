import { streams } from '@chp/contracts';
import type { SqlExecutor } from '@chp/eventstore';
import type { JetStreamManager } from '@nats-io/jetstream';
import { CHECKPOINT_NAME } from '../consumer/index.js';

export interface Lag {
  /** Messages the durable consumer has not yet delivered. */
  pending: number;
  /** Delivered but not yet acknowledged. */
  unacknowledged: number;
  streamLastSequence: number;
}

/** The consumer's lag from JetStream, or null when NATS cannot tell now. */
export type LagSource = () => Promise<Lag | null>;

export function jetStreamLag(jsm: JetStreamManager, durable: string): LagSource {
  return async () => {
    try {
      const info = await jsm.consumers.info(streams.complaints, durable);
      return {
        pending: info.num_pending,
        unacknowledged: info.num_ack_pending,
        streamLastSequence: info.delivered.stream_seq + info.num_pending,
      };
    } catch (error) {
      // A status page must answer while NATS is away: say the lag is unknown.
      if (error instanceof Error) return null;
      throw error;
    }
  };
}

export async function checkpointOf(db: SqlExecutor) {
  const [row] = await db.query<{
    stream_sequence: string;
    position: string;
    events: string;
    updated_at: Date | string;
  }>(
    `SELECT stream_sequence::text, position, events::text, updated_at FROM projection_checkpoint WHERE name = $1`,
    [CHECKPOINT_NAME],
  );
  if (!row) return null;
  return {
    streamSequence: Number(row.stream_sequence),
    eventPosition: row.position,
    eventsApplied: Number(row.events),
    updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : row.updated_at,
  };
}
