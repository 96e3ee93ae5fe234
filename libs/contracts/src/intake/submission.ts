import { z } from 'zod';
import { MAX_DESCRIPTION, MAX_RELATED_REFERENCES, MAX_SUBJECT } from '../events/index.js';
import {
  attachmentsSchema,
  channelSchema,
  complaintIdSchema,
  complaintReferenceSchema,
  customerInputSchema,
  isoDateTime,
  MAX_ATTACHMENTS,
  multiLine,
  opaqueId,
  prioritySchema,
  regionSchema,
  singleLine,
  slug,
} from '../values/index.js';

/** Intake answers 413 past this many bytes of body. */
export const MAX_SUBMISSION_BYTES = 256 * 1024;

/** What a channel hands in, shared by the HTTP body, the INTAKE message and `FileComplaint`. */
export const submissionShape = {
  channel: channelSchema,
  /** The channel's own id for the submission; with the channel it is the default idempotency key. */
  externalRef: opaqueId(998),
  customer: customerInputSchema,
  subject: singleLine(MAX_SUBJECT),
  description: multiLine(MAX_DESCRIPTION),
  category: slug().optional(),
  /** Absent: the complaints service applies its default (`medium`). */
  priority: prioritySchema.optional(),
  desiredOutcome: multiLine(2_000).optional(),
  attachments: attachmentsSchema.optional(),
  /** Earlier complaints this one refers to. */
  relatedReferences: z.array(complaintReferenceSchema).max(MAX_RELATED_REFERENCES).optional(),
  /**
   * Whose regional holidays count in the SLA and regulatory clocks (ISO 3166, such as `GB-SCT`).
   * Absent: the complaints service's default region where the policy's calendar knows it. A region
   * the calendar does not know is refused (400 naming `region`, or a dead letter on NATS).
   */
  region: regionSchema.optional(),
};

/**
 * `POST /v1/complaints` (role `channel`), and the plain-JSON payload on `intake.complaints.<channel>`.
 * Intake normalises text (trim, NFC, e-mail domain, E.164 phone) before parsing with this schema.
 */
export const intakeSubmissionSchema = z.strictObject({
  ...submissionShape,
  /** When the channel received it (a letter's arrival date); absent means when intake did. */
  receivedAt: isoDateTime().optional(),
});
export type IntakeSubmission = z.infer<typeof intakeSubmissionSchema>;

const statusUrl = z
  .string()
  .max(2_000)
  .regex(/^(?:https?:\/\/|\/)\S+$/, 'must be an absolute URL or a path starting with "/"');

/**
 * The answer to a submission. `201` (`status: filed`): the complaint is in the event store, and
 * `acknowledgeBy` is its acknowledgement deadline. `202` (`status: queued`): complaints did not answer
 * in time; the submission is on JetStream and will be filed with this very id and reference.
 */
export const intakeAnswerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('filed'),
    complaintId: complaintIdSchema,
    reference: complaintReferenceSchema,
    acknowledgeBy: isoDateTime(),
    statusUrl,
  }),
  z.object({
    status: z.literal('queued'),
    complaintId: complaintIdSchema,
    reference: complaintReferenceSchema,
    statusUrl,
  }),
]);
export type IntakeAnswer = z.infer<typeof intakeAnswerSchema>;

/**
 * What intake itself puts on `intake.complaints.<channel>` when it answered 202: the submission with
 * the id and reference already promised to the customer, so the later filing keeps them.
 */
export const queuedSubmissionSchema = z.strictObject({
  complaintId: complaintIdSchema,
  reference: complaintReferenceSchema,
  receivedAt: isoDateTime(),
  idempotencyKey: opaqueId(),
  submission: intakeSubmissionSchema,
});
export type QueuedSubmission = z.infer<typeof queuedSubmissionSchema>;

/** CloudEvents types accepted on the INTAKE stream besides a plain submission. */
export const intakeCloudEventTypes = {
  /** From a channel adapter; `data` is an {@link IntakeSubmission}, `id` its idempotency key. */
  submitted: 'intake.ComplaintSubmitted.v1',
  /** From intake after a 202; `data` is a {@link QueuedSubmission}. */
  queued: 'intake.SubmissionQueued.v1',
} as const;

/** The limits of a submission, for READMEs and error pages. */
export const submissionLimits = {
  subject: MAX_SUBJECT,
  description: MAX_DESCRIPTION,
  attachments: MAX_ATTACHMENTS,
  relatedReferences: MAX_RELATED_REFERENCES,
  bodyBytes: MAX_SUBMISSION_BYTES,
} as const;

/**
 * How far a channel's `receivedAt` may stray from the receiver's clock. A back-dated one would
 * breach every deadline at once and escalate; a future one would push every deadline out.
 */
export interface ReceivedAtBounds {
  /** The oldest accepted, as an age in milliseconds. Default one year. */
  maxAgeMs: number;
  /** How far ahead of our clock a sender's clock may be. Default five minutes. */
  clockSkewMs: number;
}

export const defaultReceivedAtBounds: ReceivedAtBounds = {
  maxAgeMs: 365 * 86_400_000,
  clockSkewMs: 5 * 60_000,
};

/** Why `receivedAt` is out of bounds at `now`, or undefined when it is within them. */
export function receivedAtProblem(
  receivedAt: string,
  now: Date,
  bounds: ReceivedAtBounds = defaultReceivedAtBounds,
): string | undefined {
  const at = Date.parse(receivedAt);
  if (Number.isNaN(at)) return 'must be an RFC 3339 date-time';
  if (at > now.getTime() + bounds.clockSkewMs) {
    return `must not be in the future (more than ${Math.round(bounds.clockSkewMs / 1_000)} s ahead of ${now.toISOString()})`;
  }
  if (at < now.getTime() - bounds.maxAgeMs) {
    return `must not be older than ${Math.round(bounds.maxAgeMs / 86_400_000)} days (before ${new Date(now.getTime() - bounds.maxAgeMs).toISOString()})`;
  }
  return undefined;
}
