import { actorOf, type FieldError, HttpProblem, requireRole, validationProblem } from '@chp/platform';
import { type Request, type Response, Router } from 'express';
import {
  type AttachmentStore,
  type Inspected,
  inspectAttachment,
  keepFiles,
  readMultipart,
  refusalDetail,
  sendAttachment,
  type UploadedFile,
} from '../attachments/index.js';
import { prepare, type SubmissionDeps, submit, uuidV5 } from '../submission/index.js';
import { routes } from './routes.js';
import { idempotencyKeyOf, submissionProblem } from './submissions.js';

const fileError = (index: number, detail: string, code: string): FieldError => ({
  in: 'body',
  pointer: `#/attachments/${index}`,
  detail,
  code,
});

/** Every refused file, named by its place (`#/attachments/2`); none when all can be stored. */
async function refusedFiles(files: readonly UploadedFile[], tooMany: boolean): Promise<FieldError[]> {
  if (tooMany)
    return [{ in: 'body', pointer: '#/attachments', detail: refusalDetail('too_many'), code: 'too_many' }];
  const errors: FieldError[] = [];
  for (const [index, file] of files.entries()) {
    const inspected = file.truncated
      ? ({ ok: false, reason: 'too_large' } satisfies Inspected)
      : await inspectAttachment(file.bytes);
    if (!inspected.ok)
      errors.push(fileError(index, refusalDetail(inspected.reason, inspected.detected), inspected.reason));
  }
  return errors;
}

/** The JSON submission of a multipart body: its `submission` field. */
function submissionField(fields: Record<string, string>): Record<string, unknown> {
  const text = fields.submission;
  const invalid = (detail: string) =>
    validationProblem([{ in: 'body', pointer: '#/submission', detail, code: 'invalid_submission' }], 'body');
  if (text === undefined) throw invalid('is required: the submission as JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`is not JSON (${(error as Error).name})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * `POST /v1/complaints` with `multipart/form-data`: the JSON submission in the field `submission`
 * and up to 10 files of up to 10 MB, judged by their content as the portal's are. Files are stored
 * under ids from the complaint and their content (a resent request is one complaint with the same
 * files) and referenced from the submission's `attachments`. A JSON body goes on to the JSON route.
 */
async function submitMultipart(
  deps: { submissions: SubmissionDeps; attachments: AttachmentStore },
  req: Request,
  res: Response,
) {
  const actor = actorOf(req);
  const form = await readMultipart(req);
  const body = submissionField(form.fields);
  const refused = await refusedFiles(form.files, form.tooManyFiles);
  if (refused.length > 0) throw validationProblem(refused, 'body');
  const options = {
    idempotencyKey: idempotencyKeyOf(req),
    acceptLanguage: req.get('accept-language'),
    client: { token: actor.id },
  };
  try {
    // The complaint's id comes from the key, not the body: known before the files are stored.
    const { complaintId } = prepare(deps.submissions, body, options).identity;
    const { references } = await keepFiles(deps.attachments, complaintId, form.files, (index, sha256) =>
      uuidV5(`api-file:${complaintId}:${index}:${sha256}`),
    );
    const earlier = Array.isArray(body.attachments) ? body.attachments : [];
    const prepared = prepare(
      deps.submissions,
      { ...body, attachments: [...earlier, ...references] },
      options,
    );
    const answer = await submit(deps.submissions, prepared, { id: actor.id, role: 'channel' });
    res
      .status(answer.status === 'filed' ? 201 : 202)
      .location(answer.statusUrl)
      .json({ ...answer });
  } catch (error) {
    throw submissionProblem(error);
  }
}

/**
 * The attachments' routes: files with a submission (multipart `POST /v1/complaints`, a raw router
 * since the kit's JSON parser answers 415 to other bodies) and the desk's download of a complaint's
 * file. The download is bound to the complaint: an id of another complaint's file answers 404.
 */
export function attachmentsRouter(deps: {
  submissions: SubmissionDeps;
  attachments: AttachmentStore;
}): Router {
  const router = Router();
  router.post(
    routes.submission.path,
    // Any other body skips this route for the JSON route after the kit's parser.
    (req, _res, next) => next(req.is('multipart/form-data') ? undefined : 'route'),
    requireRole(...routes.submission.roles),
    (req, res) => submitMultipart(deps, req, res),
  );
  router.get(routes.attachment.path, requireRole(...routes.attachment.roles), async (req, res) => {
    const complaintId = String(req.params.complaintId);
    const attachmentId = String(req.params.attachmentId);
    const found = await deps.attachments.get(attachmentId, complaintId);
    if (!found)
      throw new HttpProblem({
        status: 404,
        kind: 'not-found',
        detail: 'no such attachment of this complaint',
      });
    sendAttachment(res, found.meta, found.bytes);
  });
  return router;
}
