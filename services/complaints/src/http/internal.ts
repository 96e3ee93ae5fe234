import { complaintIdSchema } from '@chp/contracts';
import { type EventStore, InvalidPosition } from '@chp/eventstore';
import { HttpProblem, requireRole, validate } from '@chp/platform';
import { Router } from 'express';
import { z } from 'zod';
import { MAX_FEED_PAGE, readEventFeed } from '../application/index.js';
import { intParam } from './queries.js';
import { sendJson } from './representation.js';
import { routes } from './routes.js';

export const feedQuery = z.object({
  after: z.string().min(1).max(200).optional(),
  limit: intParam(1, MAX_FEED_PAGE).optional(),
  complaintId: complaintIdSchema.optional(),
});

function parseAfter(store: EventStore, raw: string): string {
  try {
    return store.parsePosition(raw);
  } catch (error) {
    if (!(error instanceof InvalidPosition)) throw error;
    throw new HttpProblem({
      status: 400,
      kind: 'validation',
      title: 'Invalid request',
      detail: `after is not a checkpoint of this feed: ${error.reason}`,
      extensions: {
        errors: [{ in: 'query', pointer: '#/after', detail: error.reason, code: 'invalid_position' }],
      },
    });
  }
}

/** `GET /internal/v1/events?after=<checkpoint>&limit=`: every complaint event in global order, paged. */
export function internalRouter(deps: { store: EventStore }): Router {
  const router = Router();
  router.get(routes.eventFeed.path, requireRole(...routes.eventFeed.roles), async (req, res) => {
    const query = validate(feedQuery, req.query, 'query');
    const page = await readEventFeed(deps.store, {
      ...(query.after === undefined ? {} : { after: parseAfter(deps.store, query.after) }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
      ...(query.complaintId === undefined ? {} : { complaintId: query.complaintId }),
    });
    sendJson(res, 200, page);
  });
  return router;
}
