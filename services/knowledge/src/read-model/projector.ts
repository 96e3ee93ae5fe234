import { KNOWLEDGE_STREAM_PREFIX, type KnowledgeEvent } from '@chp/contracts';
import type { EventStore, Position, RecordedEvent, SqlDriver, Subscription } from '@chp/eventstore';
import { type Logger, loggableError, sleep } from '@chp/platform';
import { applyEvent } from './apply.js';

const CHECKPOINT = 'knowledge';

export interface Projector {
  /** Resolves once the read model holds everything up to `position` (false after `timeoutMs`). */
  caughtUp(position: Position, timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** Applies one recorded event and moves the checkpoint, in one transaction: each event counts once. */
export async function project(db: SqlDriver, event: RecordedEvent): Promise<void> {
  await db.transaction(async (tx) => {
    await applyEvent(tx, { type: event.type, data: event.data } as KnowledgeEvent);
    await tx.query(
      `INSERT INTO kn_checkpoint (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
      [CHECKPOINT, String(event.position)],
      'kn_checkpoint',
    );
  });
}

/**
 * Follows the event store's `knowledge-` streams from the read model's checkpoint into the read
 * model. On an error it logs, waits and resubscribes from the checkpoint.
 */
export async function startProjector(deps: {
  store: EventStore;
  db: SqlDriver;
  logger?: Logger;
}): Promise<Projector> {
  const { store, db, logger } = deps;
  const rows = await db.query<{ position: string }>('SELECT position FROM kn_checkpoint WHERE name = $1', [
    CHECKPOINT,
  ]);
  let applied: Position | undefined = rows[0] ? store.parsePosition(rows[0].position) : undefined;
  let stopped = false;
  let subscription: Subscription | undefined;
  const waiters = new Set<{ position: Position; resolve: (reached: boolean) => void }>();

  const reached = (position: Position) =>
    applied !== undefined && store.comparePositions(applied, position) >= 0;
  const wake = () => {
    for (const waiter of waiters) {
      if (reached(waiter.position)) {
        waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  };

  const run = async () => {
    while (!stopped) {
      subscription = store.subscribeToAll({
        ...(applied !== undefined ? { after: applied } : {}),
        filter: { streamNamePrefix: KNOWLEDGE_STREAM_PREFIX },
      });
      try {
        for await (const event of subscription) {
          await project(db, event);
          applied = event.position;
          wake();
        }
      } catch (error) {
        if (stopped) return;
        logger?.error({ err: loggableError(error) }, 'knowledge projector failed; resubscribing');
        await sleep(1_000);
      }
    }
  };
  const running = run();

  return {
    caughtUp(position, timeoutMs = 5_000) {
      if (reached(position)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = { position, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) resolve(false);
        }, timeoutMs).unref();
      });
    },
    async stop() {
      stopped = true;
      await subscription?.stop();
      await running;
      for (const waiter of waiters) waiter.resolve(false);
      waiters.clear();
    },
  };
}
