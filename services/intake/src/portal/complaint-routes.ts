import type { Actor } from '@chp/contracts';
import { addressOf, HttpProblem, type RateLimit, tokenBuckets } from '@chp/platform';
import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import {
  type AttachmentStore,
  inspectAttachment,
  readMultipart,
  safeFileName,
  type UploadedFile,
} from '../attachments/index.js';
import { routes } from '../http/index.js';
import {
  FilingRefused,
  IdempotencyConflict,
  languageFromHeader,
  prepare,
  type SubmissionDeps,
  SubmissionInvalid,
  submit,
  uuidV5,
} from '../submission/index.js';
import { portalCss, portalJs } from './assets.js';
import {
  type ComplaintFormErrors,
  type ComplaintFormValues,
  complaintFormPage,
  HONEYPOT,
  portalChecks,
  schemaErrors,
  submissionOf,
  valuesOf,
} from './complaint-form.js';
import type { FormGuard } from './guard.js';
import { e, layout, messagePage, sendPage } from './html.js';
import type { KnowledgeClient, TypicalQuestion } from './knowledge.js';
import { statusTexts } from './status-texts.js';
import { commonQuestions } from './suggestions.js';
import { isPortalLanguage, longDate, type PortalLanguage, portalTexts } from './texts.js';

export interface PortalLimits {
  /** Filings and link requests from one address (IPv6: one /64). */
  perAddress: RateLimit;
  /** Filings and link requests naming one e-mail address. */
  perEmail: RateLimit;
}

export interface PortalDeps {
  submissions: SubmissionDeps;
  /** Where the files of filings go. */
  attachments: AttachmentStore;
  guard: FormGuard;
  limits: PortalLimits;
  /** Category slugs offered on the form (labels for the bundled ones are translated). */
  categories: readonly string[];
  /** The privacy notice above the consent box, per language. */
  privacyNotices: Record<PortalLanguage, string>;
  privacyUrl?: string | undefined;
  /** Time zone of the dates shown to customers. */
  timeZone: string;
  /** Knowledge's public questions, for suggestions and the start page (`noKnowledge` without one). */
  knowledge: KnowledgeClient;
}

const portalActor: Actor = { id: 'portal', role: 'channel' };

/** The page's language from the path, or undefined after answering 404. */
export function languageOf(req: Request, res: Response): PortalLanguage | undefined {
  const language = String(req.params.language ?? '');
  if (isPortalLanguage(language)) return language;
  const fallback = languageFromHeader(req.get('accept-language'));
  const shown = fallback && isPortalLanguage(fallback) ? fallback : 'en';
  const t = portalTexts[shown];
  sendPage(res, 404, messagePage(shown, 'complaint', t.notFound, t.notFound));
  return undefined;
}

/** Takes a token of the address's and the e-mail's buckets; false after answering 429. */
export function withinLimits(
  buckets: ReturnType<typeof tokenBuckets>,
  limits: PortalLimits,
  req: Request,
  res: Response,
  language: PortalLanguage,
  page: string,
  email?: string,
): boolean {
  try {
    buckets.take(`address:${addressOf(req)}`, 'This address', limits.perAddress);
    if (email) buckets.take(`email:${email.trim().toLowerCase()}`, 'This e-mail address', limits.perEmail);
    return true;
  } catch (error) {
    if (!(error instanceof HttpProblem) || error.status !== 429) throw error;
    const t = portalTexts[language];
    res.set(error.headers ?? {});
    sendPage(res, 429, messagePage(language, page, t.portal, t.forms.rateLimited));
    return false;
  }
}

