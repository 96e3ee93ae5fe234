import { z } from 'zod';

// Control characters are rejected at the edge: they break e-mail headers, logs and HTML.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROL_SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;
// Multi-line text keeps tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROL_MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
const NOT_BLANK = /\S/;

// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a one-line
// field they only serve to make text display other than it reads ("Trojan Source" spoofing).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// What renders as nothing: white space, format characters (zero-width spaces and joiners, bidi
// marks), combining marks with no base, and the fillers that fonts draw blank.
const INVISIBLE = /[\s\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** The text without bidirectional override, embedding and isolate characters. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** True when something would be seen: not only white space, zero-width or combining characters. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

const visible = [
  hasVisibleText,
  'must contain visible characters, not only invisible or combining ones',
] as const;

/**
 * One line of human text (a name, a subject): no control characters, not blank or invisible, at
 * most `max` characters; bidirectional overrides are removed first.
 */
export const singleLine = (max: number) =>
  z
    .string()
    .overwrite(stripBidiControls)
    // An empty string gets one issue, not "too short" and "blank" both.
    .min(1, { abort: true })
    .max(max)
    .regex(NO_CONTROL_SINGLE_LINE, 'must not contain control characters or line breaks')
    .regex(NOT_BLANK, { message: 'must not be blank', abort: true })
    .refine(...visible);

/** Free text that may span lines (a description, a note): tabs and line breaks are allowed. */
export const multiLine = (max: number) =>
  z
    .string()
    .min(1, { abort: true })
    .max(max)
    .regex(NO_CONTROL_MULTI_LINE, 'must not contain control characters')
    .regex(NOT_BLANK, { message: 'must not be blank', abort: true })
    .refine(...visible);

/** Like {@link multiLine}, with leading and trailing white space removed first (the length counts after it). */
export const trimmedMultiLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { abort: true })
    .max(max)
    .regex(NO_CONTROL_MULTI_LINE, 'must not contain control characters')
    .regex(NOT_BLANK, { message: 'must not be blank', abort: true })
    .refine(...visible);

/** A machine name such as a category, team or template: `billing`, `billing.refunds`, `team-north`. */
export const slug = (max = 64) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(
      /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
      'must be lower-case letters and digits, separated by ".", "_" or "-"',
    );

/** An opaque identifier from another system (an actor id, a correlation id, a message id). */
export const opaqueId = (max = 200) =>
  z.string().min(1).max(max).regex(NO_CONTROL_SINGLE_LINE, 'must not contain control characters');

/** An instant as RFC 3339 text, `Z` or a numeric offset (`2026-03-02T09:15:00Z`). */
export const isoDateTime = () => z.iso.datetime({ offset: true });

export const uuid = () => z.uuid();

/** The complaint id: a UUID, which is also the event-store stream `complaint-<uuid>`. */
export const complaintIdSchema = z.uuid();
export type ComplaintId = z.infer<typeof complaintIdSchema>;

/** W3C Trace Context `traceparent` header value (version 00). */
export const traceparentSchema = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'must be a W3C traceparent');

/** A schema issue as carried in replies and dead letters: a dotted path (`customer.email`) and a message. */
export const issueSchema = z.object({
  path: z.string().max(500),
  message: z.string().max(2_000),
  code: z.string().max(100).optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/** Flattens zod issues to {@link Issue}s; the root path is the empty string. */
export function toIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}
