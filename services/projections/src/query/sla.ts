import type { SqlExecutor } from '@chp/eventstore';
import { type DbRow, summaryColumnsSql } from './representation.js';

/** Open complaints whose next due time falls in (now, now + within], soonest first, with counts by team. */
export async function atRisk(
  db: SqlExecutor,
  options: { now: Date; withinMs: number; team?: string; limit: number },
): Promise<{ rows: DbRow[]; byTeam: Record<string, number> }> {
  const params = [
    options.now.toISOString(),
    new Date(options.now.getTime() + options.withinMs).toISOString(),
  ];
  let where = 'next_due_at > $1::timestamptz AND next_due_at <= $2::timestamptz';
  if (options.team) {
    params.push(options.team);
    where += ` AND team = $${params.length}`;
  }
  return board(db, where, params, 'next_due_at ASC, complaint_id', options.limit);
}

/** Complaints with a recorded SLA breach, latest first, with counts by team. */
export async function breaches(
  db: SqlExecutor,
  options: { team?: string; since?: string; limit: number },
): Promise<{ rows: DbRow[]; byTeam: Record<string, number> }> {
  const params: string[] = [];
  let where = 'breached';
  if (options.team) {
    params.push(options.team);
    where += ` AND team = $${params.length}`;
  }
  if (options.since) {
    params.push(options.since);
    where += ` AND first_breached_at >= $${params.length}::timestamptz`;
  }
  return board(db, where, params, 'first_breached_at DESC, complaint_id', options.limit);
}

async function board(db: SqlExecutor, where: string, params: string[], order: string, limit: number) {
  const [rows, teams] = await Promise.all([
    db.query<DbRow>(
      `SELECT ${summaryColumnsSql}, first_breached_at FROM complaint_summary WHERE ${where} ORDER BY ${order} LIMIT ${limit}`,
      params,
    ),
    db.query<{ team: string; count: string }>(
      `SELECT COALESCE(team, '(unassigned)') AS team, count(*)::text AS count FROM complaint_summary
       WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    ),
  ]);
  return { rows, byTeam: Object.fromEntries(teams.map((t) => [t.team, Number(t.count)])) };
}
