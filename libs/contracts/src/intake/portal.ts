import { z } from 'zod';
import {
  complaintIdSchema,
  complaintReferenceSchema,
  isoDateTime,
  languages,
  uuid,
} from '../values/index.js';

/**
 * `intake.events.portal-link-requested` (core NATS): a customer asked on the portal to follow a
 * complaint, and the reference and contact matched. Notifications e-mails `url` to the complaint's
 * customer address from its own directory (never an address from the request), in `language`.
 */
export const portalLinkRequestedSchema = z.strictObject({
  /** Unique per request: notifications sends each once. */
  requestId: uuid(),
  complaintId: complaintIdSchema,
  reference: complaintReferenceSchema,
  language: z.enum(languages),
  /** The one-time link (intake's public URL); it works once, until `expiresAt`. */
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  expiresAt: isoDateTime(),
  at: isoDateTime(),
});
export type PortalLinkRequested = z.infer<typeof portalLinkRequestedSchema>;
