import { commandProblem, isoDateTime, parseReference } from '@chp/contracts';
import type { EventStore } from '@chp/eventstore';
import { HttpProblem, requireRole, validate } from '@chp/platform';
import { type Response, Router } from 'express';
import { z } from 'zod';
import {
  type Clock,
  type CommandHandler,
  complaintIdOfReference,
  MAX_AUDIT_PAGE,
  readAuditTrail,
} from '../application/index.js';
import { clockInputOf } from '../complaint/index.js';
import { computeClocks, type PolicySet } from '../sla/index.js';
import { complaintParams } from './commands.js';
import { etagOf, sendJson } from './representation.js';
import { routes } from './routes.js';

export interface QueryDeps {
  store: EventStore;
  handler: CommandHandler;
  clock: Clock;
  policies: PolicySet;
}

/** A whole number in a query string, within bounds. */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const stateQuery = z.object({ asOf: isoDateTime().optional() });
export const auditQuery = z.object({
  from: intParam(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: intParam(1, MAX_AUDIT_PAGE).optional(),
});
export const referenceParams = z.object({ ref: z.string().max(100) });

function complaintNotFound(detail: string): HttpProblem {
  const { status, type, title } = commandProblem('not_found');
  return new HttpProblem({ status, kind: type, title, detail });
}

/**
 * The complaint as it is (with an `ETag`) or was at `asOf` (no `ETag`: a past revision is not one to
 * send in `If-Match`), with its SLA clocks computed at that instant.
 */
async function sendComplaint(
  deps: QueryDeps,
  res: Response,
  complaintId: string,
  asOfText?: string,
): Promise<void> {
  const asOf = asOfText === undefined ? undefined : new Date(asOfText);
  const loaded = await deps.handler.load(complaintId, asOf === undefined ? {} : { asOf });
  if (loaded === undefined) {
    throw complaintNotFound(
      asOf === undefined
        ? `No complaint ${complaintId}`
        : `Complaint ${complaintId} had not been filed at ${asOf.toISOString()}`,
    );
  }
  const at = asOf ?? deps.clock.now();
  const input = clockInputOf(loaded.state, deps.policies);
  if (asOf === undefined) res.set('ETag', etagOf(loaded.revision));
  sendJson(res, 200, {
    complaintId,
    revision: loaded.revision,
    ...(asOf === undefined ? {} : { asOf: asOf.toISOString() }),
    state: loaded.state,
    clocks: input === undefined ? null : computeClocks(input, at),
  });
}

/** `GET /v1/complaints/by-reference/:ref`, `GET /v1/complaints/:id[?asOf=]`, `GET /v1/complaints/:id/events`. */
export function queryRouter(deps: QueryDeps): Router {
  const router = Router();
  const { complaintByReference: byReference, complaint, auditTrail } = routes;

  // Before `/:id/...`, so that the literal segment is never taken for an id.
  router.get(byReference.path, requireRole(...byReference.roles), async (req, res) => {
    const { ref } = validate(referenceParams, req.params, 'params');
    const parsed = parseReference(ref);
    if (!parsed.ok) {
      throw new HttpProblem({
        status: 400,
        kind: 'invalid-reference',
        title: parsed.reason === 'check_character' ? 'Wrong check character' : 'Not a complaint reference',
        detail: parsed.message,
        extensions: {
          reason: parsed.reason,
          errors: [{ in: 'params', pointer: '#/ref', detail: parsed.message, code: parsed.reason }],
        },
      });
    }
    const complaintId = await complaintIdOfReference(deps.store, parsed.reference);
    if (complaintId === undefined)
      throw complaintNotFound(`No complaint has the reference ${parsed.reference}`);
    res.set('Content-Location', `/v1/complaints/${complaintId}`);
    await sendComplaint(deps, res, complaintId);
  });

  router.get(complaint.path, requireRole(...complaint.roles), async (req, res) => {
    const { id } = validate(complaintParams, req.params, 'params');
    const { asOf } = validate(stateQuery, req.query, 'query');
    await sendComplaint(deps, res, id, asOf);
  });

  router.get(auditTrail.path, requireRole(...auditTrail.roles), async (req, res) => {
    const { id } = validate(complaintParams, req.params, 'params');
    const query = validate(auditQuery, req.query, 'query');
    const page = await readAuditTrail(deps.store, id, query);
    if (page === undefined) throw complaintNotFound(`No complaint ${id}`);
    sendJson(res, 200, page);
  });

  return router;
}
