import { actorOf, HttpProblem, requireRole, validate } from '@chp/platform';
import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { type UnsettledEmails, UnsettledRefused } from '../operator/index.js';
import { routes } from './routes.js';

export const MAX_UNSETTLED_PAGE = 500;
export const unsettledQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_UNSETTLED_PAGE))
    .optional(),
});
/** A sent-log row's key, as `GET /admin/v1/unsettled-emails` lists it. */
export const rowKeyBody = z
  .object({
    eventId: z.uuid(),
    template: z.string().min(1).max(100),
    /** The lower-cased address, `''` when there is none. */
    recipient: z.string().max(320),
  })
  .strict();

function refusal(error: UnsettledRefused): HttpProblem {
  const notFound = error.why === 'not_found';
  return new HttpProblem({
    status: notFound ? 404 : 409,
    kind: notFound ? 'not-found' : 'not-resendable',
    title: notFound ? 'No such sent-log row' : 'Not resendable from here',
    detail: error.message,
    extensions: { errors: [{ in: 'body', pointer: '#/eventId', detail: error.message, code: error.why }] },
  });
}

const settled = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnsettledRefused) throw refusal(error);
    throw error;
  }
};

/**
 * The operators' unsettled e-mails: `GET /admin/v1/unsettled-emails` (the `unknown` rows, then the
 * decided ones), `POST …/resend` and `POST …/mark-delivered` (one row, decided once, recorded with the
 * token's subject). Without `verified` (no JWKS configured) every admin route answers 503.
 */
export function adminRouter(deps: { desk?: UnsettledEmails; verified: boolean; now: () => Date }): Router {
  const router = Router();
  // Checked before the role: without a JWKS no request carries a verified token.
  const desk = (): UnsettledEmails => {
    if (!deps.verified) {
      throw new HttpProblem({
        status: 503,
        kind: 'unavailable',
        title: 'Admin routes unavailable',
        detail:
          'notifications verifies tokens with a JWKS only (it holds no signing key), and JWT_JWKS_URL is not set',
      });
    }
    if (deps.desk) return deps.desk;
    throw new HttpProblem({
      status: 503,
      kind: 'unavailable',
      title: 'Admin routes unavailable',
      detail: 'the consumer of this process is not running',
    });
  };
  const available: RequestHandler = (_req, _res, next) => {
    desk();
    next();
  };

  router.get(
    routes.unsettledEmails.path,
    available,
    requireRole(...routes.unsettledEmails.roles),
    async (req, res) => {
      const query = validate(unsettledQuery, req.query, 'query');
      res.json({ items: await desk().list(query.limit ?? 100) });
    },
  );
  router.post(
    routes.resendUnsettledEmail.path,
    available,
    requireRole(...routes.resendUnsettledEmail.roles),
    async (req, res) => {
      const key = validate(rowKeyBody, req.body ?? {}, 'body');
      res.json(await settled(() => desk().resend(key, actorOf(req).id, deps.now())));
    },
  );
  router.post(
    routes.markEmailDelivered.path,
    available,
    requireRole(...routes.markEmailDelivered.roles),
    async (req, res) => {
      const key = validate(rowKeyBody, req.body ?? {}, 'body');
      res.json(await settled(() => desk().markDelivered(key, actorOf(req).id, deps.now())));
    },
  );
  return router;
}
