import { randomUUID, timingSafeEqual } from 'node:crypto';
import { complaintReferenceSchema, type Language, type PortalLinkRequested, subjects } from '@chp/contracts';
import { type MessagingLogger, silentLogger } from '@chp/messaging';
import { tokenBuckets } from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import express, { type Request, type Response, Router } from 'express';
import { routes } from '../http/index.js';
import { normaliseEmail, normalisePhone } from '../submission/index.js';
import { HONEYPOT } from './complaint-form.js';
import { languageOf, type PortalLimits, tooLargePage, withinLimits } from './complaint-routes.js';
import type { FormGuard } from './guard.js';
import { e, errorSummary, field, layout, messagePage, sendPage } from './html.js';
import { SESSION_COOKIE } from './session.js';
import { statusTexts } from './status-texts.js';
import type { LinkStore, ViewStore } from './store.js';
import { type PortalLanguage, portalTexts } from './texts.js';
import type { SignedTokens } from './tokens.js';

export interface FollowDeps {
  guard: FormGuard;
  limits: PortalLimits;
  views: ViewStore;
  links: LinkStore;
  /** Signs one-time link ids, and session cookies (complaint ids). */
  linkTokens: SignedTokens;
  sessions: SignedTokens;
  /** The keyed digest the views hold of e-mail addresses and phones. */
  digest: (text: string) => string;
  nc: NatsConnection;
  /** Intake's public address: the links in e-mails point here. */
  publicUrl: string;
  linkTtlMs: number;
  sessionTtlMs: number;
  secureCookies: boolean;
  defaultRegion: string;
  now: () => number;
  logger?: MessagingLogger;
}

const sameDigest = (a: string | undefined, b: string) =>
  a !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function followPage(
  language: PortalLanguage,
  token: string,
  values: { reference?: string; contact?: string },
  errors: { reference?: string; contact?: string; form?: string },
): string {
  const t = portalTexts[language];
  const s = statusTexts[language];
  const problems = [
    ...(errors.form ? [{ id: 'f-reference', message: errors.form }] : []),
    ...(errors.reference ? [{ id: 'f-reference', message: errors.reference }] : []),
    ...(errors.contact ? [{ id: 'f-contact', message: errors.contact }] : []),
  ];
  return layout(
    language,
    t.followTitle,
    'follow',
    `<h1>${e(t.followTitle)}</h1>
<p>${e(t.followIntro)}</p>
${errorSummary(errors.form ?? t.errorSummary, problems)}
<form method="post" action="/portal/${language}/follow" novalidate>
<input type="hidden" name="token" value="${e(token)}">
${field({ name: 'reference', label: s.reference, value: values.reference, error: errors.reference, maxLength: 20, required: true })}
${field({ name: 'contact', label: s.contact, hint: s.contactHint, value: values.contact, error: errors.contact, maxLength: 254, required: true, autocomplete: 'email' })}
<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT}">${e(t.honeypot)}</label><input type="text" id="f-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit">${e(s.send)}</button>
</form>
<p><a href="/portal/${language}/complaint">${e(t.fileTitle)}</a></p>`,
  );
}

