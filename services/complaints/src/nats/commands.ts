import {
  type CommandResult,
  type ComplaintCommand,
  commandResultSchema,
  defaultReceivedAtBounds,
  fileComplaintRequestSchema,
  fileComplaintResultSchema,
  linkResolutionRequestSchema,
  linkResolutionSchema,
  type NatsCommandType,
  natsCommandRequestSchemaOf,
  natsCommandSubject,
  natsCommandTypes,
  type ReceivedAtBounds,
  receivedAtProblem,
  subjects,
} from '@chp/contracts';
import type { EventStore } from '@chp/eventstore';
import { type MessagingLogger, type Service, serve } from '@chp/messaging';
import { currentTraceparent } from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import { type Clock, type CommandHandler, fileComplaint } from '../application/index.js';
import { initialState, linkResolutionOf } from '../complaint/index.js';
import { CommandFailure, translatingErrors } from './command-errors.js';

/** The queue group shared by every replica, so each request is answered once. */
export const COMMAND_QUEUE = 'complaints';

export interface NatsCommandDeps {
  nc: NatsConnection;
  store: EventStore;
  handler: CommandHandler;
  clock: Clock;
  /** How old or how far ahead of `clock` a filing's `receivedAt` may be. Default: one year, five minutes. */
  receivedAtBounds?: ReceivedAtBounds;
  logger?: MessagingLogger;
}

/** The request's metadata, with the trace of the request span when the caller sent none. */
function withTrace<M extends { traceparent?: string | undefined }>(metadata: M): M {
  if (metadata.traceparent !== undefined) return metadata;
  const traceparent = currentTraceparent();
  return traceparent === undefined ? metadata : { ...metadata, traceparent };
}

/** `complaints.cmd.file`: files a complaint, idempotently by complaint id (see `fileComplaint`). */
export function serveFileComplaint(deps: NatsCommandDeps): Service {
  return serve(deps.nc, natsCommandSubject('FileComplaint'), {
    queue: COMMAND_QUEUE,
    requestSchema: fileComplaintRequestSchema,
    replySchema: fileComplaintResultSchema,
    ...(deps.logger ? { logger: deps.logger } : {}),
    handler: (request) =>
      translatingErrors(async () => {
        // A back-dated filing would breach and escalate at once; a future one would push every
        // deadline out. Intake checks the same bounds; this holds for any other sender.
        const bounds = deps.receivedAtBounds ?? defaultReceivedAtBounds;
        const problem = receivedAtProblem(request.data.receivedAt, deps.clock.now(), bounds);
        if (problem) {
          throw new CommandFailure(
            'validation',
            'receivedAt out of bounds',
            `data.receivedAt: ${problem}`,
            undefined,
            {
              issues: [{ path: 'data.receivedAt', message: problem, code: 'out_of_bounds' }],
            },
          );
        }
        return fileComplaint(deps, {
          type: 'FileComplaint',
          data: request.data,
          metadata: withTrace(request.metadata),
        });
      }),
  });
}

function serveCommand(deps: NatsCommandDeps, type: Exclude<NatsCommandType, 'FileComplaint'>): Service {
  return serve(deps.nc, natsCommandSubject(type), {
    queue: COMMAND_QUEUE,
    requestSchema: natsCommandRequestSchemaOf(type),
    replySchema: commandResultSchema,
    ...(deps.logger ? { logger: deps.logger } : {}),
    handler: (request): Promise<CommandResult> =>
      translatingErrors(async () => {
        // The subject names the type; the request schema of that type checked data and metadata.
        const command = {
          type,
          data: request.data,
          metadata: withTrace(request.metadata),
        } as ComplaintCommand;
        const result = await deps.handler.handle(command);
        return {
          complaintId: command.data.complaintId,
          revision: Number(result.revision),
          appended: result.events.length,
        };
      }),
  });
}

/**
 * `complaints.query.link-resolution`: what a customer link acts on, for intake's link pages. The
 * request names the complaint and resolution of a link intake verified; the reply carries that
 * resolution only (see `linkResolutionOf`), nothing of the customer.
 */
export function serveLinkResolution(deps: Pick<NatsCommandDeps, 'nc' | 'handler' | 'logger'>): Service {
  return serve(deps.nc, subjects.complaints.linkResolution, {
    queue: COMMAND_QUEUE,
    requestSchema: linkResolutionRequestSchema,
    replySchema: linkResolutionSchema,
    ...(deps.logger ? { logger: deps.logger } : {}),
    handler: (request) =>
      translatingErrors(async () => {
        const loaded = await deps.handler.load(request.complaintId);
        return linkResolutionOf(loaded?.state ?? initialState(), request.resolutionId);
      }),
  });
}

/**
 * Every `complaints.cmd.<command>` intake sends: filing, and what customers do through links and
 * e-mail (respond, accept or reject a resolution, rate it). Stop them with `stop()` on each.
 */
export function serveNatsCommands(deps: NatsCommandDeps): Service[] {
  return [
    ...natsCommandTypes.map((type) =>
      type === 'FileComplaint' ? serveFileComplaint(deps) : serveCommand(deps, type),
    ),
    serveLinkResolution(deps),
  ];
}
