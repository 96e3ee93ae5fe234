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

/** The customer wrote or called back. Resumes the operational clock if it was paused. */
export const customerRespondedDataSchema = z.object({
  ...stamp,
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
