import { z } from 'zod';

/**
 * The integration envelope: CloudEvents 1.0, structured JSON mode, with our extension attributes.
 * Extension names are lower-case alphanumerics, as the CloudEvents spec requires.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  source: z.string().min(1).max(500),
  subject: z.string().min(1).max(200).optional(),
  time: z.iso.datetime({ offset: true }).optional(),
  datacontenttype: z.literal('application/json').optional(),
  dataschema: z.url().optional(),
  data: z.unknown(),
  /** Revision of the event within its aggregate stream (0-based). */
  streamrevision: z.number().int().nonnegative().optional(),
  /** Opaque, adapter-specific global position in the event store. */
  position: z.string().max(100).optional(),
  correlationid: z.string().min(1).max(200).optional(),
  causationid: z.string().min(1).max(200).optional(),
  /** W3C trace context of the operation that produced the event. */
  traceparent: z.string().max(100).optional(),
});

export type CloudEvent<TData = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: TData };
