import { jsonBody, validate } from '@chp/platform';
import { Router } from 'express';
import { countSuggestionShown, searchEntries } from '../read-model/index.js';
import type { KnowledgeHttpDeps } from './context.js';
import { readYourWrites } from './context.js';
import { sendJson } from './representation.js';
import { routes } from './routes.js';
import { entryParams, helpedBody, publicQuestionsQuery, suggestQuery } from './schemas.js';

/** A published question as the portal shows it: the question and its answer in one language. */
function publicItems(hits: Awaited<ReturnType<typeof searchEntries>>) {
  return hits.flatMap((hit) => {
    const text = hit.text as { question: string; answer: string } | null;
    return text
      ? [{ id: hit.id, version: hit.version, category: hit.category, language: hit.language, ...text }]
      : [];
  });
}

/**
 * The portal's routes, open to everyone and rate-limited by address (the kit's anonymous bucket):
 * published typical questions by language and category, suggestions for what a customer typed,
 * and "this answered my question", recorded without anything of the person.
 */
export function publicRouter(deps: KnowledgeHttpDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  router.get(routes.publicQuestions.path, async (req, res) => {
    const query = validate(publicQuestionsQuery, req.query, 'query');
    const hits = await searchEntries(deps.db, {
      kind: 'question',
      language: query.language,
      category: query.category,
      statuses: ['published'],
      match: 'any',
      limit: query.limit,
    });
    res.set('Cache-Control', 'public, max-age=60');
    sendJson(res, 200, { items: publicItems(hits) });
  });

  router.get(routes.suggestQuestions.path, async (req, res) => {
    const query = validate(suggestQuery, req.query, 'query');
    const hits = await searchEntries(deps.db, {
      kind: 'question',
      language: query.language,
      text: query.text,
      category: query.category,
      statuses: ['published'],
      match: 'any',
      limit: query.limit,
    });
    const items = publicItems(hits);
    if (items.length > 0)
      await countSuggestionShown(deps.db, query.language, now().toISOString().slice(0, 10));
    res.set('Cache-Control', 'no-store');
    sendJson(res, 200, { items });
  });

  router.post(routes.questionHelped.path, jsonBody('1kb'), async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const { language } = validate(helpedBody, req.body, 'body');
    const result = await deps.handler.handle(
      { type: 'RecordQuestionHelped', data: { questionId: id, language } },
      { by: { id: 'portal', role: 'customer' } },
    );
    await readYourWrites(deps, result);
    res.status(204).end();
  });
  return router;
}
