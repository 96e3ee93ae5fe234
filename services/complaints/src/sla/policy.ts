// The shape of an SLA policy file, validated by zod. Cross-references between policies (unique
// id and version, known calendars, defaults naming real policies) are checked in policy-set.ts.
import { IANAZone } from 'luxon';
import { z } from 'zod';

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OPERATIONAL_TARGETS = ['acknowledge', 'first_response', 'resolve'] as const;
export type OperationalTarget = (typeof OPERATIONAL_TARGETS)[number];

export const REGIMES = ['fca_disp', 'psd2', 'cfpb'] as const;
export type Regime = (typeof REGIMES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Business units count working time of the policy calendar; calendar units count wall-clock time. */
export const DURATION_UNITS = [
  'business_minutes',
  'business_hours',
  'business_days',
  'calendar_hours',
  'calendar_days',
  'calendar_weeks',
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_"');

export const durationSchema = z.strictObject({
  amount: z.number().int('must be a whole number').nonnegative(),
  unit: z.enum(DURATION_UNITS),
});
export type SlaDuration = z.output<typeof durationSchema>;

const positiveDuration = durationSchema.refine((d) => d.amount > 0, {
  message: 'a target must be longer than zero',
  path: ['amount'],
});

const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** `"09:00-17:30"` (a hyphen or an en dash) as minutes since local midnight; `24:00` ends the day. */
export const workingIntervalSchema = z.string().transform((text, ctx) => {
  const [from, to, extra] = text.split(/\s*[-–]\s*/);
  if (
    from === undefined ||
    to === undefined ||
    extra !== undefined ||
    !timeOfDay.test(from) ||
    !timeOfDay.test(to)
  ) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an interval like "09:00-17:30"` });
    return z.NEVER;
  }
  const interval = { from: minutesOf(from), to: minutesOf(to) };
  if (interval.from >= interval.to) {
    ctx.addIssue({ code: 'custom', message: `"${text}" must end after it starts` });
    return z.NEVER;
  }
  return interval;
});
export type WorkingInterval = z.output<typeof workingIntervalSchema>;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const dayHours = z
  .array(workingIntervalSchema)
  .default([])
  .superRefine((intervals, ctx) => {
    for (let i = 1; i < intervals.length; i++) {
      if (intervals[i]!.from < intervals[i - 1]!.to) {
        ctx.addIssue({ code: 'custom', message: 'intervals must be in order and not overlap', path: [i] });
      }
    }
  });

const isoDate = z.iso.date();

/** An ISO 3166-1 country or 3166-2 subdivision, such as `GB` or `GB-SCT`. */
export const regionCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code like GB-SCT');

export const holidaySchema = z.strictObject({
  date: isoDate,
  name: z.string().min(1),
  /** ISO 3166-2 codes such as `GB-SCT`; `GB` covers every `GB-*`. Absent: the holiday applies everywhere. */
  regions: z.array(regionCodeSchema).min(1).optional(),
});
export type Holiday = z.output<typeof holidaySchema>;

export const calendarSchema = z
  .strictObject({
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone like Europe/London'),
    workingHours: z.strictObject({
      mon: dayHours,
      tue: dayHours,
      wed: dayHours,
      thu: dayHours,
      fri: dayHours,
      sat: dayHours,
      sun: dayHours,
    }),
    holidays: z.array(holidaySchema).default([]),
    /**
     * Regions a complaint may name besides those the holidays name (a region with no holidays of
     * its own). A filing naming a region the calendar does not know is refused.
     */
    regions: z.array(regionCodeSchema).min(1).optional(),
  })
  .refine((c) => WEEKDAYS.some((d) => c.workingHours[d].length > 0), {
    message: 'at least one weekday needs working hours',
    path: ['workingHours'],
  });
export type Calendar = z.output<typeof calendarSchema>;

const targetSet = z.strictObject({
  acknowledge: positiveDuration,
  first_response: positiveDuration,
  resolve: positiveDuration,
});
export type TargetSet = z.output<typeof targetSet>;

export const escalationLevelSchema = z.strictObject({
  level: z.number().int().min(1).max(3),
  /** Measured from the breach, not from the previous level. */
  after: durationSchema,
  to: z.string().min(1),
});
export type EscalationLevel = z.output<typeof escalationLevelSchema>;

export const escalationSchema = z.strictObject({
  levels: z
    .array(escalationLevelSchema)
    .min(1)
    .max(3)
    .superRefine((levels, ctx) => {
      levels.forEach((l, i) => {
        if (l.level !== i + 1) {
          ctx.addIssue({ code: 'custom', message: `expected level ${i + 1} here`, path: [i, 'level'] });
        }
      });
    }),
});
export type Escalation = z.output<typeof escalationSchema>;

export const policySchema = z.strictObject({
  id: idSchema,
  version: z.number().int().positive(),
  name: z.string().min(1),
  /** The policy version applies to complaints received at or after this instant. */
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  /** Inline, or the name of an entry in the file's `calendars` (resolved on load). */
  calendar: z.union([idSchema, calendarSchema]),
  targets: z.strictObject({ low: targetSet, medium: targetSet, high: targetSet, urgent: targetSet }),
  regulatory: z.strictObject({ regime: z.enum([...REGIMES, 'none']) }).default({ regime: 'none' }),
  /** A target is at risk once adding this window to now reaches its due time. */
  atRisk: z.strictObject({ operational: durationSchema, regulatory: durationSchema }).default({
    operational: { amount: 2, unit: 'business_hours' },
    regulatory: { amount: 2, unit: 'business_days' },
  }),
  escalation: escalationSchema,
});

const ruleSchema = z
  .strictObject({
    category: z.string().min(1).optional(),
    channel: z.string().min(1).optional(),
    policy: idSchema,
  })
  .refine(
    (r) => r.category !== undefined || r.channel !== undefined,
    'a rule needs a category, a channel or both',
  );

export const policyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  calendars: z.record(idSchema, calendarSchema).default({}),
  policies: z.array(policySchema).min(1),
  defaults: z.strictObject({
    policy: idSchema,
    byRegime: z.partialRecord(z.enum(REGIMES), idSchema).default({}),
    /** Checked in order; the first rule whose category and channel both match wins. */
    rules: z.array(ruleSchema).default([]),
    /**
     * The region of a filing that names none, where the chosen policy's calendar knows it (else no
     * region). `SLA_DEFAULT_REGION` overrides it.
     */
    region: regionCodeSchema.optional(),
  }),
});
export type PolicyFile = z.output<typeof policyFileSchema>;

/** A validated policy with its calendar resolved. */
export type Policy = Omit<z.output<typeof policySchema>, 'calendar'> & { calendar: Calendar };
