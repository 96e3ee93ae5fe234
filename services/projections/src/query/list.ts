import type { SqlExecutor } from '@chp/eventstore';
import { HttpProblem } from '@chp/platform';
import { type DrillContext, drillClauses } from './conditions.js';
import type { ListQuery, Sort } from './params.js';
import { type DbRow, summaryColumnsSql } from './representation.js';

const sortKeys: Record<string, { expr: string; type: string }> = {
  receivedAt: { expr: 'received_at', type: 'timestamptz' },
  updatedAt: { expr: 'updated_at', type: 'timestamptz' },
  // Nothing due sorts last ascending: a total order keeps the keyset exact.
  dueAt: { expr: "COALESCE(next_due_at, 'infinity'::timestamptz)", type: 'timestamptz' },
  priority: { expr: 'priority_rank', type: 'smallint' },
};

interface Cursor {
  s: Sort;
  v: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function badCursor(detail: string): HttpProblem {
  return new HttpProblem({
    status: 400,
    kind: 'validation',
    title: 'Invalid request',
    detail: `cursor: ${detail}`,
    extensions: { errors: [{ in: 'query', pointer: '#/cursor', detail, code: 'invalid_cursor' }] },
  });
}

function decodeCursor(raw: string, sort: Sort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw badCursor('is not a cursor this API issued');
    throw error;
  }
  const c = parsed as Partial<Cursor>;
  if (typeof c !== 'object' || c === null || typeof c.v !== 'string' || typeof c.id !== 'string') {
    throw badCursor('is not a cursor this API issued');
  }
  if (!UUID.test(c.id)) throw badCursor('is not a cursor this API issued');
  if (c.s !== sort) throw badCursor(`was issued for sort=${String(c.s)}, not sort=${sort}`);
  const type = (sortKeys[sort.replace('-', '')] ?? { type: 'timestamptz' }).type;
  if (!(type === 'smallint' ? SMALLINT : TIMESTAMP).test(c.v)) {
    throw badCursor('is not a cursor this API issued');
  }
  return c as Cursor;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SMALLINT = /^-?\d{1,4}$/;
// PostgreSQL's text form of a timestamptz (`2026-03-02 09:15:00.123+00`), or `infinity`.
const TIMESTAMP =
  /^(?:infinity|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)$/;

// SQLSTATE class 22, data exception: a cursor value of the right shape that PostgreSQL still
// refuses (month 13, hour 25).
const isDataException = (error: unknown): boolean =>
  error instanceof Error && /^22[0-9A-Z]{3}$/.test(String((error as { code?: unknown }).code));

/** A WHERE clause and its parameters, built up filter by filter. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: (string | null)[] = [];
  param(value: string): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(clause: string): void {
    this.clauses.push(clause);
  }
  get sql(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`;
  }
}

/** The customer's "one window": matches the e-mail (any case), the phone or the CRM id. */
export function customerClause(where: Where, key: string): void {
  const email = where.param(key.toLowerCase());
  const exact = where.param(key);
  where.add(`(customer_email = ${email} OR customer_phone = ${exact} OR customer_id = ${exact})`);
}

/** Evaluated now with the default window, unless the caller says otherwise. */
const defaultContext = (): DrillContext => ({ now: new Date(), atRiskMs: 2 * 3_600_000 });

export function filters(
  query: Partial<Omit<ListQuery, 'sort' | 'limit' | 'cursor'>>,
  context: DrillContext = defaultContext(),
  where: Where = new Where(),
): Where {
  const list = (column: string, values: string[] | undefined) => {
    if (values)
      where.add(
        `${column} IN (SELECT jsonb_array_elements_text(${where.param(JSON.stringify(values))}::jsonb))`,
      );
  };
  list('status', query.status);
  list('priority', query.priority);
  list('channel', query.channel);
  if (query.category) where.add(`category = ${where.param(query.category)}`);
  if (query.assignee) where.add(`assignee_id = ${where.param(query.assignee)}`);
  if (query.team) where.add(`team = ${where.param(query.team)}`);
  if (query.escalationLevel !== undefined)
    where.add(`escalation_level = ${where.param(String(query.escalationLevel))}::smallint`);
  if (typeof query.breached === 'string')
    // `breached AND`: equivalent (a breached target sets it), and lets the planner use the partial
    // index of open breached complaints.
    where.add(`breached AND breached_targets ? ${where.param(query.breached)}::text`);
  else if (query.breached !== undefined) where.add(query.breached ? 'breached' : 'NOT breached');
  if (query.dueBefore) where.add(`next_due_at < ${where.param(query.dueBefore)}::timestamptz`);
  if (query.customer) customerClause(where, query.customer);
  if (query.filedFrom) where.add(`received_at >= ${where.param(query.filedFrom)}::timestamptz`);
  if (query.filedTo) where.add(`received_at < ${where.param(query.filedTo)}::timestamptz`);
  // Lower-cased here as it was on the way in (full Unicode, unlike lower() in a C-locale database).
  if (query.q) where.add(`search @@ plainto_tsquery('simple', ${where.param(query.q.toLowerCase())})`);
  for (const clause of drillClauses(query, where, context)) where.add(clause);
  return where;
}

export interface ListPage {
  rows: DbRow[];
  nextCursor: string | null;
}

/**
 * One page in `(sort key, id)` order. The cursor is the last row's key: rows inserted meanwhile
 * fall either before it (not shown again) or after it (shown once), so pages never repeat or skip.
 */
export async function listComplaints(
  db: SqlExecutor,
  query: ListQuery,
  context: DrillContext = defaultContext(),
): Promise<ListPage> {
  const descending = query.sort.startsWith('-');
  const key = sortKeys[query.sort.replace('-', '')] ?? { expr: 'received_at', type: 'timestamptz' };
  const where = filters(query, context);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query.sort);
    where.add(
      `(${key.expr}, complaint_id) ${descending ? '<' : '>'} (${where.param(cursor.v)}::${key.type}, ${where.param(cursor.id)}::uuid)`,
    );
  }
  const direction = descending ? 'DESC' : 'ASC';
  let rows: DbRow[];
  try {
    rows = await db.query<DbRow>(
      `SELECT ${summaryColumnsSql}, (${key.expr})::text AS sort_key FROM complaint_summary ${where.sql}
       ORDER BY ${key.expr} ${direction}, complaint_id ${direction} LIMIT ${query.limit + 1}`,
      where.params,
    );
  } catch (error) {
    if (query.cursor && isDataException(error)) throw badCursor('is not a cursor this API issued');
    throw error;
  }
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      more && last
        ? encodeCursor({ s: query.sort, v: String(last.sort_key), id: String(last.complaint_id) })
        : null,
  };
}
