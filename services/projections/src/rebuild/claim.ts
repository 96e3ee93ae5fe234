import type { SqlDriver, SqlExecutor } from '@chp/eventstore';

/** The one row of `projection_rebuild`. */
export const REBUILD_NAME = 'complaints';

/** This rebuild is no longer ours: another owner took it over after our heartbeat went stale. */
export class RebuildSupersededError extends Error {
  constructor(owner: string, generation: number) {
    super(`rebuild generation ${generation} of ${owner} was taken over by another owner`);
    this.name = 'RebuildSupersededError';
  }
}

export interface Claim {
  generation: number;
  /** The owner of the abandoned rebuild this claim took over, if any. */
  tookOverFrom: string | null;
}

/**
 * Claims the rebuild for `owner`: when none is running, or when the running one's heartbeat
 * (its start, for a row written before heartbeats existed) is older than `staleAfterMs` — its
 * process died mid-way, and without this rule no rebuild could ever run again. Undefined when a
 * live rebuild holds it. The row lock serialises replicas claiming at the same time.
 */
export async function claimRebuild(
  db: SqlDriver,
  owner: string,
  staleAfterMs: number,
): Promise<Claim | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ state: string; owner: string | null; stale: boolean }>(
      `SELECT state, owner,
         COALESCE(heartbeat_at, started_at, '-infinity') < now() - $2::bigint * interval '1 millisecond' AS stale
       FROM projection_rebuild WHERE name = $1 FOR UPDATE`,
      [REBUILD_NAME, String(staleAfterMs)],
    );
    if (!row) throw new Error('projection_rebuild has no row: run migrate() first');
    if (row.state === 'running' && !row.stale) return undefined;
    const [claimed] = await tx.query<{ generation: number }>(
      `UPDATE projection_rebuild SET state = 'running', generation = generation + 1, owner = $2,
         heartbeat_at = now(), events = 0, position = NULL, started_at = now(), finished_at = NULL, error = NULL
       WHERE name = $1 RETURNING generation`,
      [REBUILD_NAME, owner],
    );
    if (!claimed) throw new Error('projection_rebuild row vanished while locked');
    return {
      generation: claimed.generation,
      tookOverFrom: row.state === 'running' ? (row.owner ?? '?') : null,
    };
  });
}

/**
 * Runs `sql` on the rebuild row only while `owner` still holds `generation` (appending the
 * ownership condition); throws {@link RebuildSupersededError} otherwise.
 */
export async function whileOwner(
  db: SqlExecutor,
  owner: string,
  generation: number,
  set: string,
  params: (string | null)[] = [],
): Promise<void> {
  const n = params.length;
  const rows = await db.query(
    `UPDATE projection_rebuild SET ${set}
     WHERE name = $${n + 1} AND owner = $${n + 2} AND generation = $${n + 3}::integer AND state = 'running' RETURNING 1`,
    [...params, REBUILD_NAME, owner, String(generation)],
  );
  if (rows.length === 0) throw new RebuildSupersededError(owner, generation);
}
