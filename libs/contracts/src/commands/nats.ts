import { z } from 'zod';
import { MAX_REMEDIES } from '../events/index.js';
import { subjects } from '../subjects.js';
import {
  complaintIdSchema,
  complaintReferenceSchema,
  isoDateTime,
  issueSchema,
  multiLine,
  outcomeSchema,
  remedySchema,
  uuid,
} from '../values/index.js';
import { type ComplaintCommandType, commandMetadataSchema, complaintCommandDataSchemas } from './commands.js';

/**
 * Commands served over core NATS request/reply (queue group `complaints`), by their subject token:
 * `complaints.cmd.<name>`. Intake files complaints and forwards what customers do through links and
 * e-mail replies.
 */
export const natsCommandNames = {
  FileComplaint: 'file',
  RecordCustomerResponse: 'record-customer-response',
  AcceptResolution: 'accept-resolution',
  RejectResolution: 'reject-resolution',
  RecordSatisfaction: 'record-satisfaction',
} as const satisfies Partial<Record<ComplaintCommandType, string>>;
export type NatsCommandType = keyof typeof natsCommandNames;
export const natsCommandTypes = Object.keys(natsCommandNames) as NatsCommandType[];

export const natsCommandSubject = (type: NatsCommandType): string =>
  subjects.complaints.command(natsCommandNames[type]);

/** The request on `complaints.cmd.<name>`: the command's data and metadata (the subject names the type). */
export const natsCommandRequestSchemaOf = <T extends NatsCommandType>(type: T) =>
  z.strictObject({ data: complaintCommandDataSchemas[type], metadata: commandMetadataSchema });

export const fileComplaintRequestSchema = natsCommandRequestSchemaOf('FileComplaint');
export type FileComplaintRequest = z.infer<typeof fileComplaintRequestSchema>;

/**
 * The rules the decider names (in a 409's `rule`) when a customer link no longer acts, so that
 * intake shows "this link has expired" rather than "already used".
 */
export const customerLinkRules = {
  superseded: 'cannot act on a resolution through a link sent for a resolution that has been superseded',
  revoked: 'cannot act on a resolution through a link that has been revoked',
} as const;

/** Why a command failed; each kind maps to one problem+json (see `commandProblem`). */
export const commandErrorKinds = [
  'validation',
  'not_found',
  'illegal_transition',
  'revision_mismatch',
  'idempotency_conflict',
  'unavailable',
  'internal',
] as const;
export type CommandErrorKind = (typeof commandErrorKinds)[number];

/** The error half of a reply: problem+json fields, so HTTP edges can pass it on as it is. */
export const commandErrorSchema = z.object({
  kind: z.enum(commandErrorKinds),
  title: z.string().min(1).max(200),
  detail: z.string().max(2_000),
  /** For `illegal_transition`: the rule broken, such as `cannot resolve a withdrawn complaint`. */
  rule: z.string().max(500).optional(),
  /** For `validation`: each bad field. */
  issues: z.array(issueSchema).max(100).optional(),
});
export type CommandError = z.infer<typeof commandErrorSchema>;

/** `{ok: true, result}` or `{ok: false, error}`: the reply of every `complaints.cmd.*`. */
export const commandReplySchemaOf = <R extends z.ZodType>(result: R) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: commandErrorSchema }),
  ]);
export type CommandReply<R> = { ok: true; result: R } | { ok: false; error: CommandError };

/** What a successful command returns: the stream revision after it (the HTTP `ETag`). */
export const commandResultSchema = z.object({
  complaintId: complaintIdSchema,
  revision: z.number().int().nonnegative(),
  /**
   * How many events the command appended: 0 for a repeat or a command that changed nothing (a
   * customer link used again). Absent from replies of earlier versions.
   */
  appended: z.number().int().nonnegative().optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

/**
 * The result of filing. `created: false` when the complaint id was already filed: the reply then
 * carries the existing reference and nothing was appended.
 */
export const fileComplaintResultSchema = commandResultSchema.extend({
  reference: complaintReferenceSchema,
  acknowledgeBy: isoDateTime(),
  created: z.boolean(),
});
export type FileComplaintResult = z.infer<typeof fileComplaintResultSchema>;

export const commandReplySchema = commandReplySchemaOf(commandResultSchema);
export const fileComplaintReplySchema = commandReplySchemaOf(fileComplaintResultSchema);
export type FileComplaintReply = z.infer<typeof fileComplaintReplySchema>;

/**
 * `complaints.query.link-resolution`: intake asks, for a customer link it verified, what the link
 * acts on. Bound to the link's complaint and resolution; the reply holds that resolution's summary,
 * outcome and remedies while the link acts (`live`), and nothing of the complaint or the customer.
 */
export const linkResolutionRequestSchema = z.strictObject({
  complaintId: complaintIdSchema,
  resolutionId: uuid(),
});
export type LinkResolutionRequest = z.infer<typeof linkResolutionRequestSchema>;

export const linkResolutionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('live'),
    summary: multiLine(5_000),
    outcome: outcomeSchema,
    remedies: z.array(remedySchema).max(MAX_REMEDIES),
  }),
  /** A later resolution replaced it, its links were revoked, or the complaint is not known. */
  z.object({ status: z.enum(['superseded', 'revoked', 'unknown']) }),
]);
export type LinkResolution = z.infer<typeof linkResolutionSchema>;

export const linkResolutionReplySchema = commandReplySchemaOf(linkResolutionSchema);

/** Data keys asked for at once, at most (a consumer's batch names a few customers). */
export const MAX_DATA_KEYS_PER_REQUEST = 500;

/**
 * `complaints.keys.get`: projections and notifications ask for the data keys (by key id, from the
 * `_personal` envelope of a published event) that open the personal fields of events on
 * `COMPLAINTS`. The reply maps each key id to the key (base64), `erased` (deleted with its
 * customer: the stand-ins are what remains), or null (not known).
 */
export const dataKeysRequestSchema = z.strictObject({
  kids: z.array(z.string().min(1).max(100)).min(1).max(MAX_DATA_KEYS_PER_REQUEST),
});
export type DataKeysRequest = z.infer<typeof dataKeysRequestSchema>;

export const dataKeysReplySchema = z.strictObject({
  keys: z.record(z.string(), z.union([z.string().max(100), z.literal('erased'), z.null()])),
});
export type DataKeysReply = z.infer<typeof dataKeysReplySchema>;
