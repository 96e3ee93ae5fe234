import { z } from 'zod';
import { type CloudEvent, cloudEventSchema } from '../cloudevents.js';
import { ContractError, parseJson } from '../errors.js';
import {
  type IntakeSubmission,
  intakeCloudEventTypes,
  intakeSubmissionSchema,
  type QueuedSubmission,
  queuedSubmissionSchema,
} from './submission.js';

/** A channel adapter's submission as a CloudEvent; its `id` serves as the idempotency key. */
export const complaintSubmittedCloudEventSchema = cloudEventSchema.extend({
  type: z.literal(intakeCloudEventTypes.submitted),
  data: intakeSubmissionSchema,
});

/** Intake's own queued submission (after answering 202). */
export const submissionQueuedCloudEventSchema = cloudEventSchema.extend({
  type: z.literal(intakeCloudEventTypes.queued),
  data: queuedSubmissionSchema,
});

/** A message of the INTAKE stream, after parsing. */
export type IntakeMessage =
  | { kind: 'plain'; submission: IntakeSubmission }
  | { kind: 'submitted'; submission: IntakeSubmission; envelope: CloudEvent<IntakeSubmission> }
  | { kind: 'queued'; queued: QueuedSubmission; envelope: CloudEvent<QueuedSubmission> };

const isCloudEventShaped = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'specversion' in value;

/**
 * Parses a payload of `intake.complaints.<channel>`: a plain {@link IntakeSubmission}, or a CloudEvent
 * of one of {@link intakeCloudEventTypes}. Throws {@link ContractError} naming each bad field; the
 * consumer dead-letters the original bytes with it.
 */
export function parseIntakeMessage(input: unknown): IntakeMessage {
  const json = parseJson(input);
  if (!isCloudEventShaped(json)) {
    const plain = intakeSubmissionSchema.safeParse(json);
    if (!plain.success) throw ContractError.fromZod('data', 'invalid submission', plain.error);
    return { kind: 'plain', submission: plain.data };
  }
  const envelope = cloudEventSchema.safeParse(json);
  if (!envelope.success) {
    throw ContractError.fromZod('envelope', 'invalid CloudEvent envelope', envelope.error);
  }
  if (envelope.data.type === intakeCloudEventTypes.submitted) {
    const event = complaintSubmittedCloudEventSchema.safeParse(json);
    if (!event.success) throw ContractError.fromZod('data', 'invalid submission', event.error);
    return { kind: 'submitted', submission: event.data.data, envelope: event.data };
  }
  if (envelope.data.type === intakeCloudEventTypes.queued) {
    const event = submissionQueuedCloudEventSchema.safeParse(json);
    if (!event.success) throw ContractError.fromZod('data', 'invalid queued submission', event.error);
    return { kind: 'queued', queued: event.data.data, envelope: event.data };
  }
  const known = Object.values(intakeCloudEventTypes).join(' or ');
  throw new ContractError('unknown_type', `CloudEvent type "${envelope.data.type}" is not ${known}`);
}
