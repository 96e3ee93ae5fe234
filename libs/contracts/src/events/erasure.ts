import { z } from 'zod';
import { multiLine } from '../values/index.js';
import { stamp } from './metadata.js';

/**
 * The customer's personal data was erased (crypto-shredding): their data key is deleted, so the
 * personal fields of this complaint's events read as their stand-ins from now on (`[erased]`, see
 * personal.ts). Holds no personal data itself. Read models mask the customer's fields on it; counts,
 * times, categories and outcomes stay.
 */
export const customerDataErasedDataSchema = z.object({
  ...stamp,
  /** Why: the customer's request (GDPR art. 17), or the retention policy that ran out. */
  reason: multiLine(2_000),
});
export type CustomerDataErasedData = z.infer<typeof customerDataErasedDataSchema>;

/**
 * A legal hold: the complaint is evidence in a dispute or an investigation, so neither the
 * retention sweep nor an admin may erase its customer's personal data until the hold is lifted.
 */
export const legalHoldPlacedDataSchema = z.object({ ...stamp, reason: multiLine(2_000) });
export type LegalHoldPlacedData = z.infer<typeof legalHoldPlacedDataSchema>;

/** The legal hold ends: the retention policy applies again. */
export const legalHoldLiftedDataSchema = z.object({ ...stamp, reason: multiLine(2_000) });
export type LegalHoldLiftedData = z.infer<typeof legalHoldLiftedDataSchema>;
