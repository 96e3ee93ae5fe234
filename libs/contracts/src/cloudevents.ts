import { z } from 'zod';
import { traceparentSchema } from './values/index.js';

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
  /**
   * JSON only; media-type parameters are allowed, since the official SDK's binary mode hands a
   * receiver `application/json; charset=utf-8` when the sender set none.
   */
  datacontenttype: z
    .string()
    .regex(/^application\/json\s*(;\s*[a-z0-9!#$&^_.+-]+=("[^"]*"|[a-z0-9!#$&^_.+-]+)\s*)*$/i, {
      message: 'must be application/json (parameters such as charset allowed)',
    })
    .optional(),
  dataschema: z.url().optional(),
  data: z.unknown(),
  /** Revision of the event within its aggregate stream (0-based). */
  streamrevision: z.number().int().nonnegative().optional(),
  /** Opaque, adapter-specific global position in the event store. */
  position: z.string().max(100).optional(),
  correlationid: z.string().min(1).max(200).optional(),
  causationid: z.string().min(1).max(200).optional(),
  /** W3C trace context of the operation that produced the event. */
  traceparent: traceparentSchema.optional(),
});

export type CloudEvent<TData = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: TData };

/** `source` attribute of what each service publishes. */
export const cloudEventSources = {
  complaints: 'urn:chp:complaints',
  notifications: 'urn:chp:notifications',
  intake: 'urn:chp:intake',
  knowledge: 'urn:chp:knowledge',
} as const;

/** `complaints.ComplaintFiled.v1`: family prefix, event type, data version. */
export const cloudEventTypeOf = (prefix: string, eventType: string, version: number): string =>
  `${prefix}.${eventType}.v${version}`;

/** Splits a CloudEvents `type` built by {@link cloudEventTypeOf}; undefined when it is not one. */
export function parseCloudEventType(
  type: string,
): { prefix: string; eventType: string; version: number } | undefined {
  const match = /^([a-z][a-z0-9-]*)\.([A-Z][A-Za-z0-9]*)\.v([1-9]\d{0,5})$/.exec(type);
  if (match === null) return undefined;
  return { prefix: match[1]!, eventType: match[2]!, version: Number(match[3]) };
}

/**
 * In binary mode (HTTP headers, NATS headers) every extension arrives as a string; read an integer
 * `streamrevision` back as a number so that both modes parse alike.
 */
export function normaliseBinaryExtensions(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const revision = record.streamrevision;
  if (typeof revision === 'string' && /^\d{1,15}$/.test(revision)) {
    return { ...record, streamrevision: Number(revision) };
  }
  return value;
}
