import type { CheckpointStore, Position } from '../port.js';
import type { SqlExecutor } from './driver.js';
import { decodePosition, encodePosition } from './positions.js';

/** Subscriber checkpoints in `es_checkpoints`, next to the events they point into. */
export function postgresCheckpoints(db: SqlExecutor): CheckpointStore {
  return {
    async load(subscriberId: string): Promise<Position | undefined> {
      validateSubscriberId(subscriberId);
      const [row] = await db.query<{ txid: string; pos: string }>(
        `SELECT transaction_id::text AS txid, global_position::text AS pos FROM es_checkpoints WHERE subscriber_id = $1`,
        [subscriberId],
        'es_checkpoint_load',
      );
      return row ? encodePosition(row.txid, row.pos) : undefined;
    },
    async store(subscriberId: string, position: Position): Promise<void> {
      validateSubscriberId(subscriberId);
      const { transactionId, globalPosition } = decodePosition(position);
      // Forward only, decided by the database so that concurrent writers cannot move it back.
      await db.query(
        `INSERT INTO es_checkpoints AS c (subscriber_id, transaction_id, global_position)
         VALUES ($1, $2::xid8, $3::bigint)
         ON CONFLICT (subscriber_id) DO UPDATE
           SET transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()
           WHERE (c.transaction_id, c.global_position) < (excluded.transaction_id, excluded.global_position)`,
        [subscriberId, transactionId, globalPosition],
        'es_checkpoint_store',
      );
    },
  };
}

export function validateSubscriberId(subscriberId: unknown): void {
  if (typeof subscriberId !== 'string' || subscriberId.length === 0 || subscriberId.length > 200) {
    throw new TypeError(
      `A subscriber id must be a non-empty string of at most 200 characters, got ${JSON.stringify(subscriberId)}`,
    );
  }
}
