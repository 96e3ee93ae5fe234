import { z } from 'zod';
import {
  complaintIdSchema,
  complaintReferenceSchema,
  linkRelationSchema,
  multiLine,
} from '../values/index.js';
import { stamp } from './metadata.js';

/** Two complaints belong together (typically duplicates). Recorded on this complaint's stream. */
export const complaintsLinkedDataSchema = z.object({
  ...stamp,
  linkedComplaintId: complaintIdSchema,
  linkedReference: complaintReferenceSchema,
  /** Read from this complaint's side: `duplicate_of` means this one duplicates the linked one. */
  relation: linkRelationSchema,
});
export type ComplaintsLinkedData = z.infer<typeof complaintsLinkedDataSchema>;

/** A link was a mistake; links are reversible. */
export const complaintsUnlinkedDataSchema = z.object({
  ...stamp,
  linkedComplaintId: complaintIdSchema,
  linkedReference: complaintReferenceSchema,
  reason: multiLine(2_000).optional(),
});
export type ComplaintsUnlinkedData = z.infer<typeof complaintsUnlinkedDataSchema>;
