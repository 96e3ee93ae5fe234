import type { SqlDriver } from '@chp/eventstore';
import { requireRole, validate } from '@chp/platform';
import type { Router } from 'express';
import { type DrillContext, summaryOf } from '../query/index.js';
import {
  backlogQuerySchema,
  backlogReport,
  categoriesQuerySchema,
  categoriesReport,
  clocksQuerySchema,
  clocksReport,
  complianceQuerySchema,
  complianceReport,
  csatQuerySchema,
  csatReport,
  escalationsQuerySchema,
  escalationsReport,
  flowQuerySchema,
  flowReport,
  outcomesQuerySchema,
  outcomesReport,
} from '../reports/index.js';
import { routes } from './routes.js';

/** The morning view's report routes, each evaluated at one `now` (the figures' and their drill-downs'). */
export function reportRoutes(router: Router, db: SqlDriver, context: () => DrillContext): void {
  const get = <S extends { parse: unknown }>(
    route: { path: string; roles: readonly string[] },
    schema: Parameters<typeof validate>[0] & S,
    report: (query: never, ctx: DrillContext) => Promise<unknown>,
  ) => {
    router.get(
      route.path,
      requireRole(...(route.roles as Parameters<typeof requireRole>)),
      async (req, res) => {
        const query = validate(schema, req.query, 'query');
        res.json(await report(query as never, context()));
      },
    );
  };
  get(routes.reportClocks, clocksQuerySchema, (q, ctx) => clocksReport(db, q, ctx));
  get(routes.reportBacklog, backlogQuerySchema, (q, ctx) => backlogReport(db, q, ctx));
  get(routes.reportFlow, flowQuerySchema, (q, ctx) => flowReport(db, q, ctx));
  get(routes.reportOutcomes, outcomesQuerySchema, (q, ctx) => outcomesReport(db, q, ctx));
  get(routes.reportEscalations, escalationsQuerySchema, (q, ctx) => escalationsReport(db, q, ctx));
  get(routes.reportCsat, csatQuerySchema, async (q, ctx) => {
    const report = await csatReport(db, q, ctx);
    const rows = report.low.rows.map((row) => summaryOf(row, ctx.now, ctx.atRiskMs));
    return { ...report, low: { ...report.low, rows } };
  });
  get(routes.reportCategories, categoriesQuerySchema, (q, ctx) => categoriesReport(db, q, ctx));
  get(routes.reportCompliance, complianceQuerySchema, (q, ctx) => complianceReport(db, q, ctx));
}
