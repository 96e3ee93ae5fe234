import { z } from 'zod';
import { duplicateOfIssue, requireDuplicateOf, senderAddressSchema } from '../events/index.js';
import { submissionShape } from '../intake/index.js';
import { notificationShape } from '../notifications/index.js';
import {
  actorSchema,
  complaintIdSchema,
  complaintReferenceSchema,
  isoDateTime,
  multiLine,
  opaqueId,
  slaTargetSchema,
  traceparentSchema,
  uuid,
} from '../values/index.js';
import * as body from './bodies.js';

/** Who sends the command and why; the resulting events' metadata comes from here. */
export const commandMetadataSchema = z.strictObject({
  /** Unique per command; becomes the `causationId` of the events it produces. */
  commandId: uuid(),
  actor: actorSchema,
  correlationId: opaqueId(),
  /** The message that led to this command, if any (a notification event, an e-mail). */
  causationId: opaqueId().optional(),
  traceparent: traceparentSchema.optional(),
});
export type CommandMetadata = z.infer<typeof commandMetadataSchema>;

const target = { complaintId: complaintIdSchema };
const linkBound = { resolutionId: uuid().optional() };
const data = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject({ ...target, ...shape });

/**
 * The data of every command. HTTP commands are their body plus the complaint id, and the ids the
 * handler generates (note and request ids), so that the decider stays pure.
 */
export const complaintCommandDataSchemas = {
  /** Sent by intake on `complaints.cmd.file`; the id and reference were chosen by intake. */
  FileComplaint: data({
    reference: complaintReferenceSchema,
    receivedAt: isoDateTime(),
    /** The submission, `region` included (see `submissionShape`). */
    ...submissionShape,
  }),
  AcknowledgeComplaint: data(body.acknowledgeComplaintShape),
  TriageComplaint: data(body.triageComplaintShape),
  AssignComplaint: data(body.assignComplaintShape),
  CorrectCustomerLanguage: data(body.correctCustomerLanguageShape),
  AddNote: data({ noteId: uuid(), ...body.addNoteShape }),
  RequestCustomerInformation: data({ requestId: uuid(), ...body.requestCustomerInformationShape }),
  /**
   * Intake adds, for an e-mail reply, the sender and whether the receiving gateway's DMARC/DKIM
   * verdict passed; the decider compares the sender with the customer's address.
   */
  RecordCustomerResponse: data({
    ...body.recordCustomerResponseShape,
    from: senderAddressSchema.optional(),
    authenticated: z.boolean().optional(),
  }),
  EscalateComplaint: data(body.escalateComplaintShape),
  SendHoldingReply: data(body.sendHoldingReplyShape),
  /** Sent by the SLA monitor. */
  RecordSlaBreach: data({ target: slaTargetSchema, dueAt: isoDateTime() }),
  /** `resolutionId` is the id of the `ComplaintResolved` to be appended (the HTTP router sets it). */
  ResolveComplaint: data({ ...body.resolveComplaintShape, resolutionId: uuid().optional() }),
  /** Through a customer link: `resolutionId` is the resolution the link was sent for. */
  AcceptResolution: data({ ...body.acceptResolutionShape, ...linkBound }),
  RejectResolution: data({ ...body.rejectResolutionShape, ...linkBound }),
  ReopenComplaint: data(body.reopenComplaintShape),
  CloseComplaint: data(body.closeComplaintShape).refine(requireDuplicateOf, duplicateOfIssue),
  WithdrawComplaint: data(body.withdrawComplaintShape),
  RecordSatisfaction: data({ ...body.recordSatisfactionShape, ...linkBound }),
  LinkComplaints: data({ linkedComplaintId: complaintIdSchema, ...body.linkComplaintsShape }),
  UnlinkComplaints: data({ linkedComplaintId: complaintIdSchema, ...body.unlinkComplaintsShape }),
  RevokeCustomerLinks: data(body.revokeCustomerLinksShape),
  /** Over HTTP (admin) or from the retention sweep; the handler deletes the key first. */
  EraseCustomerData: data(body.eraseCustomerDataShape),
  PlaceLegalHold: data(body.legalHoldShape),
  LiftLegalHold: data(body.legalHoldShape),
  /** Sent for each `notifications.events.*` message; `at` is when it was sent or failed. */
  RecordCustomerNotification: z.discriminatedUnion('status', [
    z.strictObject({
      ...notificationShape,
      notificationId: uuid(),
      status: z.literal('sent'),
      messageId: opaqueId(998),
    }),
    z.strictObject({
      ...notificationShape,
      notificationId: uuid(),
      status: z.literal('failed'),
      error: multiLine(2_000),
      permanent: z.boolean(),
    }),
  ]),
} as const;

