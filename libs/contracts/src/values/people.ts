import { z } from 'zod';
import { opaqueId, singleLine } from './text.js';

/** Who acts. `channel` and `service` are machines; `system` is the platform itself (SLA monitor, relay). */
export const actorRoles = [
  'channel',
  'agent',
  'supervisor',
  'admin',
  'service',
  'customer',
  'system',
] as const;
export type ActorRole = (typeof actorRoles)[number];

export const actorSchema = z.object({
  id: opaqueId(),
  role: z.enum(actorRoles),
});
export type Actor = z.infer<typeof actorSchema>;

/** Languages with templates and pages; anything else is `other` and gets English. */
export const languages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro', 'other'] as const;
export type Language = (typeof languages)[number];

/** Where a customer's language came from (see `customerShape.preferredLanguageSource`). */
export const languageSources = ['given', 'detected', 'default'] as const;
export type LanguageSource = (typeof languageSources)[number];

// Building an Intl.DateTimeFormat costs tens of microseconds, and every parse of a customer with a
// zone checks one (a hot path of the consumers): each answer is kept, for a bounded number of zones.
const timeZoneAnswers = new Map<string, boolean>();
const timeZoneAnswersMax = 1_000;

const isTimeZone = (zone: string): boolean => {
  const known = timeZoneAnswers.get(zone);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    answer = true;
  } catch (error) {
    // Intl throws RangeError for an unknown zone; anything else is a real fault.
    if (error instanceof RangeError) answer = false;
    else throw error;
  }
  // Real zones are a few hundred; invented ones could be endless, so the oldest answer makes room.
  if (timeZoneAnswers.size >= timeZoneAnswersMax) {
    const oldest = timeZoneAnswers.keys().next().value;
    if (oldest !== undefined) timeZoneAnswers.delete(oldest);
  }
  timeZoneAnswers.set(zone, answer);
  return answer;
};

/** An IANA time zone such as `Europe/Kyiv`, checked against the runtime's tz database. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone like Europe/London');

/** A postal address, for customers who write letters and have no e-mail. */
export const postalAddressSchema = z.object({
  lines: z.array(singleLine(200)).min(1).max(6),
  postalCode: singleLine(20).optional(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code like GB'),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

export const customerShape = {
  /** The customer's id in the company's CRM, when the channel knows it. */
  id: opaqueId().optional(),
  name: singleLine(200),
  /** Stored as given after intake normalised it (domain lower-cased). */
  email: z.email().max(254).optional(),
  /** E.164, for example `+447700900123` (intake normalises national formats). */
  phone: z.e164().optional(),
  postalAddress: postalAddressSchema.optional(),
  preferredLanguage: z.enum(languages),
  /**
   * Where `preferredLanguage` came from: `given` by the channel (the body or `Accept-Language`),
   * `detected` by intake from the subject and description, or intake's `default` when the detector
   * was unsure. Added to ComplaintFiled v1 as an optional field, without a version bump: events filed
   * before it carry none and read as given. An agent corrects a wrong one (`CorrectCustomerLanguage`).
   */
  preferredLanguageSource: z.enum(languageSources).optional(),
  /** For dates in messages; absent means the policy calendar's zone. */
  timeZone: timeZoneSchema.optional(),
  /** The customer asked not to be e-mailed: notifications records a skip instead of sending. */
  notificationsOptOut: z.boolean().optional(),
};

const reachable = (c: { email?: string; phone?: string; postalAddress?: PostalAddress }): boolean =>
  c.email !== undefined || c.phone !== undefined || c.postalAddress !== undefined;
const unreachable = { message: 'a customer needs an email, a phone or a postal address', path: ['email'] };

/** The complaining customer. At least one way to reach them: e-mail, phone or a postal address. */
export const customerSchema = z.object(customerShape).refine(reachable, unreachable);
export type Customer = z.infer<typeof customerSchema>;

/** The same, for inbound bodies: an unknown field (a typo such as `emial`) is an error, not dropped. */
export const customerInputSchema = z.strictObject(customerShape).refine(reachable, unreachable);
