import { z } from 'zod';
import { opaqueId, singleLine } from './text.js';

export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

/**
 * A reference to a file held elsewhere (never the bytes): either an http(s) `url` or an `objectKey`
 * in the company's object store, exactly one of them.
 */
export const attachmentSchema = z
  .object({
    name: singleLine(255),
    /** A MIME type such as `image/png`. */
    contentType: z
      .string()
      .max(255)
      .regex(
        /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i,
        'must be a MIME type like image/png',
      ),
    sizeBytes: z.number().int().nonnegative().max(MAX_ATTACHMENT_BYTES, 'must be at most 50 MB'),
    url: z.httpUrl().max(2_000).optional(),
    objectKey: opaqueId(1_024).optional(),
    /**
     * The SHA-256 of the content, lowercase hex, when the platform stored the file (issue 24): lets a
     * reader check a download. Optional, so references written before it still decode.
     */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256')
      .optional(),
  })
  .refine((a) => (a.url === undefined) !== (a.objectKey === undefined), {
    message: 'give exactly one of url or objectKey',
    path: ['url'],
  });
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentsSchema = z.array(attachmentSchema).max(MAX_ATTACHMENTS);