/** `/portal/:language/follow` and the one-time links it sends. */
export function followRouter(deps: FollowDeps): Router {
  const router = Router();
  const buckets = tokenBuckets();
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });
  const logger = deps.logger ?? silentLogger;

  router.get(routes.showFollowForm.path, (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    sendPage(res, 200, followPage(language, deps.guard.issue(req, res, 'follow'), {}, {}));
  });

  /** Creates the link and asks notifications to send it; never awaited by the answer (timing). */
  const sendLink = async (complaintId: string, reference: string, language: Language) => {
    const linkId = randomUUID();
    const expiresAt = deps.now() + deps.linkTtlMs;
    await deps.links.create(linkId, complaintId);
    const pageLanguage = language === 'other' ? 'en' : language;
    const event: PortalLinkRequested = {
      requestId: randomUUID(),
      complaintId,
      reference,
      language,
      url: `${deps.publicUrl.replace(/\/$/, '')}/portal/${pageLanguage}/link/${deps.linkTokens.sign(linkId, expiresAt)}`,
      expiresAt: new Date(expiresAt).toISOString(),
      at: new Date(deps.now()).toISOString(),
    };
    deps.nc.publish(subjects.intake.portalLinkRequested, JSON.stringify(event));
  };

  router.post(routes.requestFollowLink.path, form, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    const t = portalTexts[language];
    const s = statusTexts[language];
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = {
      reference: typeof body.reference === 'string' ? body.reference.slice(0, 40) : '',
      contact: typeof body.contact === 'string' ? body.contact.slice(0, 254) : '',
    };
    const check = deps.guard.check(req, 'follow', body.token);
    if (!check.ok) {
      const token = check.problem === 'tooFast' ? String(body.token) : deps.guard.issue(req, res, 'follow');
      sendPage(
        res,
        check.problem === 'csrf' ? 403 : 400,
        followPage(language, token, values, { form: t.forms[check.problem] }),
      );
      return;
    }
    const token = String(body.token);
    if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') {
      sendPage(res, 400, followPage(language, token, values, { form: t.forms.honeypot }));
      return;
    }
    const reference = values.reference.trim().toUpperCase().replace(/\s+/g, '');
    const contact = values.contact.trim();
    const errors = {
      ...(complaintReferenceSchema.safeParse(reference).success ? {} : { reference: s.badReference }),
      ...(contact === '' ? { contact: t.fields.required } : {}),
    };
    if (errors.reference || errors.contact) {
      sendPage(res, 400, followPage(language, token, values, errors));
      return;
    }
    if (!withinLimits(buckets, deps.limits, req, res, language, 'follow', contact)) return;
    // The same reads whether or not the reference exists, and the same answer: no enumeration.
    const complaintId = await deps.views.idOf(reference);
    const stored = await deps.views.get(complaintId ?? randomUUID());
    const digest = contact.includes('@')
      ? deps.digest(normaliseEmail(contact).toLowerCase())
      : deps.digest(normalisePhone(contact, deps.defaultRegion));
    const view = stored?.view;
    if (
      view?.hasEmail &&
      (sameDigest(view.contact.email, digest) || sameDigest(view.contact.phone, digest))
    ) {
      sendLink(view.complaintId, view.reference, view.language as Language).catch((error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'portal link not sent'),
      );
    }
    sendPage(res, 200, messagePage(language, 'follow', t.followTitle, t.followSent));
  });

  const linkPage = (req: Request, res: Response, language: PortalLanguage): string | undefined => {
    const s = statusTexts[language];
    const verified = deps.linkTokens.verify(String(req.params.token ?? ''), deps.now());
    if ('value' in verified) return verified.value;
    const expired = verified.problem === 'expired';
    sendPage(
      res,
      expired ? 410 : 403,
      messagePage(
        language,
        'follow',
        portalTexts[language].followTitle,
        expired ? s.linkUsed : s.linkInvalid,
      ),
    );
    return undefined;
  };

  router.get(routes.showFollowLink.path, (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    if (!linkPage(req, res, language)) return;
    const s = statusTexts[language];
    // A button, not an automatic redirect: mail scanners that fetch links do not use them up, and
    // the session cookie (SameSite=Strict) is set by a same-site request.
    sendPage(
      res,
      200,
      layout(
        language,
        s.open,
        'follow',
        `<h1>${e(s.open)}</h1>
<p>${e(s.openIntro)}</p>
<form method="post" action="/portal/${language}/link/${e(String(req.params.token))}">
<input type="hidden" name="token" value="${e(deps.guard.issue(req, res, 'link'))}">
<button type="submit">${e(s.open)}</button>
</form>`,
      ),
    );
  });

  router.post(routes.useFollowLink.path, form, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    const s = statusTexts[language];
    const body = (req.body ?? {}) as Record<string, unknown>;
    const check = deps.guard.check(req, 'link', body.token, false);
    if (!check.ok) {
      sendPage(res, 403, messagePage(language, 'follow', s.open, portalTexts[language].forms[check.problem]));
      return;
    }
    const linkId = linkPage(req, res, language);
    if (!linkId) return;
    const complaintId = await deps.links.consume(linkId);
    if (!complaintId) {
      sendPage(res, 410, messagePage(language, 'follow', s.open, s.linkUsed));
      return;
    }
    res.cookie(SESSION_COOKIE, deps.sessions.sign(complaintId, deps.now() + deps.sessionTtlMs), {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      path: '/portal',
      maxAge: deps.sessionTtlMs,
    });
    res.redirect(303, `/portal/${language}/status`);
  });
  router.use(tooLargePage);
  return router;
}
