import { z } from 'zod';
import {
  attachmentsSchema,
  channelSchema,
  complaintReferenceSchema,
  customerSchema,
  deadlinesSchema,
  isoDateTime,
  languages,
  multiLine,
  opaqueId,
  prioritySchema,
  severitySchema,
  singleLine,
  slaPolicyRefSchema,
  slug,
} from '../values/index.js';
import { stamp } from './metadata.js';

export const MAX_SUBJECT = 200;
export const MAX_DESCRIPTION = 20_000;
export const MAX_RELATED_REFERENCES = 20;

/** The complaint exists: everything the customer told us, plus the SLA policy and deadlines that apply. */
export const complaintFiledDataSchema = z.object({
  ...stamp,
  reference: complaintReferenceSchema,
  channel: channelSchema,
  /** The channel's own id for the submission (form id, e-mail Message-ID, call id). */
  externalRef: opaqueId(998),
  /** When the channel received it; the regulatory clocks run from here (it may precede `at`). */
  receivedAt: isoDateTime(),
  customer: customerSchema,
  subject: singleLine(MAX_SUBJECT),
  description: multiLine(MAX_DESCRIPTION),
  category: slug().optional(),
  priority: prioritySchema,
  desiredOutcome: multiLine(2_000).optional(),
  attachments: attachmentsSchema,
  relatedReferences: z.array(complaintReferenceSchema).max(MAX_RELATED_REFERENCES),
  sla: slaPolicyRefSchema,
  deadlines: deadlinesSchema,
});
export type ComplaintFiledData = z.infer<typeof complaintFiledDataSchema>;

export const complaintAcknowledgedDataSchema = z.object({ ...stamp });
export type ComplaintAcknowledgedData = z.infer<typeof complaintAcknowledgedDataSchema>;

/** Assessed: what it is about, how urgent, how serious. A new priority moves the deadlines. */
export const complaintTriagedDataSchema = z.object({
  ...stamp,
  category: slug(),
  priority: prioritySchema,
  severity: severitySchema,
  /** The deadlines in force after triage, when the priority changed them. */
  deadlines: deadlinesSchema.optional(),
});
export type ComplaintTriagedData = z.infer<typeof complaintTriagedDataSchema>;

/**
 * An agent corrected the customer's language (intake detected a wrong one, or fell back to the
 * default): messages from now on are in `language`. `previous` is what the complaint had.
 */
export const customerLanguageCorrectedDataSchema = z.object({
  ...stamp,
  language: z.enum(languages),
  previous: z.enum(languages),
});
export type CustomerLanguageCorrectedData = z.infer<typeof customerLanguageCorrectedDataSchema>;

/** Placed in a team's queue, optionally with one agent owning it. */
export const complaintAssignedDataSchema = z.object({
  ...stamp,
  team: slug(),
  assigneeId: opaqueId().optional(),
  assigneeName: singleLine(200).optional(),
});
export type ComplaintAssignedData = z.infer<typeof complaintAssignedDataSchema>;
