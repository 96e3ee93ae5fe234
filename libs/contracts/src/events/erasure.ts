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