function filedPage(
  language: PortalLanguage,
  reference: string,
  acknowledgeBy: string | undefined,
  timeZone: string,
) {
  const t = portalTexts[language];
  return layout(
    language,
    t.filedTitle,
    'complaint',
    `<h1>${e(t.filedTitle)}</h1>
<p role="status">${e(t.reference)}: <span class="reference">${e(reference)}</span></p>
<p>${e(t.keepReference)}</p>
<p>${e(acknowledgeBy ? t.acknowledgeBy(longDate(language, acknowledgeBy, timeZone)) : t.acknowledgeSoon)}</p>
<p>${e(t.responseWindow)}</p>
<p><a href="/portal/${language}/follow">${e(t.followTitle)}</a></p>`,
  );
}

/**
 * A body over the form's limit gets a page in the page's language (413), not the API's problem+json;
 * any other error goes on to the platform's handler.
 */
export const tooLargePage: ErrorRequestHandler = (error, req, res, next) => {
  const type = (error as { type?: unknown } | null)?.type;
  // Routers see each other's errors (all are mounted on the app): only the portal's pages are answered here.
  if (type !== 'entity.too.large' || !req.path.startsWith('/portal/')) {
    next(error);
    return;
  }
  const language = req.path.split('/')[2] ?? '';
  const shown = isPortalLanguage(language) ? language : 'en';
  const t = portalTexts[shown];
  sendPage(res, 413, messagePage(shown, 'complaint', t.portal, t.fields.tooLong));
};

/** Why the files cannot be taken (the first refused, named), or undefined when all can. */
async function filesProblem(
  files: readonly UploadedFile[],
  tooMany: boolean,
  language: PortalLanguage,
): Promise<string | undefined> {
  const refused = statusTexts[language].fileRefused;
  if (tooMany) return refused.too_many;
  for (const file of files) {
    const inspected = file.truncated
      ? ({ ok: false, reason: 'too_large' } as const)
      : await inspectAttachment(file.bytes);
    if (!inspected.ok) return `${safeFileName(file.name)}: ${refused[inspected.reason]}`;
  }
  return undefined;
}

