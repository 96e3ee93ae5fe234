import {
  type CommandMetadata,
  commandResultSchema,
  customerLinkRules,
  type NatsCommandType,
  natsCommandRequestSchemaOf,
  natsCommandSubject,
} from '@chp/contracts';
import {
  InvalidRequestError,
  NoRespondersError,
  RequestFailedError,
  RequestTimeoutError,
  request,
} from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import express, { type Request, type Response, Router } from 'express';
import {
  type AttachmentStore,
  inspectAttachment,
  readMultipart,
  type StoredAttachment,
  safeFileName,
  sendAttachment,
  type UploadedFile,
} from '../attachments/index.js';
import { routes } from '../http/index.js';
import { texts as linkTexts } from '../links/index.js';
import { cleanText, uuidV5 } from '../submission/index.js';
import { languageOf, tooLargePage } from './complaint-routes.js';
import type { FormGuard } from './guard.js';
import { e, messagePage, sendPage } from './html.js';
import { SESSION_COOKIE, sessionComplaintOf } from './session.js';
import { statusPage } from './status-page.js';
import { statusTexts } from './status-texts.js';
import type { ViewStore } from './store.js';
import { type PortalLanguage, portalTexts } from './texts.js';
import type { SignedTokens } from './tokens.js';
import type { PortalView } from './view.js';

export interface StatusDeps {
  guard: FormGuard;
  /** Where the files of replies go (the directory adapter under `ATTACHMENTS_DIR`). */
  attachments: AttachmentStore;
  views: ViewStore;
  sessions: SignedTokens;
  nc: NatsConnection;
  timeoutMs: number;
  timeZone: string;
  now: () => number;
}

type Command =
  | { type: NatsCommandType; data: Record<string, unknown>; commandId: string }
  | { invalid: true };

/**
 * The command a status-page form sends. Accepting, rejecting and rating take the same command id as
 * the e-mail's signed link of that resolution (`link:<complaint>:<resolution>:<action>`): the portal
 * and the link make one decision between them. A reply takes the form's id: sent twice, recorded once.
 */
