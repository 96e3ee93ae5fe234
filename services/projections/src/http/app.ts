import type { SqlDriver } from '@chp/eventstore';
import {
  type AuthOptions,
  createHttpApp,
  finalize,
  HttpProblem,
  type Logger,
  type RateLimiter,
  type RateLimitOptions,
  type ReadinessCheck,
  requireRole,
  type TokenVerifier,
  validate,
} from '@chp/platform';
import type { Express, Request, Response } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import {
  atRisk,
  atRiskQuerySchema,
  breaches,
  breachesQuerySchema,
  complaintDetail,
  listComplaints,
  listQuerySchema,
  statsCsvRow,
  statsOverview,
  statsQuerySchema,
  summaryCsvRow,
  summaryOf,
  toCsv,
} from '../query/index.js';
import type { Rebuilder } from '../rebuild/index.js';
import { checkpointOf, type LagSource } from '../status/index.js';
import { reportRoutes } from './reports.js';
import { routes } from './routes.js';

export interface ProjectionsAppDeps {
  db: SqlDriver;
  rebuilder: Rebuilder;
  lag?: LagSource;
  auth: AuthOptions | TokenVerifier;
  /** Per client (token subject, or address without a valid token); none when unset (tests). */
  rateLimit?: RateLimitOptions | RateLimiter;
  /** express's `trust proxy`, so that a client's address behind a load balancer is its own. */
  trustProxy?: boolean | number | string;
  /** Injected so tests decide what "at risk" means now. */
  now?: () => Date;
  /** A complaint due within this window is `atRisk` in lists. Default 2 h. */
  atRiskMs?: number;
  logger?: Logger;
  readiness?: Record<string, ReadinessCheck>;
}

const wantsCsv = (req: Request): boolean => req.accepts(['application/json', 'text/csv']) === 'text/csv';
/**
 * A CSV report. A paged list has no body to carry `nextCursor`, so the next page is in the headers:
 * `Link: <same query with cursor=…>; rel="next"` (RFC 8288) and `X-Next-Cursor`.
 */
const sendCsv = (req: Request, res: Response, name: string, csv: string, nextCursor?: string | null) => {
  if (nextCursor) {
    const next = new URL(req.originalUrl, 'http://projections.invalid');
    next.searchParams.set('cursor', nextCursor);
    res.set('link', `<${next.pathname}${next.search}>; rel="next"`).set('x-next-cursor', nextCursor);
  }
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('content-disposition', `attachment; filename="${name}.csv"`)
    .send(csv);
};

export const idParams = z.object({ id: z.uuid() });
export const keyParams = z.object({ key: z.string().trim().min(1).max(254) });
export const customerQuery = listQuerySchema.pick({ sort: true, cursor: true, limit: true });

