import { type CloudEvent, cloudEventSchema } from './cloudevents.js';
import { ContractError, parseJson } from './errors.js';
import {
  type IntakeSubmission,
  intakeCloudEventTypes,
  intakeSubmissionSchema,
  type QueuedSubmission,
  queuedSubmissionSchema,
} from './intake.js';

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
  if (!envelope.success)
    throw ContractError.fromZod('envelope', 'invalid CloudEvent envelope', envelope.error);
  const { type } = envelope.data;
  if (type === intakeCloudEventTypes.submitted) {
    const data = intakeSubmissionSchema.safeParse(envelope.data.data);
    if (!data.success) throw ContractError.fromZod('data', 'invalid submission', data.error, ['data']);
    return { kind: 'submitted', submission: data.data, envelope: { ...envelope.data, data: data.data } };
  }
  if (type === intakeCloudEventTypes.queued) {
    const data = queuedSubmissionSchema.safeParse(envelope.data.data);
    if (!data.success) throw ContractError.fromZod('data', 'invalid queued submission', data.error, ['data']);
    return { kind: 'queued', queued: data.data, envelope: { ...envelope.data, data: data.data } };
  }
  const known = Object.values(intakeCloudEventTypes).join(' or ');
  throw new ContractError('unknown_type', `CloudEvent type "${type}" is not ${known}`);
}
