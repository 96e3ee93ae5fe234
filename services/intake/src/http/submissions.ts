import { type CommandError, commandProblem } from '@chp/contracts';
import {
  actorOf,
  type FieldError,
  fieldErrors,
  HttpProblem,
  pointerTo,
  requireRole,
  validationProblem,
} from '@chp/platform';
import { type Request, Router } from 'express';
import {
  FilingRefused,
  IdempotencyConflict,
  type Prepared,
  prepare,
  type SubmissionDeps,
  SubmissionInvalid,
  submit,
} from '../submission/index.js';
import { routes } from './routes.js';

const MAX_KEY_LENGTH = 200;

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a key with control characters is refused
  if (key.trim() === '' || key.length > MAX_KEY_LENGTH || /[\u0000-\u001F\u007F]/.test(key)) {
    throw new HttpProblem({
      status: 400,
      kind: 'validation',
      title: 'Invalid request',
      detail: `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} printable characters`,
      extensions: {
        errors: [{ in: 'headers', pointer: '#/idempotency-key', detail: 'is invalid', code: 'invalid_key' }],
      },
    });
  }
  return key;
}

/**
 * The fields of the body that complaints refused (`data.region` of `FileComplaint` is the body's
 * `region`): the command's data is the submission plus the id, reference and time intake added.
 */
function bodyFieldErrors(error: CommandError): FieldError[] {
  if (error.kind !== 'validation') return [];
  return (error.issues ?? []).flatMap((issue) => {
    if (!issue.path.startsWith('data.')) return [];
    const pointer = pointerTo(issue.path.slice('data.'.length).split('.'));
    return [{ in: 'body', pointer, detail: issue.message, code: issue.code ?? 'invalid' }];
  });
}

/** Maps the submission's errors to problem+json. */
export function submissionProblem(error: unknown): unknown {
  if (error instanceof SubmissionInvalid) return validationProblem(fieldErrors(error.error, 'body'), 'body');
  if (error instanceof IdempotencyConflict) {
    // Keys are scoped by client, so the complaint named here is the sender's own.
    return new HttpProblem({
      status: 422,
      kind: 'idempotency-key-reused',
      title: 'Idempotency key reused with a different body',
      detail: error.message,
      extensions: { complaintId: error.identity.complaintId, reference: error.reference },
    });
  }
  if (error instanceof FilingRefused) {
    const bodyErrors = bodyFieldErrors(error.error);
    if (bodyErrors.length > 0) return validationProblem(bodyErrors, 'body');
    const { status, type } = commandProblem(error.error.kind);
    // The title complaints sent: from the same mapping, or more precise (`Unknown SLA region`).
    return new HttpProblem({
      status,
      kind: type,
      title: error.error.title,
      detail: error.error.detail,
      extensions: error.error.issues ? { issues: error.error.issues } : {},
    });
  }
  return error;
}

/** `POST /v1/complaints` for the `channel` role; the kit's rate limit counts per client (token subject). */
export function submissionsRouter(deps: SubmissionDeps): Router {
  const router = Router();
  router.post(routes.submission.path, requireRole(...routes.submission.roles), async (req, res) => {
    const actor = actorOf(req);
    const body: unknown = req.body;
    let prepared: Prepared;
    try {
      prepared = prepare(deps, body, {
        idempotencyKey: idempotencyKeyOf(req),
        acceptLanguage: req.get('accept-language'),
        // Keys are the client's: another client's key never finds this one's complaint.
        client: { token: actor.id },
      });
      const answer = await submit(deps, prepared, { id: actor.id, role: 'channel' });
      res
        .status(answer.status === 'filed' ? 201 : 202)
        .location(answer.statusUrl)
        .json({ ...answer });
    } catch (error) {
      throw submissionProblem(error);
    }
  });
  return router;
}
