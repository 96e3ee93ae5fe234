import { z } from 'zod';
import {
  closeReasonSchema,
  complaintIdSchema,
  deadlinesSchema,
  multiLine,
  outcomeSchema,
  remedySchema,
  satisfactionScoreSchema,
  uuid,
} from '../values/index.js';
import { customerActSourceSchema } from './handling.js';
import { stamp } from './metadata.js';

/**
 * The customer's acts on a resolution carry, when staff record them, the `source` they learned it
 * from; through a customer link, the `resolutionId` the link was sent for.
 */
const customerAct = {
  source: customerActSourceSchema.optional(),
  resolutionId: uuid().optional(),
};

export const MAX_REMEDIES = 10;

/** The decision, told to the customer, who may accept or reject it. */
export const complaintResolvedDataSchema = z.object({
  ...stamp,
  summary: multiLine(5_000),
  outcome: outcomeSchema,
  /** Empty when nothing is offered (typically `not_upheld`). */
  remedies: z.array(remedySchema).max(MAX_REMEDIES),
  /** Solved in the first contact with the customer (a service-standard measure). */
  firstContact: z.boolean(),
  /**
   * The id of this event, which the customer links sent for it carry: they act on this resolution
   * only. Absent on resolutions recorded before links were bound.
   */
  resolutionId: uuid().optional(),
});
export type ComplaintResolvedData = z.infer<typeof complaintResolvedDataSchema>;

export const resolutionAcceptedDataSchema = z.object({
  ...stamp,
  ...customerAct,
  comment: multiLine(2_000).optional(),
});
export type ResolutionAcceptedData = z.infer<typeof resolutionAcceptedDataSchema>;

/** The customer rejected the resolution; the complaint reopens. */
export const resolutionRejectedDataSchema = z.object({
  ...stamp,
  ...customerAct,
  reason: multiLine(5_000),
});
export type ResolutionRejectedData = z.infer<typeof resolutionRejectedDataSchema>;

/** Back to `in_progress` after a resolution or a close. */
export const complaintReopenedDataSchema = z.object({
  ...stamp,
  reason: multiLine(2_000),
  /** The deadlines in force after reopening, when the policy sets new ones. */
  deadlines: deadlinesSchema.optional(),
});
export type ComplaintReopenedData = z.infer<typeof complaintReopenedDataSchema>;

const closedShape = {
  ...stamp,
  reason: closeReasonSchema,
  /** The surviving complaint, required when the reason is `duplicate`. */
  duplicateOf: complaintIdSchema.optional(),
  note: multiLine(2_000).optional(),
};

/** A close for `duplicate` names the complaint it duplicates. Shared by the event and the command. */
export const requireDuplicateOf = (value: { reason: string; duplicateOf?: string }): boolean =>
  value.reason !== 'duplicate' || value.duplicateOf !== undefined;
export const duplicateOfIssue = {
  message: 'a complaint closed as a duplicate names the complaint it duplicates',
  path: ['duplicateOf'],
};

export const complaintClosedDataSchema = z.object(closedShape).refine(requireDuplicateOf, duplicateOfIssue);
export type ComplaintClosedData = z.infer<typeof complaintClosedDataSchema>;

/** The customer (or an agent on their behalf) withdrew the complaint. Terminal. */
export const complaintWithdrawnDataSchema = z.object({
  ...stamp,
  reason: multiLine(2_000).optional(),
});
export type ComplaintWithdrawnData = z.infer<typeof complaintWithdrawnDataSchema>;

export const satisfactionRecordedDataSchema = z.object({
  ...stamp,
  ...customerAct,
  score: satisfactionScoreSchema,
  comment: multiLine(2_000).optional(),
});
export type SatisfactionRecordedData = z.infer<typeof satisfactionRecordedDataSchema>;

/**
 * The customer links sent for a resolution (accept, reject, survey) no longer act: a supervisor or
 * an admin revoked them (a mail sent to a wrong address, a forwarded e-mail). Links of a later
 * resolution are new links and are not revoked.
 */
export const customerLinksRevokedDataSchema = z.object({
  ...stamp,
  resolutionId: uuid(),
  reason: multiLine(2_000),
});
export type CustomerLinksRevokedData = z.infer<typeof customerLinksRevokedDataSchema>;
