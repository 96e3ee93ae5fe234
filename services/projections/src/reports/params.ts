import { z } from 'zod';
import { listQuerySchema } from '../query/index.js';

const l = listQuerySchema.shape;
const whole = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback);

/**
 * The filters every morning-view report takes: the period `[from, to)` (what it applies to is each
 * report's: receipt, or the time complaints ended), team, channel, category and legal clock.
 */
const common = {
  from: l.filedFrom,
  to: l.filedTo,
  team: l.team,
  channel: l.channel,
  category: l.category,
  regime: l.regime,
};
const ordered = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
const afterFrom = { message: 'must be after from', path: ['to'] };

export const clocksQuerySchema = z.strictObject(common).refine(ordered, afterFrom);
export const backlogQuerySchema = z
  .strictObject({ ...common, staleDays: whole(1, 365, 5) })
  .refine(ordered, afterFrom);
export const flowQuerySchema = z.strictObject({
  team: l.team,
  channel: l.channel,
  category: l.category,
  regime: l.regime,
  days: whole(1, 90, 30),
});
export const outcomesQuerySchema = clocksQuerySchema;
export const escalationsQuerySchema = clocksQuerySchema;
export const csatQuerySchema = z
  .strictObject({ ...common, limit: whole(1, 200, 50) })
  .refine(ordered, afterFrom);
export const categoriesQuerySchema = z
  .strictObject({ ...common, limit: whole(1, 100, 10) })
  .refine(ordered, afterFrom);
export const complianceSorts = ['compliance', '-compliance', 'total', '-total', 'key', '-key'] as const;
export const complianceQuerySchema = z
  .strictObject({ ...common, sort: z.enum(complianceSorts).default('compliance') })
  .refine(ordered, afterFrom);

export type ReportFilters = z.output<typeof clocksQuerySchema>;
export type ComplianceSort = (typeof complianceSorts)[number];
