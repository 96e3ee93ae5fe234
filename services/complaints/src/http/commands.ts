import { randomUUID } from 'node:crypto';
import {
  type CommandBody,
  commandBodySchemas,
  complaintCommandSchema,
  complaintIdSchema,
  correctCustomerLanguageBodySchema,
  type HttpCommandType,
  httpCommandTypes,
} from '@chp/contracts';
import type { EventStore } from '@chp/eventstore';
import { actorOf, HttpProblem, requireRole, validate } from '@chp/platform';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type CommandHandler, complaintIdOfReference, eventIdFor } from '../application/index.js';
import { etagOf, expectedRevisionOf, sendJson } from './representation.js';
import { commandMetadataFrom } from './request-metadata.js';
import { commandActor } from './roles.js';
import { commandRoute, routes } from './routes.js';

export const complaintParams = z.object({ id: complaintIdSchema });

/** Agents name the other complaint of a link by its reference; the command carries its id. */
async function linkedComplaintId(store: EventStore, reference: string): Promise<string> {
  const id = await complaintIdOfReference(store, reference);
  if (id === undefined) {
    throw new HttpProblem({
      status: 400,
      kind: 'validation',
      title: 'Invalid request',
      detail: `No complaint has the reference ${reference}`,
      extensions: {
        errors: [
          {
            in: 'body',
            pointer: '#/linkedReference',
            detail: 'no complaint has this reference',
            code: 'unknown_reference',
          },
        ],
      },
    });
  }
  return id;
}

/** The command's data: the body, the complaint id from the path, and the ids the handler generates. */
async function commandData(
  store: EventStore,
  type: HttpCommandType,
  complaintId: string,
  body: CommandBody<HttpCommandType>,
  commandId: string,
): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = { complaintId, ...body };
  // The resolution's id is its event's (the first the command appends): the customer links sent
  // for it carry that id, and act on this resolution only.
  if (type === 'ResolveComplaint') data.resolutionId = eventIdFor(commandId, 0);
  if (type === 'AddNote') data.noteId = randomUUID();
  if (type === 'RequestCustomerInformation') data.requestId = randomUUID();
  if (type === 'LinkComplaints' || type === 'UnlinkComplaints') {
    data.linkedComplaintId = await linkedComplaintId(
      store,
      (body as CommandBody<'LinkComplaints'>).linkedReference,
    );
  }
  return data;
}

async function handleCommand(
  store: EventStore,
  handler: CommandHandler,
  type: HttpCommandType,
  req: Request,
) {
  const { id } = validate(complaintParams, req.params, 'params');
  // A bodiless POST (acknowledge) reaches us as undefined: that is the empty body.
  const body = validate(commandBodySchemas[type], req.body ?? {}, 'body');
  const expectedRevision = expectedRevisionOf(req.header('if-match'));
  const actor = commandActor(actorOf(req), type, body);
  const metadata = commandMetadataFrom(req, actor);
  const command = complaintCommandSchema.parse({
    type,
    data: await commandData(store, type, id, body, metadata.commandId),
    metadata,
  });
  const result = await handler.handle(command, expectedRevision === undefined ? {} : { expectedRevision });
  return { id, result };
}

/** `POST /v1/complaints/:id/correct-customer-language`: the body is the command's data. */
async function handleLanguageCorrection(handler: CommandHandler, req: Request) {
  const { id } = validate(complaintParams, req.params, 'params');
  const body = validate(correctCustomerLanguageBodySchema, req.body ?? {}, 'body');
  const expectedRevision = expectedRevisionOf(req.header('if-match'));
  const { id: actorId, role } = actorOf(req);
  const metadata = commandMetadataFrom(req, {
    id: actorId,
    role: role === 'supervisor' ? 'supervisor' : 'agent',
  });
  const command = complaintCommandSchema.parse({
    type: 'CorrectCustomerLanguage',
    data: { complaintId: id, ...body },
    metadata,
  });
  const result = await handler.handle(command, expectedRevision === undefined ? {} : { expectedRevision });
  return { id, result };
}

type Handled = Awaited<ReturnType<typeof handleCommand>>;

function reply(res: Response, { id, result }: Handled): void {
  res.set('ETag', etagOf(result.revision));
  sendJson(res, 200, {
    complaintId: id,
    revision: result.revision,
    events: result.events.map((event) => ({
      id: event.id,
      type: event.type,
      revision: event.revision,
    })),
    state: result.state,
  });
}

/** `POST /v1/complaints/:id/<command>` for every agent and supervisor command (paths from the contracts). */
export function commandRouter(deps: { store: EventStore; handler: CommandHandler }): Router {
  const router = Router();
  for (const type of httpCommandTypes) {
    const route = commandRoute(type);
    router.post(route.path, requireRole(...route.roles), async (req, res) => {
      reply(res, await handleCommand(deps.store, deps.handler, type, req));
    });
  }
  const correction = routes.correctCustomerLanguage;
  router.post(correction.path, requireRole(...correction.roles), async (req, res) => {
    reply(res, await handleLanguageCorrection(deps.handler, req));
  });
  return router;
}
