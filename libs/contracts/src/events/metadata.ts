import { z } from 'zod';
import { actorSchema, isoDateTime, opaqueId, traceparentSchema } from '../values/index.js';

/** Stored beside every event: who acted and why, the trace, and the data's schema version. */
export const eventMetadataSchema = z.object({
  /** Shared by everything one request set off (the HTTP request id, the submission id). */
  correlationId: opaqueId(),
  /** The id of the command or message that produced this event. */
  causationId: opaqueId(),
  actor: actorSchema,
  traceparent: traceparentSchema.optional(),
  /** Version of the event's data schema when written; older data is upcast on read, never rewritten. */
  schemaVersion: z.number().int().positive(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** Every event's data says who acted (`by`) and when (`at`). */
export const stamp = {
  by: actorSchema,
  at: isoDateTime(),
};
