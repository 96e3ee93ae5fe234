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
import { CustomerLinkError, type CustomerLinkPayload, verifyCustomerLink } from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import express, { type Request, type Response, Router } from 'express';
import { routes } from '../http/index.js';
import { cleanText, uuidV5 } from '../submission/index.js';
import { type PageLanguage, pageLanguageOf, texts } from './messages.js';
import { formPage, messagePage } from './page.js';
import { resolutionOfLink } from './resolution.js';

export interface CustomerLinkDeps {
  nc: NatsConnection;
  secret: string;
  timeoutMs: number;
  now: () => Date;
}

const linkErrorStatus = { malformed: 400, bad_signature: 403, expired: 410 } as const;

function send(res: Response, status: number, html: string): void {
  res
    .status(status)
    .type('html')
    // The page carries a bearer token in its URL: keep it out of caches and referrers.
    .set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    })
    .send(html);
}

/** Verifies the token or answers the clear error page; undefined when answered. */
function linkOf(req: Request, res: Response, deps: CustomerLinkDeps): CustomerLinkPayload | undefined {
  try {
    return verifyCustomerLink(String(req.params.token ?? ''), deps.secret, deps.now());
  } catch (error) {
    if (!(error instanceof CustomerLinkError)) throw error;
    // An expired token's signature was good, so its language can be trusted for the page.
    const language = pageLanguageOf(
      error.kind === 'expired' ? languageIn(String(req.params.token)) : req.get('accept-language'),
    );
    const t = texts[language];
    send(
      res,
      linkErrorStatus[error.kind],
      messagePage(language, error.kind === 'expired' ? t.expired : t.invalid),
    );
    return undefined;
  }
}

function languageIn(token: string): string | undefined {
  const decoded: unknown = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
  const language = (decoded as { language?: unknown } | null)?.language;
  return typeof language === 'string' ? language : undefined;
}

type LinkCommand = { type: NatsCommandType; data: Record<string, unknown> } | { invalid: true };

function commandOf(link: CustomerLinkPayload, form: Record<string, unknown>): LinkCommand {
  const text = (field: string, max: number) => {
    const value = typeof form[field] === 'string' ? cleanText(form[field] as string, true) : '';
    return value === '' ? undefined : value.slice(0, max);
  };
  // The link's resolution: the complaints service refuses it once superseded or revoked.
  const { complaintId, resolutionId } = link;
  if (link.action === 'accept') {
    const comment = text('comment', 2_000);
    return { type: 'AcceptResolution', data: { complaintId, resolutionId, ...(comment ? { comment } : {}) } };
  }
  if (link.action === 'reject') {
    const reason = text('reason', 5_000);
    return reason
      ? { type: 'RejectResolution', data: { complaintId, resolutionId, reason } }
      : { invalid: true };
  }
  const score = Number(form.score);
  if (!Number.isInteger(score) || score < 1 || score > 5) return { invalid: true };
  const comment = text('comment', 2_000);
  return {
    type: 'RecordSatisfaction',
    data: { complaintId, resolutionId, score, ...(comment ? { comment } : {}) },
  };
}

/** The rules complaints names when a link no longer acts: the customer sees the expired page. */
const endedLinkRules: readonly string[] = [customerLinkRules.superseded, customerLinkRules.revoked];

/** `GET` and `POST /v1/customer-links/:token`: the signed pages customers reach from e-mails. */
export function customerLinksRouter(deps: CustomerLinkDeps): Router {
  const router = Router();
  /** The form under what it acts on; the expired page once the link no longer acts. */
  const showForm = async (res: Response, link: CustomerLinkPayload, action: string, status: number) => {
    const language = pageLanguageOf(link.language);
    const of = await resolutionOfLink(deps, link);
    if (of.kind === 'ended') {
      send(res, 410, messagePage(language, texts[language].expired));
      return;
    }
    send(res, status, formPage(link, language, action, of.kind === 'live' ? of.resolution : undefined));
  };
  router.get(routes.showCustomerLink.path, async (req, res) => {
    const link = linkOf(req, res, deps);
    if (!link) return;
    await showForm(res, link, req.originalUrl, 200);
  });
  router.post(
    routes.answerCustomerLink.path,
    express.urlencoded({ extended: false, limit: '32kb' }),
    async (req, res) => {
      const link = linkOf(req, res, deps);
      if (!link) return;
      const language: PageLanguage = pageLanguageOf(link.language);
      const t = texts[language];
      const command = commandOf(link, (req.body ?? {}) as Record<string, unknown>);
      if ('invalid' in command) {
        await showForm(res, link, req.originalUrl, 400);
        return;
      }
      const metadata: CommandMetadata = {
        // One decision per link: the id derives from the link alone, never from the answer's text,
        // so a second answer through the same link is the same command and cannot act again.
        commandId: uuidV5(`link:${link.complaintId}:${link.resolutionId}:${link.action}`),
        actor: { id: `customer:${link.complaintId}`, role: 'customer' },
        correlationId: `link:${link.complaintId}:${link.action}`,
      };
      try {
        const result = await request(
          deps.nc,
          natsCommandSubject(command.type),
          // The request schema of this type checks the data before it is sent.
          { data: command.data, metadata } as never,
          {
            requestSchema: natsCommandRequestSchemaOf(command.type),
            replySchema: commandResultSchema,
            timeoutMs: deps.timeoutMs,
          },
        );
        // The link's one command was applied before (a second answer through it): say so.
        const repeated = result.appended === 0;
        send(res, 200, messagePage(language, repeated ? t.already : t.thanks));
      } catch (error) {
        if (
          error instanceof RequestFailedError &&
          error.error.kind === 'illegal_transition' &&
          typeof error.error.rule === 'string' &&
          endedLinkRules.includes(error.error.rule)
        ) {
          send(res, 410, messagePage(language, t.expired));
        } else if (error instanceof RequestFailedError && error.error.kind === 'illegal_transition') {
          send(res, 409, messagePage(language, t.already));
        } else if (
          error instanceof InvalidRequestError ||
          (error instanceof RequestFailedError && error.error.kind === 'validation')
        ) {
          await showForm(res, link, req.originalUrl, 400);
        } else if (
          error instanceof NoRespondersError ||
          error instanceof RequestTimeoutError ||
          error instanceof RequestFailedError
        ) {
          send(res, 503, messagePage(language, t.unavailable));
        } else {
          throw error;
        }
      }
    },
  );
  return router;
}
