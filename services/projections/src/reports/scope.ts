import { type DrillContext, type DrillQuery, drillHref, filters, Where } from '../query/index.js';

/** Clauses of their own, parameters numbered in another `Where`'s list. */
class SharedParams extends Where {
  constructor(private readonly owner: Where) {
    super();
  }
  override param(value: string): string {
    return this.owner.param(value);
  }
}

/** A count and the list query that returns exactly the complaints counted. */
export interface Figure {
  count: number;
  drillDown: string;
}

/**
 * One report query's rows (`base`, as a drill-down query) and its figures: each figure's SQL is
 * the list's own filters for its extra conditions, on the same parameters, so the count and the
 * drill-down (`base` plus `extra`) select the same complaints.
 */
export class Scope {
  readonly where = new Where();
  constructor(
    readonly base: DrillQuery,
    readonly context: DrillContext,
  ) {
    filters(base, context, this.where);
    this.baseParams = [...this.where.params] as string[];
  }

  /** The parameters of the base conditions alone (a query without the figures' own). */
  readonly baseParams: string[];

  /** The base conditions (figures add parameters to this scope, never clauses). */
  get baseSql(): string {
    return this.where.clauses.length === 0 ? 'true' : this.where.clauses.join(' AND ');
  }

  /** A figure's own conditions as SQL (for `FILTER (WHERE …)`), and its drill-down. */
  figure(extra: DrillQuery): { sql: string; href: string } {
    const own = filters(extra, this.context, new SharedParams(this.where));
    return {
      sql: own.clauses.length === 0 ? 'true' : own.clauses.join(' AND '),
      href: drillHref({ ...this.base, ...extra }),
    };
  }

  /** Extra conditions as SQL only (a group's key, say), parameters shared. */
  param(value: string): string {
    return this.where.param(value);
  }
}

export const figureOf = (count: unknown, href: string): Figure => ({
  count: Number(count ?? 0),
  drillDown: href,
});
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : (part / whole) * 100;
