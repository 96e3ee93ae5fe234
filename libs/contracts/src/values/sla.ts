import { z } from 'zod';
import { isoDateTime } from './text.js';

/** Regulatory regimes with preset clocks (FCA DISP, PSD2, CFPB). */
export const regulatoryRegimes = ['fca_disp', 'psd2', 'cfpb'] as const;
export type RegulatoryRegime = (typeof regulatoryRegimes)[number];

export const operationalTargets = ['acknowledge', 'first_response', 'resolve'] as const;
export const regulatoryTargets = ['regulatory_summary_resolution', 'regulatory_final_response'] as const;

/**
 * Every SLA target by name. Operational targets pause while awaiting the customer; the
 * `regulatory_*` ones never pause. (The SLA code's key `regulatory:final_response` is
 * `regulatory_final_response` here.)
 */
export const slaTargets = [...operationalTargets, ...regulatoryTargets] as const;
export type SlaTarget = (typeof slaTargets)[number];
export const slaTargetSchema = z.enum(slaTargets);

/** Due time per target, as ISO instants; a target the policy does not set is absent. */
export const deadlinesSchema = z.object({
  acknowledge: isoDateTime().optional(),
  first_response: isoDateTime().optional(),
  resolve: isoDateTime().optional(),
  regulatory_summary_resolution: isoDateTime().optional(),
  regulatory_final_response: isoDateTime().optional(),
});
export type Deadlines = z.infer<typeof deadlinesSchema>;

/** ISO 3166-1 country or ISO 3166-2 subdivision selecting regional holidays, such as `GB-SCT`. */
export const regionSchema = z
  .string()
  .regex(/^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code like GB-SCT');

/** The SLA policy in force when the complaint was filed; later policy versions never apply to it. */
export const slaPolicyRefSchema = z.object({
  policyId: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_"'),
  policyVersion: z.number().int().positive(),
  regulatoryRegime: z.enum(regulatoryRegimes).optional(),
  /** ISO 3166-2 region selecting regional holidays, such as `GB-SCT`. */
  region: regionSchema.optional(),
});
export type SlaPolicyRef = z.infer<typeof slaPolicyRefSchema>;
