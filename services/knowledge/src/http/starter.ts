import { requireRole } from '@chp/platform';
import { Router } from 'express';
import { loadStarterSet } from '../starter/index.js';
import { type KnowledgeHttpDeps, readYourWrites } from './context.js';
import { sendJson } from './representation.js';
import { routes } from './routes.js';

/** Loads the bundled starter set (idempotent: a second call changes nothing). */
export function starterRouter(deps: KnowledgeHttpDeps): Router {
  const router = Router();
  router.post(routes.starterSet.path, requireRole(...routes.starterSet.roles), async (req, res) => {
    const actor = req.actor;
    const report = await loadStarterSet(deps.handler, {
      id: actor?.id ?? 'starter-set',
      role: actor?.role === 'admin' ? 'admin' : 'supervisor',
    });
    if (report.position !== undefined)
      await readYourWrites(deps, { events: [], revision: 0n, position: report.position });
    sendJson(res, 200, { answers: report.answers, questions: report.questions });
  });
  return router;
}
