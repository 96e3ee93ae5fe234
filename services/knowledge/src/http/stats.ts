import { requireRole, validate } from '@chp/platform';
import { Router } from 'express';
import { answerUsage, deflection } from '../read-model/index.js';
import type { KnowledgeHttpDeps } from './context.js';
import { sendJson } from './representation.js';
import { routes } from './routes.js';
import { usageQuery } from './schemas.js';

/** The supervisors' statistics: answer use per answer and version, and the portal's deflection rate. */
export function statsRouter(deps: KnowledgeHttpDeps): Router {
  const router = Router();
  router.get(routes.answerUsage.path, requireRole(...routes.answerUsage.roles), async (req, res) => {
    const query = validate(usageQuery, req.query, 'query');
    sendJson(res, 200, { items: await answerUsage(deps.db, query.answerId, query.limit) });
  });
  router.get(routes.deflection.path, requireRole(...routes.deflection.roles), async (_req, res) => {
    sendJson(res, 200, await deflection(deps.db));
  });
  return router;
}
