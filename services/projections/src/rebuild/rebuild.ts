import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqlDriver } from '@chp/eventstore';
import type { MessagingLogger } from '@chp/messaging';
import { loggableError } from '@chp/platform';
import type { EventFeed } from '../feed/index.js';
import { applyBatch, applyInTransaction, liveTables, shadowTables, tableDdl } from '../store/index.js';
import { claimRebuild, RebuildSupersededError, whileOwner } from './claim.js';

export interface RebuildState {
  state: 'idle' | 'running' | 'failed';
  generation: number;
  events: number;
  position: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Who runs (or last ran) it: `<host>:<pid>:<random>`. */
  owner: string | null;
  /** Refreshed while it runs; a `running` state with an old heartbeat is abandoned. */
  heartbeatAt: string | null;
}

/** Where a rebuild stands after each page written to the shadow tables. */
export interface RebuildProgress {
  generation: number;
  events: number;
  position: string | null;
}

export interface RebuilderOptions {
  db: SqlDriver;
  feed: EventFeed;
  /** Events per feed page and per shadow transaction. Default 1000 (the feed's maximum). */
  pageSize?: number;
  logger?: MessagingLogger;
  /** This process's name in the rebuild row. Default `<host>:<pid>:<random>`. */
  owner?: string;
  /** How often the running rebuild refreshes its heartbeat. Default 5 s. */
  heartbeatMs?: number;
  /** A `running` rebuild whose heartbeat is older than this is abandoned and may be taken over. Default 60 s. */
  staleAfterMs?: number;
  /**
   * Awaited after each page is written to the shadow tables, before the next (tests hold a rebuild
   * mid-way with it; the heartbeat keeps beating meanwhile).
   */
  afterPage?: (progress: RebuildProgress) => Promise<void>;
}

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

/**
 * Rebuilds the read model from the complaints feed into shadow tables while the live ones keep
 * answering and the consumer keeps writing to them, then swaps them in one transaction: it locks
 * the live tables, applies the feed's tail to the shadow (so the shadow holds every event the live
 * tables hold, and more), and renames. Events the consumer sees afterwards are duplicates or new.
 */
export class Rebuilder {
  #running: Promise<void> | undefined;
  readonly #pageSize: number;
  readonly owner: string;

  constructor(private readonly options: RebuilderOptions) {
    this.#pageSize = options.pageSize ?? 1000;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  async state(): Promise<RebuildState> {
    const [row] = await this.options.db.query<Record<string, unknown>>(
      `SELECT state, generation, events::text AS events, position, started_at, finished_at, error,
         owner, heartbeat_at FROM projection_rebuild WHERE name = 'complaints'`,
    );
    return {
      state: (row?.state as RebuildState['state']) ?? 'idle',
      generation: Number(row?.generation ?? 0),
      events: Number(row?.events ?? 0),
      position: (row?.position as string | null) ?? null,
      startedAt: iso(row?.started_at),
      finishedAt: iso(row?.finished_at),
      error: (row?.error as string | null) ?? null,
      owner: (row?.owner as string | null) ?? null,
      heartbeatAt: iso(row?.heartbeat_at),
    };
  }

  /**
   * Starts a rebuild in the background; false when a live one is running (on any replica). A
   * `running` rebuild whose heartbeat is older than `staleAfterMs` was abandoned (its process died):
   * it is taken over, and its shadow tables are dropped and built afresh.
   */
  async start(): Promise<boolean> {
    const { db, logger } = this.options;
    const claim = await claimRebuild(db, this.owner, this.options.staleAfterMs ?? 60_000);
    if (claim === undefined) return false;
    const { generation } = claim;
    if (claim.tookOverFrom !== null) {
      logger?.warn(
        { abandonedBy: claim.tookOverFrom, generation },
        'took over an abandoned read-model rebuild',
      );
    }
    const heartbeat = setInterval(() => {
      whileOwner(db, this.owner, generation, 'heartbeat_at = now()').catch((error: unknown) => {
        // A superseded run notices at its next page; a failed beat is retried at the next tick.
        if (!(error instanceof RebuildSupersededError))
          logger?.warn({ err: loggableError(error) }, 'rebuild heartbeat failed');
      });
    }, this.options.heartbeatMs ?? 5_000);
    heartbeat.unref();
    this.#running = this.#run(generation)
      .catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        logger?.error({ err: { name: 'RebuildError', message } }, 'read-model rebuild failed');
        // Only our own generation is marked failed: a superseded run must not clobber its successor.
        if (error instanceof RebuildSupersededError) return;
        await whileOwner(db, this.owner, generation, `state = 'failed', finished_at = now(), error = $1`, [
          message.slice(0, 2000),
        ]).catch((marking: unknown) => logger?.warn({ err: marking }, 'could not mark the rebuild failed'));
      })
      .finally(() => clearInterval(heartbeat));
    return true;
  }

  /** Resolves when the rebuild this process started has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#running;
  }

  async #run(generation: number): Promise<void> {
    const { db, feed } = this.options;
    await db.exec(
      `DROP TABLE IF EXISTS ${shadowTables.summary}; DROP TABLE IF EXISTS ${shadowTables.timeline};
       ${tableDdl(shadowTables, `g${generation}`)}`,
    );
    let after: string | undefined;
    let events = 0;
    for (;;) {
      const page = await feed.read(after, this.#pageSize);
      if (page.events.length > 0) await applyBatch(db, shadowTables, page.events);
      events += page.events.length;
      if (page.next !== null) after = page.next;
      await whileOwner(
        db,
        this.owner,
        generation,
        'events = $1::bigint, position = $2, heartbeat_at = now()',
        [String(events), after ?? null],
      );
      await this.options.afterPage?.({ generation, events, position: after ?? null });
      if (page.events.length < this.#pageSize) break;
    }
    await db.transaction(async (tx) => {
      // Still ours? The row lock then keeps a successor from claiming until the swap commits.
      await whileOwner(tx, this.owner, generation, 'heartbeat_at = now()');
      await tx.query(`LOCK TABLE ${liveTables.summary}, ${liveTables.timeline} IN ACCESS EXCLUSIVE MODE`);
      for (;;) {
        const page = await feed.read(after, this.#pageSize);
        if (page.events.length > 0) await applyInTransaction(tx, shadowTables, page.events);
        events += page.events.length;
        if (page.next !== null) after = page.next;
        if (page.events.length < this.#pageSize) break;
      }
      await tx.exec(`
        ALTER TABLE ${liveTables.summary} RENAME TO complaint_summary_retired;
        ALTER TABLE ${liveTables.timeline} RENAME TO complaint_timeline_retired;
        ALTER TABLE ${shadowTables.summary} RENAME TO ${liveTables.summary};
        ALTER TABLE ${shadowTables.timeline} RENAME TO ${liveTables.timeline};
        DROP TABLE complaint_summary_retired;
        DROP TABLE complaint_timeline_retired;`);
      await whileOwner(
        tx,
        this.owner,
        generation,
        `state = 'idle', events = $1::bigint, position = $2, finished_at = now()`,
        [String(events), after ?? null],
      );
    });
    this.options.logger?.info({ events, generation }, 'read model rebuilt and swapped in');
  }
}

/** True when nothing was ever projected: no rows and no checkpoint (a deleted read model). */
export async function isEmptyReadModel(db: SqlDriver): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM ${liveTables.summary}) AND NOT EXISTS (SELECT 1 FROM projection_checkpoint) AS empty`,
  );
  return row?.empty === true;
}
