import type { EventStore } from '@chp/eventstore';
import { actorOf, HttpProblem, requireRole, validate } from '@chp/platform';
import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../application/index.js';
import { type DeadLetterDesk, DeadLetterRefused, type DeadLetterState } from '../operator/index.js';
import { type Relay, relayStatus } from '../relay/index.js';
import { intParam } from './queries.js';
import { sendJson } from './representation.js';
import { routes } from './routes.js';

export interface AdminDeps {
  store: EventStore;
  clock: Clock;
  relay?: Pick<Relay, 'stats'>;
  /** The dead-letter desk (needs NATS); without it the dead-letter routes answer 503. */
  deadLetters?: DeadLetterDesk;
}

const deadLetterStates = ['open', 'replayed', 'discarded'] as const;
export const MAX_DEAD_LETTER_PAGE = 200;
export const deadLetterQuery = z.object({
  after: intParam(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: intParam(1, MAX_DEAD_LETTER_PAGE).optional(),
  state: z
    .string()
    .max(100)
    .transform((value) => value.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(deadLetterStates)).min(1))
    .optional(),
});
const sequences = z.array(z.number().int().positive()).min(1).max(100);
export const replayBody = z
  .object({
    sequences,
    /** A corrected payload (any JSON value) to send instead of the original; one sequence only. */
    payload: z.unknown().optional(),
  })
  .strict()
  .refine((body) => body.payload === undefined || body.sequences.length === 1, {
    path: ['payload'],
    message: 'a corrected payload replays exactly one dead letter',
  });
export const discardBody = z.object({ sequences }).strict();

function refusal(error: DeadLetterRefused, index: number): HttpProblem {
  return new HttpProblem({
    status: error.why === 'not_found' ? 404 : 409,
    kind: error.why === 'not_found' ? 'not-found' : 'not-replayable',
    title: error.why === 'not_found' ? 'No such dead letter' : 'Not replayable from here',
    detail: error.message,
    extensions: {
      errors: [{ in: 'body', pointer: `#/sequences/${index}`, detail: error.message, code: error.why }],
    },
  });
}

/**
 * Operators' routes: `GET /admin/v1/relay` (the relay's stored position and its lag behind the
 * event store) and the dead-letter desk (`/admin/v1/dead-letters`: list, replay, discard).
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  router.get(routes.relayStatus.path, requireRole(...routes.relayStatus.roles), async (_req, res) => {
    sendJson(res, 200, await relayStatus(deps.store, deps.relay ? { relay: deps.relay } : {}));
  });

  const desk = (): DeadLetterDesk => {
    if (deps.deadLetters) return deps.deadLetters;
    throw new HttpProblem({
      status: 503,
      kind: 'unavailable',
      title: 'Dead letters unavailable',
      detail: 'this replica has no NATS connection for the dead-letter desk',
    });
  };

  router.get(routes.deadLetters.path, requireRole(...routes.deadLetters.roles), async (req, res) => {
    const query = validate(deadLetterQuery, req.query, 'query');
    const states: readonly DeadLetterState[] = query.state ?? ['open', 'replayed'];
    const page = await desk().list({
      limit: query.limit ?? 50,
      states,
      ...(query.after !== undefined ? { after: query.after } : {}),
    });
    sendJson(res, 200, page);
  });

  /** Every sequence checked before anything is done: one unknown or unreplayable letter refuses all. */
  const checked = async (list: number[], forReplay: boolean) => {
    for (const [index, sequence] of list.entries()) {
      const entry = await desk().get(sequence);
      if (!entry)
        throw refusal(new DeadLetterRefused(sequence, 'not_found', `no dead letter ${sequence}`), index);
      if (forReplay && entry.replay === 'none') {
        throw refusal(
          new DeadLetterRefused(
            sequence,
            'not_replayable',
            `dead letter ${sequence} (${entry.originalSubject}) is not replayed from here: only channel submissions (intake.complaints.<channel>) are`,
          ),
          index,
        );
      }
    }
  };
  const unique = (list: number[]) => [...new Set(list)];

  router.post(
    routes.replayDeadLetters.path,
    requireRole(...routes.replayDeadLetters.roles),
    async (req, res) => {
      const body = validate(replayBody, req.body ?? {}, 'body');
      const list = unique(body.sequences);
      await checked(list, true);
      const payload =
        body.payload === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body.payload));
      const letters = [];
      for (const sequence of list) {
        letters.push(await desk().replay(sequence, actorOf(req).id, deps.clock.now(), payload));
      }
      sendJson(res, 200, { letters });
    },
  );

  router.post(
    routes.discardDeadLetters.path,
    requireRole(...routes.discardDeadLetters.roles),
    async (req, res) => {
      const body = validate(discardBody, req.body ?? {}, 'body');
      const list = unique(body.sequences);
      await checked(list, false);
      const letters = [];
      for (const sequence of list)
        letters.push(await desk().discard(sequence, actorOf(req).id, deps.clock.now()));
      sendJson(res, 200, { letters });
    },
  );
  return router;
}
