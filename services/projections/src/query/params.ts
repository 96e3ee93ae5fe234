import { channels, priorities, statuses } from '@chp/contracts';
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

/** `GET /v1/complaints` query: every filter, search, sort, cursor and limit. Unknown names are errors. */
export const listQuerySchema = z.strictObject({
  status: csvOf(statuses).optional(),
  priority: csvOf(priorities).optional(),
  channel: csvOf(channels).optional(),
  category: text(64).optional(),
  assignee: text().optional(),
  /** `true`: no one is assigned (the team may be); `false`: someone is. */
  unassigned: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  team: text(64).optional(),
  escalationLevel: z
    .string()
    .regex(/^[0-3]$/, 'expected 0, 1, 2 or 3')
    .transform(Number)
    .optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  dueBefore: instant().optional(),
  customer: text(254).optional(),
  filedFrom: instant().optional(),
  filedTo: instant().optional(),
  q: text(200).optional(),
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
