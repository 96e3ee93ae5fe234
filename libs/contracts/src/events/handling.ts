import { z } from 'zod';
import {
  attachmentsSchema,
  channelSchema,
  deadlinesSchema,
  escalationLevelSchema,
  escalationReasonSchema,
  isoDateTime,
  multiLine,
  noteVisibilitySchema,
  opaqueId,
  regulatoryRegimes,
  singleLine,
  slaTargetSchema,
  uuid,
} from '../values/index.js';
import { MAX_DESCRIPTION } from './filing.js';
import { stamp } from './metadata.js';

export const noteAddedDataSchema = z.object({
  ...stamp,
  noteId: uuid(),
  /** `customer` notes are shown to the customer; `internal` ones never leave the company. */
  visibility: noteVisibilitySchema,
  text: multiLine(10_000),
  attachments: attachmentsSchema.optional(),
});
export type NoteAddedData = z.infer<typeof noteAddedDataSchema>;

/** A question to the customer. The operational clock pauses until the customer responds. */
export const customerInformationRequestedDataSchema = z.object({
  ...stamp,
  requestId: uuid(),
  question: multiLine(5_000),
  /** When the complaint may be closed for no response. */
  respondBy: isoDateTime().optional(),
});
export type CustomerInformationRequestedData = z.infer<typeof customerInformationRequestedDataSchema>;

/**
 * How staff learned what they record on the customer's behalf, such as `by phone` or `letter of 3
 * May`. Satisfaction, acceptance, rejection and responses are the customer's acts: staff may record
 * them only with a stated source, and the customer's own later answer is recorded as well.
 */
export const customerActSourceSchema = singleLine(200);

/** The address a reply came from, as the receiving gateway saw it (domain lower-cased by intake). */
export const senderAddressSchema = z.email().max(254);

/**
 * The customer wrote or called back. Resumes the operational clock if it was paused.
 * v2 added `from` and `source`; a v1 event reads as it was (neither is known for it).
 */
export const customerRespondedDataSchema = z.object({
  ...stamp,
  /** The sender of an e-mail reply: the complaint's customer address, verified by the gateway. */
  from: senderAddressSchema.optional(),
  /** Set when staff recorded the response on the customer's behalf (see {@link customerActSourceSchema}). */
  source: customerActSourceSchema.optional(),
  /** The request answered, when known (e-mail replies thread onto the open request). */
  requestId: uuid().optional(),
  message: multiLine(MAX_DESCRIPTION),
  channel: channelSchema,
  /** The channel's id of the response, such as the reply's Message-ID. */
  externalRef: opaqueId(998).optional(),
  attachments: attachmentsSchema.optional(),
  /** The operational deadlines after the pause, recomputed by the SLA clock. */
  deadlines: deadlinesSchema.optional(),
});
export type CustomerRespondedData = z.infer<typeof customerRespondedDataSchema>;

/** Why a reply was not taken as the customer's own words. */
export const unverifiedReasons = ['sender_not_customer', 'authentication_failed'] as const;
export const unverifiedReasonSchema = z.enum(unverifiedReasons);
export type UnverifiedReason = z.infer<typeof unverifiedReasonSchema>;

/**
 * A reply that threads onto the complaint but cannot be shown to be the customer's: the sender is
 * not the complaint's customer address, or the mail failed the receiving gateway's DMARC/DKIM
 * verdict. Agents see it flagged; it answers no request and moves no clock.
 */
export const unverifiedResponseReceivedDataSchema = z.object({
  ...stamp,
  /** The claimed sender (the From address), not the customer's. */
  from: senderAddressSchema,
  reasons: z.array(unverifiedReasonSchema).min(1).max(unverifiedReasons.length),
  message: multiLine(MAX_DESCRIPTION),
  channel: channelSchema,
  externalRef: opaqueId(998).optional(),
  attachments: attachmentsSchema.optional(),
});
export type UnverifiedResponseReceivedData = z.infer<typeof unverifiedResponseReceivedDataSchema>;

export const complaintEscalatedDataSchema = z.object({
  ...stamp,
  level: escalationLevelSchema,
  reason: escalationReasonSchema,
  /** Who now answers for it: a team, a supervisor's id or an alias from the escalation policy. */
  to: opaqueId(),
  note: multiLine(2_000).optional(),
});
export type ComplaintEscalatedData = z.infer<typeof complaintEscalatedDataSchema>;

/**
 * PSD2 art. 101 holding reply: the answer cannot be given within 15 business days for reasons beyond
 * the firm's control, and the customer was told why and by when. The regulatory deadline moves from
 * `previousDueAt` (15 business days after receipt) to `dueAt` (35).
 */
export const holdingReplySentDataSchema = z.object({
  ...stamp,
  /** The regime whose exceptional deadline applies (`psd2`). */
  regime: z.enum(regulatoryRegimes),
  /** The reasons for the delay, as the customer reads them. */
  reason: multiLine(2_000),
  /** The final response deadline before the holding reply. */
  previousDueAt: isoDateTime(),
  /** The final response deadline now, told to the customer. */
  dueAt: isoDateTime(),
  /** The deadlines in force after it (`regulatory_final_response` is `dueAt`). */
  deadlines: deadlinesSchema,
});
export type HoldingReplySentData = z.infer<typeof holdingReplySentDataSchema>;

/** A target passed unmet. Recorded once per target, whoever notices first. */
export const slaBreachedDataSchema = z.object({
  ...stamp,
  target: slaTargetSchema,
  dueAt: isoDateTime(),
});
export type SlaBreachedData = z.infer<typeof slaBreachedDataSchema>;
