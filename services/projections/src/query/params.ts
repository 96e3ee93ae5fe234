import {
  channels,
  escalationReasons,
  outcomes,
  priorities,
  regulatoryRegimes,
  type SlaTarget,
  slaTargets,
  statuses,
} from '@chp/contracts';
import { z } from 'zod';

const csvOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .min(1)
    .transform((raw) => raw.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const text = (max = 200) => z.string().trim().min(1).max(max);
const instant = () =>
  z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time like 2026-03-02T09:00:00Z' });

export const sorts = [
  'receivedAt',
  '-receivedAt',
  'dueAt',
  '-dueAt',
  'priority',
  '-priority',
  'updatedAt',
  '-updatedAt',
] as const;
export type Sort = (typeof sorts)[number];

const flag = () =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional();

/** The clocks the morning view reports on (`SlaBreached` target names). */
export const clocks = ['acknowledge', 'first_response', 'resolve', 'regulatory_final_response'] as const;
export type Clock = (typeof clocks)[number];
export const ageBuckets = ['0-3bd', '3bd-2w', '2-4w', '4-8w', '8w+'] as const;
export type AgeBucket = (typeof ageBuckets)[number];
export const closedWithins = ['3bd', '8w'] as const;

/**
 * The list's filters that reproduce the morning view's figures (src/reports): a figure's
 * `drillDown` is `/v1/complaints?<these>`, and gives exactly the complaints it counts.
 */
const drillDownFilters = {
  /** Not yet ended (status other than resolved, closed, withdrawn, dismissed). */
  open: flag(),
  /** The clock is at risk now: see `atRiskClause` in src/query/conditions.ts. */
  atRisk: z.enum(clocks).optional(),
  /** `agent`: no assignee; `team`: no team. */
  unassigned: z.enum(['agent', 'team']).optional(),
  /** Open, with no event for `staleDays` days. */
  stale: flag(),
  staleDays: z
    .string()
    .regex(/^\d{1,3}$/, 'expected a whole number of days from 1 to 365')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365'))
    .optional(),
  /** Open, and its age (from receipt) in this bucket. */
  ageBucket: z.enum(ageBuckets).optional(),
  closedFrom: instant().optional(),
  closedTo: instant().optional(),
  /** Ended within 3 business days (`3bd`) or 8 weeks (`8w`) of receipt. */
  closedWithin: z.enum(closedWithins).optional(),
  outcome: csvOf(outcomes).optional(),
  reopened: flag(),
  escalationReason: z.enum(escalationReasons).optional(),
  satisfaction: csvOf(['1', '2', '3', '4', '5']).optional(),
  /** The filing's regulatory regime, or `none`. */
  regime: z.enum([...regulatoryRegimes, 'none']).optional(),
  /** Its latest resolution pays redress in this currency. */
  redressCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR')
    .optional(),
};

/** `GET /v1/complaints` query: every filter, search, sort, cursor and limit. Unknown names are errors. */
export const listQuerySchema = z.strictObject({
  status: csvOf(statuses).optional(),
  priority: csvOf(priorities).optional(),
  channel: csvOf(channels).optional(),
  category: text(64).optional(),
  assignee: text().optional(),
  team: text(64).optional(),
  escalationLevel: z
    .string()
    .regex(/^[0-3]$/, 'expected 0, 1, 2 or 3')
    .transform(Number)
    .optional(),
  /** `true`/`false`: any target; a target's name: that target was breached. */
  breached: z
    .enum(['true', 'false', ...slaTargets])
    .transform((v): boolean | SlaTarget => (v === 'true' ? true : v === 'false' ? false : v))
    .optional(),
  dueBefore: instant().optional(),
  customer: text(254).optional(),
  filedFrom: instant().optional(),
  filedTo: instant().optional(),
  q: text(200).optional(),
  ...drillDownFilters,
  sort: z.enum(sorts).default('-receivedAt'),
  cursor: z.string().min(1).max(1000).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'expected a whole number from 1 to 200')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'))
    .default(50),
});
export type ListQuery = z.output<typeof listQuerySchema>;

const durationPattern = /^(\d{1,5})(m|h|d)$/;
const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `2h`, `3d` in milliseconds. */
export const windowSchema = z
  .string()
  .regex(durationPattern, 'expected a duration like 30m, 2h or 3d')
  .transform((raw) => {
    const [, amount, unit] = durationPattern.exec(raw) ?? [];
    return Number(amount) * unitMs[unit as keyof typeof unitMs];
  });

export const atRiskQuerySchema = z.strictObject({
  within: windowSchema.default(2 * 3_600_000),
  team: text(64).optional(),
  limit: listQuerySchema.shape.limit,
});

export const breachesQuerySchema = z.strictObject({
  team: text(64).optional(),
  since: instant().optional(),
  limit: listQuerySchema.shape.limit,
});

export const groupBys = ['channel', 'category', 'team', 'assignee', 'day', 'week'] as const;
export type GroupBy = (typeof groupBys)[number];

export const statsQuerySchema = z
  .strictObject({
    from: instant(),
    to: instant(),
    groupBy: z.enum(groupBys).optional(),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'must be after from', path: ['to'] });
export type StatsQuery = z.output<typeof statsQuerySchema>;
