import {
  type Actor,
  type CommandError,
  cloudEventSources,
  type FileComplaintResult,
  fileComplaintRequestSchema,
  fileComplaintResultSchema,
  intakeCloudEventTypes,
  natsCommandSubject,
  type QueuedSubmission,
  subjects,
} from '@chp/contracts';
import {
  NoRespondersError,
  publishCloudEvent,
  RequestFailedError,
  RequestTimeoutError,
  request,
} from '@chp/messaging';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { uuidV5 } from './identity.js';

/** Complaints did not answer (no responder, or not in time): the submission may be queued. */
export class ComplaintsUnavailable extends Error {
  constructor(cause: unknown) {
    super(`complaints did not answer: ${(cause as Error).message}`, { cause });
    this.name = 'ComplaintsUnavailable';
  }
}

/** Complaints refused the command; `error.kind` maps to an HTTP status. */
export class FilingRefused extends Error {
  constructor(readonly error: CommandError) {
    super(`complaints refused the filing: ${error.kind}: ${error.title}`);
    this.name = 'FilingRefused';
  }
}

export interface FilerDeps {
  nc: NatsConnection;
  js: JetStreamClient;
  /** How long to wait for complaints before answering 202. */
  fileTimeoutMs: number;
}

/**
 * Sends `complaints.cmd.file`. Filing is idempotent by complaint id in complaints, so a repeat
 * (after a timeout, a redelivery, a second replica) returns the first filing with `created: false`.
 */
export async function fileComplaint(
  deps: FilerDeps,
  queued: QueuedSubmission,
  actor: Actor,
): Promise<FileComplaintResult> {
  const { receivedAt: _given, ...submission } = queued.submission;
  try {
    return await request(
      deps.nc,
      natsCommandSubject('FileComplaint'),
      {
        data: {
          complaintId: queued.complaintId,
          reference: queued.reference,
          receivedAt: queued.receivedAt,
          ...submission,
        },
        // A deterministic command id: every attempt at this filing is the same command.
        metadata: {
          commandId: uuidV5(`file:${queued.complaintId}`),
          actor,
          correlationId: queued.idempotencyKey.slice(0, 200),
        },
      },
      {
        requestSchema: fileComplaintRequestSchema,
        replySchema: fileComplaintResultSchema,
        timeoutMs: deps.fileTimeoutMs,
      },
    );
  } catch (error) {
    if (error instanceof NoRespondersError || error instanceof RequestTimeoutError) {
      throw new ComplaintsUnavailable(error);
    }
    if (error instanceof RequestFailedError) {
      const e = error.error;
      if (e.kind === 'unavailable' || e.kind === 'internal') throw new ComplaintsUnavailable(error);
      throw new FilingRefused(e as CommandError);
    }
    throw error;
  }
}

/** Puts a submission on INTAKE for a later filing; msgID = complaint id, so a repeat is stored once. */
export async function queueSubmission(js: JetStreamClient, queued: QueuedSubmission): Promise<void> {
  await publishCloudEvent(js, subjects.intake.complaint(queued.submission.channel), {
    specversion: '1.0',
    id: queued.complaintId,
    type: intakeCloudEventTypes.queued,
    source: cloudEventSources.intake,
    subject: queued.complaintId,
    time: queued.receivedAt,
    datacontenttype: 'application/json',
    correlationid: queued.idempotencyKey.slice(0, 200),
    data: queued,
  });
}
