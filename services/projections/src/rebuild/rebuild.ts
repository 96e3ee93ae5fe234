import type { SqlDriver } from '@chp/eventstore';
import type { MessagingLogger } from '@chp/messaging';
import type { EventFeed } from '../feed/index.js';
import { applyBatch, applyInTransaction, liveTables, shadowTables, tableDdl } from '../store/index.js';

export interface RebuildState {
  state: 'idle' | 'running' | 'failed';
  generation: number;
  events: number;
  position: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface RebuilderOptions {
  db: SqlDriver;
  feed: EventFeed;
  /** Events per feed page and per shadow transaction. Default 1000 (the feed's maximum). */
  pageSize?: number;
  logger?: MessagingLogger;
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

  constructor(private readonly options: RebuilderOptions) {
    this.#pageSize = options.pageSize ?? 1000;
  }

  async state(): Promise<RebuildState> {
    const [row] = await this.options.db.query<Record<string, unknown>>(
      `SELECT state, generation, events::text AS events, position, started_at, finished_at, error
       FROM projection_rebuild WHERE name = 'complaints'`,
    );
    return {
      state: (row?.state as RebuildState['state']) ?? 'idle',
      generation: Number(row?.generation ?? 0),
      events: Number(row?.events ?? 0),
      position: (row?.position as string | null) ?? null,
      startedAt: iso(row?.started_at),
      finishedAt: iso(row?.finished_at),
      error: (row?.error as string | null) ?? null,
    };
  }

  /** Starts a rebuild in the background; false when one is already running (on any replica). */
  async start(): Promise<boolean> {
    const claimed = await this.options.db.query<{ generation: number }>(
      `UPDATE projection_rebuild SET state = 'running', generation = generation + 1, events = 0, position = NULL,
         started_at = now(), finished_at = NULL, error = NULL
       WHERE name = 'complaints' AND state <> 'running' RETURNING generation`,
    );
    const generation = claimed[0]?.generation;
    if (generation === undefined) return false;
    this.#running = this.#run(generation).catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger?.error({ err: { name: 'RebuildError', message } }, 'read-model rebuild failed');
      await this.options.db.query(
        `UPDATE projection_rebuild SET state = 'failed', finished_at = now(), error = $1 WHERE name = 'complaints'`,
        [message.slice(0, 2000)],
      );
    });
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
      await db.query(
        `UPDATE projection_rebuild SET events = $1::bigint, position = $2 WHERE name = 'complaints'`,
        [String(events), after ?? null],
      );
      if (page.events.length < this.#pageSize) break;
    }
    await db.transaction(async (tx) => {
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
      await tx.query(
        `UPDATE projection_rebuild SET state = 'idle', events = $1::bigint, position = $2, finished_at = now()
         WHERE name = 'complaints'`,
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
