import { z } from 'zod';

/** A schema issue as reported in a dead letter (a flattened zod issue). */
export const deadLetterIssueSchema = z.object({
  path: z.string().max(500),
  message: z.string().max(2_000),
  code: z.string().max(100).optional(),
});

/**
 * What a consumer publishes when it gives up on a message: the original bytes and headers, why,
 * and how often it was delivered. Nothing is dropped silently.
 */
export const deadLetterSchema = z.object({
  /** Original payload, base64, byte for byte (it may not be valid UTF-8). */
  payloadBase64: z.string(),
  headers: z.record(z.string(), z.array(z.string())),
  originalSubject: z.string().min(1),
  stream: z.string().optional(),
  streamSequence: z.number().int().nonnegative().optional(),
  consumer: z.string().optional(),
  deliveryCount: z.number().int().positive(),
  reason: z.string().min(1).max(2_000),
  issues: z.array(deadLetterIssueSchema).max(100).optional(),
  deadAt: z.iso.datetime({ offset: true }),
});

export type DeadLetter = z.infer<typeof deadLetterSchema>;
export type DeadLetterIssue = z.infer<typeof deadLetterIssueSchema>;