/** The query API on the platform kit (health, readiness, metrics, auth, problem+json). Finalized. */
export function createProjectionsApp(deps: ProjectionsAppDeps): Express {
  const now = deps.now ?? (() => new Date());
  const atRiskMs = deps.atRiskMs ?? 2 * 3_600_000;
  const app = createHttpApp({
    service: 'projections',
    auth: deps.auth,
    ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}),
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.readiness ? { readiness: deps.readiness } : {}),
  });
  const router = Router();

  router.get(routes.complaints.path, requireRole(...routes.complaints.roles), async (req, res) => {
    const query = validate(listQuerySchema, req.query, 'query');
    const at = now();
    const page = await listComplaints(deps.db, query, { now: at, atRiskMs });
    const items = page.rows.map((row) => summaryOf(row, at, atRiskMs));
    if (wantsCsv(req))
      return void sendCsv(req, res, 'complaints', toCsv(items.map(summaryCsvRow)), page.nextCursor);
    res.json({ items, nextCursor: page.nextCursor });
  });

  router.get(routes.complaint.path, requireRole(...routes.complaint.roles), async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const detail = await complaintDetail(deps.db, id.toLowerCase());
    if (!detail) throw new HttpProblem({ status: 404, kind: 'not-found', detail: `no complaint ${id}` });
    const { row } = detail;
    res.json({
      ...summaryOf(row, now(), atRiskMs),
      description: row.description,
      slaPolicy: row.sla_policy,
      escalationReasons: row.escalation_reasons,
      outcome: row.outcome,
      closeReason: row.close_reason,
      firstContact: row.first_contact,
      notesCount: row.notes_count,
      links: row.links,
      timeline: detail.timeline,
    });
  });

  router.get(routes.byCustomer.path, requireRole(...routes.byCustomer.roles), async (req, res) => {
    const { key } = validate(keyParams, req.params, 'params');
    const query = validate(customerQuery, req.query, 'query');
    const page = await listComplaints(deps.db, { ...query, customer: key });
    const items = page.rows.map((row) => summaryOf(row, now(), atRiskMs));
    if (wantsCsv(req))
      return void sendCsv(req, res, 'customer-complaints', toCsv(items.map(summaryCsvRow)), page.nextCursor);
    res.json({ customer: key, items, nextCursor: page.nextCursor });
  });

  router.get(routes.slaAtRisk.path, requireRole(...routes.slaAtRisk.roles), async (req, res) => {
    const query = validate(atRiskQuerySchema, req.query, 'query');
    const at = now();
    const board = await atRisk(deps.db, {
      now: at,
      withinMs: query.within,
      limit: query.limit,
      ...(query.team ? { team: query.team } : {}),
    });
    const items = board.rows.map((row) => summaryOf(row, at, query.within));
    if (wantsCsv(req)) return void sendCsv(req, res, 'sla-at-risk', toCsv(items.map(summaryCsvRow)));
    res.json({ asOf: at.toISOString(), withinSeconds: query.within / 1000, byTeam: board.byTeam, items });
  });

  router.get(routes.slaBreaches.path, requireRole(...routes.slaBreaches.roles), async (req, res) => {
    const query = validate(breachesQuerySchema, req.query, 'query');
    const board = await breaches(deps.db, {
      limit: query.limit,
      ...(query.team ? { team: query.team } : {}),
      ...(query.since ? { since: query.since } : {}),
    });
    const items = board.rows.map((row) => summaryOf(row, now(), atRiskMs));
    if (wantsCsv(req)) return void sendCsv(req, res, 'sla-breaches', toCsv(items.map(summaryCsvRow)));
    res.json({ byTeam: board.byTeam, items });
  });

  router.get(routes.statsOverview.path, requireRole(...routes.statsOverview.roles), async (req, res) => {
    const query = validate(statsQuerySchema, req.query, 'query');
    const groups = await statsOverview(deps.db, query);
    if (wantsCsv(req)) return void sendCsv(req, res, 'stats', toCsv(groups.map(statsCsvRow)));
    res.json({ from: query.from, to: query.to, groupBy: query.groupBy ?? null, groups });
  });

  reportRoutes(router, deps.db, () => ({ now: now(), atRiskMs }));

  router.get(routes.status.path, requireRole(...routes.status.roles), async (_req, res) => {
    const [position, lag, rebuild] = await Promise.all([
      checkpointOf(deps.db),
      deps.lag ? deps.lag() : Promise.resolve(null),
      deps.rebuilder.state(),
    ]);
    res.json({ position, lag, rebuild });
  });

  router.post(routes.rebuild.path, requireRole(...routes.rebuild.roles), async (_req, res) => {
    const started = await deps.rebuilder.start();
    if (!started) {
      throw new HttpProblem({ status: 409, kind: 'rebuild-running', detail: 'a rebuild is already running' });
    }
    res.status(202).json({ rebuild: await deps.rebuilder.state(), status: '/v1/status' });
  });

  app.use(router);
  return finalize(app);
}
