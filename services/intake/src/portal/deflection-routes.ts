import { addressOf, type RateLimit, tokenBuckets, validate } from '@chp/platform';
import express, { Router } from 'express';
import { z } from 'zod';
import { routes } from '../http/index.js';
import { languageOf } from './complaint-routes.js';
import type { FormGuard } from './guard.js';
import { messagePage, sendPage } from './html.js';
import type { KnowledgeClient } from './knowledge.js';
import { thanksPage } from './suggestions.js';
import { portalLanguages, portalTexts } from './texts.js';

/** Suggestion look-ups per address while typing: the script asks at most once a pause. */
const suggestLimit: RateLimit = { perSecond: 1, burst: 30 };

export const suggestParams = z.strictObject({ language: z.enum(portalLanguages) });
/** What the customer typed so far (the script sends subject and description). */
export const suggestionsQuery = z.strictObject({ text: z.string().max(4_000) });

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deflection: the filing form's suggestions as JSON for the script (a same-origin proxy of
 * knowledge's public suggest endpoint, so the CSP stays `'self'`), and "this answered my question",
 * which records the vote at knowledge (the question and the language, nothing of the person) and
 * files nothing.
 */
export function deflectionRouter(deps: { knowledge: KnowledgeClient; guard: FormGuard }): Router {
  const router = Router();
  const buckets = tokenBuckets();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });

  router.get(routes.suggestQuestions.path, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const { language } = validate(suggestParams, req.params, 'params');
    const { text } = validate(suggestionsQuery, req.query, 'query');
    buckets.take(`address:${addressOf(req)}`, 'This address', suggestLimit);
    const items = await deps.knowledge.suggest(language, text);
    res.json({
      items: items.map(({ id, question, answer }) => ({ id, question, answer })),
    });
  });

  router.post(routes.questionHelped.path, form, async (req, res) => {
    const language = languageOf(req, res);
    if (!language) return;
    const t = portalTexts[language];
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The filing form's token (untimed): the vote comes from a page the portal served to this browser.
    const check = deps.guard.check(req, 'complaint', body.token, false);
    if (!check.ok) {
      sendPage(
        res,
        check.problem === 'csrf' ? 403 : 400,
        messagePage(language, 'complaint', t.portal, t.forms[check.problem]),
      );
      return;
    }
    const id = String(req.params.id ?? '');
    if (!uuidPattern.test(id)) {
      sendPage(res, 404, messagePage(language, 'complaint', t.notFound, t.notFound));
      return;
    }
    // The customer is thanked whether or not knowledge took the vote: nothing depends on it.
    await deps.knowledge.helped(id.toLowerCase(), language);
    sendPage(res, 200, thanksPage(language));
  });
  return router;
}
