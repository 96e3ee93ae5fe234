import { randomUUID } from 'node:crypto';
import { requireRole, validate } from '@chp/platform';
import { type Request, Router } from 'express';
import type { z } from 'zod';
import type { Loaded } from '../application/index.js';
import type { EntryState, KnowledgeCommand } from '../directory/index.js';
import { KnowledgeEntryNotFound } from '../directory/index.js';
import { type EntryKind, type ReadStatus, searchEntries } from '../read-model/index.js';
import { commandActor, type KnowledgeHttpDeps, readYourWrites } from './context.js';
import { entryView, etagOf, hitView, ifMatchRevision, sendJson } from './representation.js';
import { routes } from './routes.js';
import { answerBody, answerUseBody, entryParams, questionBody, searchQuery } from './schemas.js';

type Route = (typeof routes)[keyof typeof routes];

interface EntryRoutes {
  kind: EntryKind;
  body: typeof answerBody | typeof questionBody;
  search: Route;
  draft: Route;
  read: Route;
  revise: Route;
  publish: Route;
  retire: Route;
  command(type: 'draft' | 'revise' | 'publish' | 'retire', id: string, content?: unknown): KnowledgeCommand;
}

const answers: EntryRoutes = {
  kind: 'answer',
  body: answerBody,
  search: routes.searchAnswers,
  draft: routes.draftAnswer,
  read: routes.answer,
  revise: routes.reviseAnswer,
  publish: routes.publishAnswer,
  retire: routes.retireAnswer,
  command: (type, answerId, content) =>
    ({
      type: {
        draft: 'DraftStandardAnswer',
        revise: 'ReviseStandardAnswer',
        publish: 'PublishStandardAnswer',
        retire: 'RetireStandardAnswer',
      }[type],
      data: content === undefined ? { answerId } : { answerId, content },
    }) as KnowledgeCommand,
};

const questions: EntryRoutes = {
  kind: 'question',
  body: questionBody,
  search: routes.searchQuestions,
  draft: routes.draftQuestion,
  read: routes.question,
  revise: routes.reviseQuestion,
  publish: routes.publishQuestion,
  retire: routes.retireQuestion,
  command: (type, questionId, content) =>
    ({
      type: {
        draft: 'DraftTypicalQuestion',
        revise: 'ReviseTypicalQuestion',
        publish: 'PublishTypicalQuestion',
        retire: 'RetireTypicalQuestion',
      }[type],
      data: content === undefined ? { questionId } : { questionId, content },
    }) as KnowledgeCommand,
};

const isSupervisor = (req: Request) => req.actor?.roles.includes('supervisor') ?? false;

function entryRouter(deps: KnowledgeHttpDeps, entry: EntryRoutes): Router {
  const router = Router();
  const load = (id: string): Promise<Loaded<EntryState<unknown>> | undefined> =>
    entry.kind === 'answer' ? deps.handler.loadAnswer(id) : deps.handler.loadQuestion(id);

  router.get(entry.search.path, requireRole(...entry.search.roles), async (req, res) => {
    const query = validate(searchQuery, req.query, 'query');
    // Agents read what is published; supervisors choose (all but retired and superseded by default).
    const statuses: ReadStatus[] = isSupervisor(req)
      ? query.status
        ? [query.status]
        : ['draft', 'published']
      : ['published'];
    const hits = await searchEntries(deps.db, {
      kind: entry.kind,
      language: query.language,
      text: query.q,
      category: query.category,
      statuses,
      match: 'all',
      limit: query.limit,
      offset: query.offset,
    });
    sendJson(res, 200, { items: hits.map(hitView) });
  });

  router.get(entry.read.path, requireRole(...entry.read.roles), async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const loaded = await load(id);
    const everything = isSupervisor(req);
    if (!loaded || loaded.state.status === 'absent' || (!everything && loaded.state.status !== 'published')) {
      throw new KnowledgeEntryNotFound(entry.kind, id);
    }
    res.set('ETag', etagOf(loaded.revision));
    sendJson(res, 200, entryView(id, loaded.state, loaded.revision, everything));
  });

  const respond = async (
    req: Request,
    res: import('express').Response,
    id: string,
    command: KnowledgeCommand,
    status: number,
  ) => {
    const expectedRevision = ifMatchRevision(req.header('if-match'));
    const result = await deps.handler.handle(command, {
      by: commandActor(req),
      ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    });
    await readYourWrites(deps, result);
    res.set('ETag', etagOf(result.revision));
    if (status === 201) res.location(entry.read.path.replace(':id', id));
    sendJson(res, status, {
      id,
      revision: Number(result.revision),
      events: result.events.map((event) => ({ type: event.type, version: event.data.version })),
    });
  };

  router.post(entry.draft.path, requireRole(...entry.draft.roles), async (req, res) => {
    const content = validate(entry.body as z.ZodType, req.body, 'body');
    const id = randomUUID();
    await respond(req, res, id, entry.command('draft', id, content), 201);
  });
  router.post(entry.revise.path, requireRole(...entry.revise.roles), async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const content = validate(entry.body as z.ZodType, req.body, 'body');
    await respond(req, res, id, entry.command('revise', id, content), 200);
  });
  for (const act of ['publish', 'retire'] as const) {
    const route = entry[act];
    router.post(route.path, requireRole(...route.roles), async (req, res) => {
      const { id } = validate(entryParams, req.params, 'params');
      await respond(req, res, id, entry.command(act, id), 200);
    });
  }
  return router;
}

/** A use of a published answer version in a complaint (the console's picker calls it). */
function usageRouter(deps: KnowledgeHttpDeps): Router {
  const router = Router();
  const route = routes.recordAnswerUse;
  router.post(route.path, requireRole(...route.roles), async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const body = validate(answerUseBody, req.body, 'body');
    const result = await deps.handler.handle(
      { type: 'RecordStandardAnswerUse', data: { answerId: id, ...body } },
      { by: commandActor(req) },
    );
    await readYourWrites(deps, result);
    sendJson(res, 201, { answerId: id, version: body.version, complaintId: body.complaintId });
  });
  return router;
}

/** Standard answers and typical questions: search, read, draft, revise, publish, retire; answer uses. */
export function entriesRouter(deps: KnowledgeHttpDeps): Router {
  const router = Router();
  router.use(entryRouter(deps, answers), usageRouter(deps), entryRouter(deps, questions));
  return router;
}
