import { z } from 'zod';
import {
  customerActSourceSchema,
  duplicateOfIssue,
  MAX_REMEDIES,
  requireDuplicateOf,
} from '../events/index.js';
import {
  attachmentsSchema,
  channelSchema,
  closeReasonSchema,
  complaintIdSchema,
  complaintReferenceSchema,
  escalationLevelSchema,
  escalationReasonSchema,
  isoDateTime,
  languages,
  linkRelationSchema,
  multiLine,
  noteVisibilitySchema,
  opaqueId,
  outcomeSchema,
  prioritySchema,
  remedySchema,
  satisfactionScoreSchema,
  severitySchema,
  singleLine,
  slug,
  trimmedMultiLine,
  uuid,
} from '../values/index.js';

/*
 * The body of each agent command, `POST /v1/complaints/:id/<path>`. The complaint id comes from the
 * path, the actor from the bearer token and the expected revision from `If-Match`, so none of them is
 * in a body. Bodies are strict: an unknown field is an error, which catches typos in clients.
 */

export const acknowledgeComplaintShape = {};
export const triageComplaintShape = { category: slug(), priority: prioritySchema, severity: severitySchema };
export const assignComplaintShape = {
  team: slug(),
  assigneeId: opaqueId().optional(),
  assigneeName: singleLine(200).optional(),
};
export const addNoteShape = {
  visibility: noteVisibilitySchema,
  text: multiLine(10_000),
  attachments: attachmentsSchema.optional(),
};
export const requestCustomerInformationShape = {
  question: multiLine(5_000),
  respondBy: isoDateTime().optional(),
};
/**
 * Staff record the customer's acts (a response, an acceptance, a rejection, a score) only with the
 * `source` they learned it from, such as `by phone`; the decider refuses them without one.
 */
const onBehalf = { source: customerActSourceSchema.optional() };

export const recordCustomerResponseShape = {
  ...onBehalf,
  message: multiLine(20_000),
  channel: channelSchema,
  requestId: uuid().optional(),
  externalRef: opaqueId(998).optional(),
  attachments: attachmentsSchema.optional(),
};
export const escalateComplaintShape = {
  level: escalationLevelSchema,
  reason: escalationReasonSchema,
  to: opaqueId(),
  note: multiLine(2_000).optional(),
};
/**
 * PSD2 art. 101 holding reply: why the final answer cannot be given within 15 business days. The
 * customer reads `reason`; the new deadline (35 business days) is the service's to compute.
 */
export const sendHoldingReplyShape = { reason: trimmedMultiLine(2_000) };
export const resolveComplaintShape = {
  summary: multiLine(5_000),
  outcome: outcomeSchema,
  remedies: z.array(remedySchema).max(MAX_REMEDIES),
  firstContact: z.boolean(),
};
export const acceptResolutionShape = { ...onBehalf, comment: multiLine(2_000).optional() };
export const rejectResolutionShape = { ...onBehalf, reason: multiLine(5_000) };
export const reopenComplaintShape = { reason: multiLine(2_000) };
export const closeComplaintShape = {
  reason: closeReasonSchema,
  duplicateOf: complaintIdSchema.optional(),
  note: multiLine(2_000).optional(),
};
export const withdrawComplaintShape = { reason: multiLine(2_000).optional() };
export const recordSatisfactionShape = {
  ...onBehalf,
  score: satisfactionScoreSchema,
  comment: multiLine(2_000).optional(),
};
/** Agents name the other complaint by its reference; the service resolves its id. */
export const linkComplaintsShape = {
  linkedReference: complaintReferenceSchema,
  relation: linkRelationSchema,
};
export const unlinkComplaintsShape = {
  linkedReference: complaintReferenceSchema,
  reason: multiLine(2_000).optional(),
};
/**
 * Agents correct the language the customer is written to in (a wrong detection, a default). Kept out
 * of `commandBodySchemas` (the desk's generic action forms): it edits the customer's details rather
 * than moving the complaint, and the console gives it its own form next to the language in the
 * header. Its own route, `POST /v1/complaints/:id/correct-customer-language`.
 */