/** `/portal`: the filing form, its answer, and the two static files. */
export function complaintRouter(deps: PortalDeps): Router {
  const router = Router();
  const buckets = tokenBuckets();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });

  router.get(routes.portalStyles.path, (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(portalCss);
  });
  router.get(routes.portalScript.path, (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600').send(portalJs);
  });
  router.get(routes.portalHome.path, async (req, res) => {
    const header = languageFromHeader(req.get('accept-language'));
    const language = header && isPortalLanguage(header) ? header : 'en';
    const t = portalTexts[language];
    const questions = await deps.knowledge.questions(language);
    sendPage(
      res,
      200,
      layout(
        language,
        t.portal,
        'complaint',
        `<h1>${e(t.portal)}</h1>
<ul><li><a href="/portal/${language}/complaint">${e(t.fileTitle)}</a></li>
<li><a href="/portal/${language}/follow">${e(t.followTitle)}</a></li></ul>
${commonQuestions(language, questions)}`,
      ),
    );
  });

  const render = (
    res: Response,
    status: number,
    language: PortalLanguage,
    token: string,
    values: ComplaintFormValues,
    errors: ComplaintFormErrors,
    formProblem?: string,
    suggestions?: readonly TypicalQuestion[],
  ) =>
    sendPage(
      res,
      status,
      complaintFormPage({
        language,
        token,
        values,
        errors,
        ...(formProblem ? { formProblem } : {}),
        categories: deps.categories,
        privacyNotice: deps.privacyNotices[language],
        privacyUrl: deps.privacyUrl,
        suggestions,
      }),
    );

  router.get(routes.showComplaintForm.path, (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    render(res, 200, language, deps.guard.issue(req, res, 'complaint'), {}, {});
  });

  router.post(routes.fileComplaintForm.path, form, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    const t = portalTexts[language];
    let body = (req.body ?? {}) as Record<string, unknown>;
    let files: UploadedFile[] = [];
    let tooManyFiles = false;
    if (req.is('multipart/form-data')) {
      const multipart = await readMultipart(req);
      ({ fields: body, files, tooManyFiles } = multipart);
    }
    const values = valuesOf(body);
    if (body.action === 'check') {
      // "Check for answers first": nothing is filed, the token stays (its clock runs on).
      const preview = deps.guard.check(req, 'complaint', body.token, false);
      if (!preview.ok) {
        const token = deps.guard.issue(req, res, 'complaint');
        render(
          res,
          preview.problem === 'csrf' ? 403 : 400,
          language,
          token,
          values,
          {},
          t.forms[preview.problem],
        );
        return;
      }
      const typed = `${values.subject ?? ''}\n${values.description ?? ''}`;
      const suggestions = await deps.knowledge.suggest(language, typed);
      render(res, 200, language, String(body.token), values, {}, undefined, suggestions);
      return;
    }
    const check = deps.guard.check(req, 'complaint', body.token);
    if (!check.ok) {
      // A form that is too fast keeps its token (the clock runs on); any other gets a new one.
      const token =
        check.problem === 'tooFast' ? String(body.token) : deps.guard.issue(req, res, 'complaint');
      render(res, check.problem === 'csrf' ? 403 : 400, language, token, values, {}, t.forms[check.problem]);
      return;
    }
    const token = String(body.token);
    if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') {
      render(res, 400, language, token, values, {}, t.forms.honeypot);
      return;
    }
    if (!withinLimits(buckets, deps.limits, req, res, language, 'complaint', values.email)) return;
    const portalErrors = portalChecks(values, deps.categories);
    let prepared: ReturnType<typeof prepare> | undefined;
    let errors: ComplaintFormErrors = portalErrors;
    try {
      prepared = prepare(deps.submissions, submissionOf(values, language, check.token.formId), {
        client: { channel: 'portal' },
      });
    } catch (error) {
      if (!(error instanceof SubmissionInvalid)) throw error;
      errors = { ...schemaErrors(error.error), ...portalErrors };
    }
    if (!prepared || Object.keys(errors).length > 0) {
      render(res, 400, language, token, values, errors);
      return;
    }
    const refusedFile = await filesProblem(files, tooManyFiles, language);
    if (refusedFile) {
      render(res, 400, language, token, values, {}, refusedFile);
      return;
    }
    if (files.length > 0) {
      // Stored under ids from the form and the content: the same form sent again is the same filing.
      const { complaintId } = prepared.identity;
      const attachments = [];
      for (const [index, file] of files.entries()) {
        const inspected = await inspectAttachment(file.bytes);
        if (!inspected.ok) continue; // checked above
        const stored = await deps.attachments.put(
          file.bytes,
          {
            name: safeFileName(file.name),
            contentType: inspected.contentType,
            sizeBytes: inspected.sizeBytes,
            sha256: inspected.sha256,
            complaintId,
          },
          uuidV5(`portal-file:${check.token.formId}:${index}:${inspected.sha256}`),
        );
        attachments.push({
          name: stored.name,
          contentType: stored.contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          objectKey: stored.id,
        });
      }
      prepared = prepare(deps.submissions, submissionOf(values, language, check.token.formId, attachments), {
        client: { channel: 'portal' },
      });
    }
    try {
      const answer = await submit(deps.submissions, prepared, portalActor);
      sendPage(
        res,
        200,
        filedPage(
          language,
          answer.reference,
          answer.status === 'filed' ? answer.acknowledgeBy : undefined,
          deps.timeZone,
        ),
      );
    } catch (error) {
      if (error instanceof IdempotencyConflict) {
        // The same form sent again with other text after it was filed: a new form files anew.
        render(res, 400, language, deps.guard.issue(req, res, 'complaint'), values, {}, t.forms.formExpired);
      } else if (error instanceof FilingRefused) {
        render(res, 503, language, token, values, {}, t.forms.unavailable);
      } else {
        throw error;
      }
    }
  });
  router.use(tooLargePage);
  return router;
}
