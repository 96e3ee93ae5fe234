import type { EventStore } from '@chp/eventstore';
import { requireRole } from '@chp/platform';
import { Router } from 'express';
import { type Relay, relayStatus } from '../relay/index.js';
import { sendJson } from './representation.js';
import { routes } from './routes.js';

/** `GET /admin/v1/relay`: the relay's stored position and its lag behind the event store. */
export function adminRouter(deps: { store: EventStore; relay?: Pick<Relay, 'stats'> }): Router {
  const router = Router();
  router.get(routes.relayStatus.path, requireRole(...routes.relayStatus.roles), async (_req, res) => {
    sendJson(res, 200, await relayStatus(deps.store, deps.relay ? { relay: deps.relay } : {}));
  });
  return router;
}