export type ComplaintCommandType = keyof typeof complaintCommandDataSchemas;
export const complaintCommandTypes = Object.keys(complaintCommandDataSchemas) as ComplaintCommandType[];

/** The full command `{type, data, metadata}` of one type. */
export const complaintCommandSchemaOf = <T extends ComplaintCommandType>(type: T) =>
  z.strictObject({
    type: z.literal(type),
    data: complaintCommandDataSchemas[type],
    metadata: commandMetadataSchema,
  });

/** Any command as `{type, data, metadata}`, discriminated on `type`: the decider's input. */
export const complaintCommandSchema = z.discriminatedUnion('type', [
  complaintCommandSchemaOf('FileComplaint'),
  complaintCommandSchemaOf('AcknowledgeComplaint'),
  complaintCommandSchemaOf('TriageComplaint'),
  complaintCommandSchemaOf('AssignComplaint'),
  complaintCommandSchemaOf('CorrectCustomerLanguage'),
  complaintCommandSchemaOf('AddNote'),
  complaintCommandSchemaOf('RequestCustomerInformation'),
  complaintCommandSchemaOf('RecordCustomerResponse'),
  complaintCommandSchemaOf('EscalateComplaint'),
  complaintCommandSchemaOf('SendHoldingReply'),
  complaintCommandSchemaOf('RecordSlaBreach'),
  complaintCommandSchemaOf('ResolveComplaint'),
  complaintCommandSchemaOf('AcceptResolution'),
  complaintCommandSchemaOf('RejectResolution'),
  complaintCommandSchemaOf('ReopenComplaint'),
  complaintCommandSchemaOf('CloseComplaint'),
  complaintCommandSchemaOf('WithdrawComplaint'),
  complaintCommandSchemaOf('RecordSatisfaction'),
  complaintCommandSchemaOf('LinkComplaints'),
  complaintCommandSchemaOf('UnlinkComplaints'),
  complaintCommandSchemaOf('RevokeCustomerLinks'),
  complaintCommandSchemaOf('RecordCustomerNotification'),
  complaintCommandSchemaOf('EraseCustomerData'),
  complaintCommandSchemaOf('PlaceLegalHold'),
  complaintCommandSchemaOf('LiftLegalHold'),
]);

export type ComplaintCommand = z.infer<typeof complaintCommandSchema>;
export type ComplaintCommandOf<T extends ComplaintCommandType> = Extract<ComplaintCommand, { type: T }>;
export type ComplaintCommandData<T extends ComplaintCommandType = ComplaintCommandType> =
  ComplaintCommandOf<T>['data'];

export type FileComplaint = ComplaintCommandOf<'FileComplaint'>;
export type AcknowledgeComplaint = ComplaintCommandOf<'AcknowledgeComplaint'>;
export type TriageComplaint = ComplaintCommandOf<'TriageComplaint'>;
export type AssignComplaint = ComplaintCommandOf<'AssignComplaint'>;
export type CorrectCustomerLanguage = ComplaintCommandOf<'CorrectCustomerLanguage'>;
export type AddNote = ComplaintCommandOf<'AddNote'>;
export type RequestCustomerInformation = ComplaintCommandOf<'RequestCustomerInformation'>;
export type RecordCustomerResponse = ComplaintCommandOf<'RecordCustomerResponse'>;
export type EscalateComplaint = ComplaintCommandOf<'EscalateComplaint'>;
export type SendHoldingReply = ComplaintCommandOf<'SendHoldingReply'>;
export type RecordSlaBreach = ComplaintCommandOf<'RecordSlaBreach'>;
export type ResolveComplaint = ComplaintCommandOf<'ResolveComplaint'>;
export type AcceptResolution = ComplaintCommandOf<'AcceptResolution'>;
export type RejectResolution = ComplaintCommandOf<'RejectResolution'>;
export type ReopenComplaint = ComplaintCommandOf<'ReopenComplaint'>;
export type CloseComplaint = ComplaintCommandOf<'CloseComplaint'>;
export type WithdrawComplaint = ComplaintCommandOf<'WithdrawComplaint'>;
export type RecordSatisfaction = ComplaintCommandOf<'RecordSatisfaction'>;
export type LinkComplaints = ComplaintCommandOf<'LinkComplaints'>;
export type UnlinkComplaints = ComplaintCommandOf<'UnlinkComplaints'>;
export type RevokeCustomerLinks = ComplaintCommandOf<'RevokeCustomerLinks'>;
export type RecordCustomerNotification = ComplaintCommandOf<'RecordCustomerNotification'>;
export type EraseCustomerData = ComplaintCommandOf<'EraseCustomerData'>;
export type PlaceLegalHold = ComplaintCommandOf<'PlaceLegalHold'>;
export type LiftLegalHold = ComplaintCommandOf<'LiftLegalHold'>;