function commandOf(
  action: string,
  view: PortalView,
  form: Record<string, unknown>,
  formId: string,
  attachments: Record<string, unknown>[] = [],
): Command {
  const text = (field: string, max: number) => {
    const value = typeof form[field] === 'string' ? cleanText(form[field] as string, true) : '';
    return value === '' ? undefined : value.slice(0, max);
  };
  const { complaintId } = view;
  if (action === 'reply') {
    const message = text('message', 20_000);
    if (!message) return { invalid: true };
    const requestId = view.openRequest?.requestId;
    return {
      type: 'RecordCustomerResponse',
      commandId: uuidV5(`portal-reply:${complaintId}:${formId}`),
      data: {
        complaintId,
        message,
        channel: 'web',
        ...(requestId ? { requestId } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      },
    };
  }
  const resolutionId = view.resolution?.resolutionId;
  if (!resolutionId) return { invalid: true };
  const linkAction = action === 'rate' ? 'survey' : action;
  const commandId = uuidV5(`link:${complaintId}:${resolutionId}:${linkAction}`);
  if (action === 'accept') {
    const comment = text('comment', 2_000);
    return {
      type: 'AcceptResolution',
      commandId,
      data: { complaintId, resolutionId, ...(comment ? { comment } : {}) },
    };
  }
  if (action === 'reject') {
    const reason = text('reason', 5_000);
    return reason
      ? { type: 'RejectResolution', commandId, data: { complaintId, resolutionId, reason } }
      : { invalid: true };
  }
  if (action === 'rate') {
    const score = Number(form.score);
    if (!Number.isInteger(score) || score < 1 || score > 5) return { invalid: true };
    const comment = text('comment', 2_000);
    return {
      type: 'RecordSatisfaction',
      commandId,
      data: { complaintId, resolutionId, score, ...(comment ? { comment } : {}) },
    };
  }
  return { invalid: true };
}

const endedLinkRules: readonly string[] = [customerLinkRules.superseded, customerLinkRules.revoked];

/** `/portal/:language/status`: the complaint of the session, and its forms. */
export function statusRouter(deps: StatusDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 10 });

  /** The session's view, or undefined after answering with the "ask for a new link" page. */
  const viewOf = async (req: Request, res: Response, language: PortalLanguage) => {
    const complaintId = sessionComplaintOf(req, deps.sessions, deps.now());
    const stored = complaintId ? await deps.views.get(complaintId) : undefined;
    if (stored) return stored.view;
    const s = statusTexts[language];
    sendPage(
      res,
      401,
      messagePage(language, 'follow', portalTexts[language].followTitle, s.sessionEnded).replace(
        '</main>',
        `<p><a href="/portal/${language}/follow">${e(portalTexts[language].followTitle)}</a></p></main>`,
      ),
    );
    return undefined;
  };

  const show = (
    req: Request,
    res: Response,
    status: number,
    language: PortalLanguage,
    view: PortalView,
    notice?: { text: string; error?: boolean },
    files: readonly StoredAttachment[] = [],
  ) =>
    sendPage(
      res,
      status,
      statusPage({
        language,
        view,
        token: deps.guard.issue(req, res, 'status'),
        timeZone: deps.timeZone,
        ...(notice ? { notice: notice.text, noticeIsError: notice.error === true } : {}),
      }).replace('</main>', `${filesSection(language, files)}</main>`),
    );

  router.get(routes.showStatus.path, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    const view = await viewOf(req, res, language);
    if (view) show(req, res, 200, language, view, undefined, await deps.attachments.list(view.complaintId));
  });

  // The customer's own files only: the session names the complaint, and the store gives a file to
  // that complaint alone (another's id is a 404 page).
  router.get(routes.portalFile.path, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    const view = await viewOf(req, res, language);
    if (!view) return;
    const found = await deps.attachments.get(String(req.params.attachmentId), view.complaintId);
    if (!found) {
      sendPage(
        res,
        404,
        messagePage(language, 'follow', portalTexts[language].followTitle, fileTexts[language].missing),
      );
      return;
    }
    sendAttachment(res, found.meta, found.bytes);
  });

  router.post(routes.actOnStatus.path, form, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    let body = (req.body ?? {}) as Record<string, unknown>;
    let files: UploadedFile[] = [];
    let tooManyFiles = false;
    if (req.is('multipart/form-data')) {
      const multipart = await readMultipart(req);
      body = multipart.fields;
      files = multipart.files;
      tooManyFiles = multipart.tooManyFiles;
    }
    const check = deps.guard.check(req, 'status', body.token, false);
    const view = await viewOf(req, res, language);
    if (!view) return;
    const t = portalTexts[language];
    const l = linkTexts[language];
    if (!check.ok) {
      show(req, res, 403, language, view, { text: t.forms[check.problem], error: true });
      return;
    }
    const action = String(req.params.action);
    if (action === 'sign-out') {
      res.clearCookie(SESSION_COOKIE, { path: '/portal' });
      res.redirect(303, `/portal/${language}/follow`);
      return;
    }
    const s = statusTexts[language];
    if (action === 'reply' && tooManyFiles) {
      show(req, res, 400, language, view, { text: s.fileRefused.too_many, error: true });
      return;
    }
    // Every file is checked from its content before any is stored: one refusal refuses the reply.
    const checked = [];
    for (const file of action === 'reply' ? files : []) {
      const name = safeFileName(file.name);
      const inspected = file.truncated
        ? ({ ok: false, reason: 'too_large' } as const)
        : await inspectAttachment(file.bytes);
      if (!inspected.ok) {
        show(req, res, 400, language, view, {
          text: `${name}: ${s.fileRefused[inspected.reason]}`,
          error: true,
        });
        return;
      }
      checked.push({ file, name, inspected });
    }
    const attachments = [];
    for (const { file, name, inspected } of checked) {
      const stored = await deps.attachments.put(file.bytes, {
        name,
        contentType: inspected.contentType,
        sizeBytes: inspected.sizeBytes,
        sha256: inspected.sha256,
        complaintId: view.complaintId,
      });
      // Referenced by its id (the store's key), never embedded; the SHA-256 is in the store's record.
      attachments.push({
        name,
        contentType: stored.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        objectKey: stored.id,
      });
    }
    const command = commandOf(action, view, body, check.token.formId, attachments);
    if ('invalid' in command) {
      show(req, res, 400, language, view, { text: t.errorSummary, error: true });
      return;
    }
    const metadata: CommandMetadata = {
      commandId: command.commandId,
      actor: { id: `customer:${view.complaintId}`, role: 'customer' },
      correlationId: `portal:${view.complaintId}:${action}`,
    };
    try {
      const result = await request(
        deps.nc,
        natsCommandSubject(command.type),
        { data: command.data, metadata } as never,
        {
          requestSchema: natsCommandRequestSchemaOf(command.type),
          replySchema: commandResultSchema,
          timeoutMs: deps.timeoutMs,
        },
      );
      const text =
        action === 'reply' ? statusTexts[language].replied : result.appended === 0 ? l.already : l.thanks;
      show(req, res, 200, language, view, { text });
    } catch (error) {
      if (error instanceof RequestFailedError && error.error.kind === 'illegal_transition') {
        const ended =
          typeof error.error.rule === 'string' && endedLinkRules.includes(error.error.rule)
            ? l.expired
            : l.already;
        show(req, res, 409, language, view, { text: ended, error: true });
      } else if (
        error instanceof InvalidRequestError ||
        (error instanceof RequestFailedError && error.error.kind === 'validation')
      ) {
        show(req, res, 400, language, view, { text: t.errorSummary, error: true });
      } else if (
        error instanceof NoRespondersError ||
        error instanceof RequestTimeoutError ||
        error instanceof RequestFailedError
      ) {
        show(req, res, 503, language, view, { text: l.unavailable, error: true });
      } else {
        throw error;
      }
    }
  });
  router.use(tooLargePage);
  return router;
}

const fileTexts: Record<PortalLanguage, { heading: string; missing: string }> = {
  en: { heading: 'Your files', missing: 'There is no such file of your complaint.' },
  uk: { heading: 'Ваші файли', missing: 'У вашій скарзі немає такого файлу.' },
  ru: { heading: 'Ваши файлы', missing: 'В вашей жалобе нет такого файла.' },
  hu: { heading: 'Az Ön fájljai', missing: 'Panaszában nincs ilyen fájl.' },
  lv: { heading: 'Jūsu faili', missing: 'Jūsu sūdzībā šāda faila nav.' },
  ro: { heading: 'Fișierele dvs.', missing: 'Reclamația dvs. nu are un astfel de fișier.' },
};

/** The files the customer sent with the complaint and their replies, each a download through the session. */
function filesSection(language: PortalLanguage, files: readonly StoredAttachment[]): string {
  if (files.length === 0) return '';
  const items = [...files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (file) =>
        `<li><a href="/portal/${language}/status/files/${e(file.id)}" download>${e(file.name)}</a> (${e(Math.ceil(file.sizeBytes / 1024).toString())} KB)</li>`,
    )
    .join('');
  return `<section aria-labelledby="files"><h2 id="files">${e(fileTexts[language].heading)}</h2><ul>${items}</ul></section>`;
}
