import type { PlanSettings } from '../planning/index.js';
import { templateLanguageOf } from '../templates/index.js';

export type CustomerLinkAction = 'accept' | 'reject' | 'survey';

/** Signs one customer link and returns its URL (the platform's `signCustomerLink` + `customerLinkUrl`). */
export type CustomerLinkSigner = (args: {
  complaintId: string;
  reference: string;
  action: CustomerLinkAction;
  resolutionId: string;
  language: string;
  expiresAt: Date;
}) => string;

/**
 * The accept, reject and survey links of a resolution email, bound to that resolution. They expire
 * `ttlMs` after the resolution, so a re-rendered email (a retry) carries the very same links; a
 * later resolution or a revocation ends them sooner (the complaints service checks).
 */
export function resolutionLinks(sign: CustomerLinkSigner, ttlMs: number): PlanSettings['resolutionLinks'] {
  return ({ complaintId, reference, resolutionId, language, resolvedAt }) => {
    const expiresAt = new Date(Date.parse(resolvedAt) + ttlMs);
    const link = (action: CustomerLinkAction) =>
      sign({
        complaintId,
        reference,
        action,
        resolutionId,
        language: templateLanguageOf(language),
        expiresAt,
      });
    return {
      accept: link('accept'),
      reject: link('reject'),
      survey: link('survey'),
      expiresAt: expiresAt.toISOString(),
    };
  };
}
