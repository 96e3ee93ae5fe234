import { type Issue, issueSchema, toIssues } from '@chp/contracts';
import { z } from 'zod';

/** A schema issue on the wire: the contracts' flattened zod issue (dotted path, message, code). */
export type WireIssue = Issue;

/**
 * Why a request failed: `kind` is stable (for mapping to HTTP problems), title and detail are for
 * people. Loose: fields a subject adds (e.g. `rule` in the contracts' `commandErrorSchema`) pass
 * through. `complaints.cmd.*` replies are the stricter `commandReplySchemaOf` in `@chp/contracts`.
 */
export const replyErrorSchema = z.looseObject({
  kind: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
  detail: z.string().max(2_000).optional(),
  issues: z.array(issueSchema).max(100).optional(),
});
export type ReplyError = z.infer<typeof replyErrorSchema>;

// One envelope per result schema: building it per call made zod compile it again for every reply,
// many times the cost of the parse itself (measured by intake's benchmark: its README, Performance).
const envelopes = new WeakMap<z.ZodType, z.ZodType>();

/** The reply envelope of every request/reply subject: `{ok:true,result}` or `{ok:false,error}`. */
export function replyEnvelopeSchema<TResult extends z.ZodType>(result: TResult) {
  const cached = envelopes.get(result);
  if (cached) return cached as ReturnType<typeof buildEnvelope<TResult>>;
  const built = buildEnvelope(result);
  envelopes.set(result, built);
  return built;
}

function buildEnvelope<TResult extends z.ZodType>(result: TResult) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: replyErrorSchema }),
  ]);
}
export type ReplyEnvelope<TResult> = { ok: true; result: TResult } | { ok: false; error: ReplyError };

/** Issues in wire form: at most 100, each cut to the schema's limits. */
export function boundedIssues(issues: readonly Issue[]): WireIssue[] {
  return issues.slice(0, 100).map((issue) => ({
    ...issue,
    path: issue.path.slice(0, 500),
    message: issue.message.slice(0, 2_000),
    ...(issue.code === undefined ? {} : { code: issue.code.slice(0, 100) }),
  }));
}

/** zod issues in wire form, at most 100, each cut to the schema's limits. */
export function toWireIssues(issues: readonly z.core.$ZodIssue[]): WireIssue[] {
  return boundedIssues(toIssues(issues.slice(0, 100)));
}
