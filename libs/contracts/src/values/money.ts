import { z } from 'zod';
import { multiLine } from './text.js';

/**
 * Money as a decimal string, never a float: `"25"`, `"25.5"` or `"25.50"`, at most two fraction digits
 * and twelve integer digits, strictly positive. A string keeps the amount exact in JSON and readable in
 * e-mails; currencies with three minor digits (BHD, KWD) are out of scope.
 */
export const moneySchema = z.object({
  amount: z
    .string()
    .regex(/^(?:0|[1-9]\d{0,11})(?:\.\d{1,2})?$/, 'must be a decimal like "25.00" (up to 2 fraction digits)')
    .refine((a) => Number(a) > 0, 'must be more than zero'),
  /** ISO 4217 alphabetic code. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
});
export type Money = z.infer<typeof moneySchema>;

const details = multiLine(2_000);

/** What the company does to put things right; a resolution may combine several. */
export const remedySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('refund'), amount: moneySchema, description: details.optional() }),
  z.object({ type: z.literal('replacement'), description: details.optional() }),
  z.object({ type: z.literal('repair'), description: details.optional() }),
  z.object({ type: z.literal('apology'), description: details.optional() }),
  z.object({ type: z.literal('compensation'), amount: moneySchema, description: details.optional() }),
  z.object({ type: z.literal('other'), description: details }),
]);
export type Remedy = z.infer<typeof remedySchema>;
export type RemedyType = Remedy['type'];
