import { z } from 'zod';

/** A schema issue, flattened for the wire: the dotted path, the message and zod's code. */
export const wireIssueSchema = z.object({
  path: z.string().max(500),
  message: z.string().max(2_000),
  code: z.string().max(100).optional(),
});
export type WireIssue = z.infer<typeof wireIssueSchema>;

/** Why a request failed: `kind` is stable (for mapping to HTTP problems), title and detail are for people. */
export const replyErrorSchema = z.object({
  kind: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
  detail: z.string().max(2_000).optional(),
  issues: z.array(wireIssueSchema).max(100).optional(),
});
export type ReplyError = z.infer<typeof replyErrorSchema>;

/** The reply envelope of every request/reply subject: `{ok:true,result}` or `{ok:false,error}`. */
export function replyEnvelopeSchema<TResult extends z.ZodType>(result: TResult) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: replyErrorSchema }),
  ]);
}
export type ReplyEnvelope<TResult> = { ok: true; result: TResult } | { ok: false; error: ReplyError };

/** zod issues in wire form (at most 100). */
export function toWireIssues(issues: readonly z.core.$ZodIssue[]): WireIssue[] {
  return issues.slice(0, 100).map((issue) => ({
    path: issue.path.map(String).join('.').slice(0, 500),
    message: issue.message.slice(0, 2_000),
    code: issue.code,
  }));
}