export const correctCustomerLanguageShape = { language: z.enum(languages) };
export const correctCustomerLanguageBodySchema = z.strictObject(correctCustomerLanguageShape);

/** Supervisors and admins revoke the customer links of the complaint's current resolution. */
export const revokeCustomerLinksShape = { reason: multiLine(2_000) };
/** Admins erase the personal data of the complaint's customer, in all of their complaints (GDPR art. 17). */
export const eraseCustomerDataShape = { reason: multiLine(2_000) };
/** Admins place and lift a legal hold, which stops erasure (the retention sweep's and theirs). */
export const legalHoldShape = { reason: multiLine(2_000) };

export const commandBodySchemas = {
  AcknowledgeComplaint: z.strictObject(acknowledgeComplaintShape),
  TriageComplaint: z.strictObject(triageComplaintShape),
  AssignComplaint: z.strictObject(assignComplaintShape),
  AddNote: z.strictObject(addNoteShape),
  RequestCustomerInformation: z.strictObject(requestCustomerInformationShape),
  RecordCustomerResponse: z.strictObject(recordCustomerResponseShape),
  EscalateComplaint: z.strictObject(escalateComplaintShape),
  SendHoldingReply: z.strictObject(sendHoldingReplyShape),
  ResolveComplaint: z.strictObject(resolveComplaintShape),
  AcceptResolution: z.strictObject(acceptResolutionShape),
  RejectResolution: z.strictObject(rejectResolutionShape),
  ReopenComplaint: z.strictObject(reopenComplaintShape),
  CloseComplaint: z.strictObject(closeComplaintShape).refine(requireDuplicateOf, duplicateOfIssue),
  WithdrawComplaint: z.strictObject(withdrawComplaintShape),
  RecordSatisfaction: z.strictObject(recordSatisfactionShape),
  LinkComplaints: z.strictObject(linkComplaintsShape),
  UnlinkComplaints: z.strictObject(unlinkComplaintsShape),
  RevokeCustomerLinks: z.strictObject(revokeCustomerLinksShape),
  EraseCustomerData: z.strictObject(eraseCustomerDataShape),
  PlaceLegalHold: z.strictObject(legalHoldShape),
  LiftLegalHold: z.strictObject(legalHoldShape),
} as const;

/** Commands an agent or supervisor sends over HTTP. */
export type HttpCommandType = keyof typeof commandBodySchemas;
export type CommandBody<T extends HttpCommandType> = z.infer<(typeof commandBodySchemas)[T]>;

/** The `<path>` of `POST /v1/complaints/:id/<path>` for each HTTP command. */
export const commandPaths = {
  AcknowledgeComplaint: 'acknowledge',
  TriageComplaint: 'triage',
  AssignComplaint: 'assign',
  AddNote: 'add-note',
  RequestCustomerInformation: 'request-customer-information',
  RecordCustomerResponse: 'record-customer-response',
  EscalateComplaint: 'escalate',
  SendHoldingReply: 'send-holding-reply',
  ResolveComplaint: 'resolve',
  AcceptResolution: 'accept-resolution',
  RejectResolution: 'reject-resolution',
  ReopenComplaint: 'reopen',
  CloseComplaint: 'close',
  WithdrawComplaint: 'withdraw',
  RecordSatisfaction: 'record-satisfaction',
  LinkComplaints: 'link',
  UnlinkComplaints: 'unlink',
  RevokeCustomerLinks: 'revoke-customer-links',
  EraseCustomerData: 'erase-customer-data',
  PlaceLegalHold: 'place-legal-hold',
  LiftLegalHold: 'lift-legal-hold',
} as const satisfies Record<HttpCommandType, string>;
export type CommandPath = (typeof commandPaths)[HttpCommandType];

export const httpCommandTypes = Object.keys(commandPaths) as HttpCommandType[];

/** The HTTP command for a path segment, or undefined for an unknown one. */
export const commandTypeOfPath = (path: string): HttpCommandType | undefined =>
  httpCommandTypes.find((type) => commandPaths[type] === path);
