import { customerLinkUrl, signCustomerLink } from '@chp/platform';
import type { CustomerLinkSigner } from './resolution-links.js';

/**
 * Signs links with the platform's `signCustomerLink` (the HMAC intake verifies) and turns each token
 * into `<INTAKE_PUBLIC_URL>/v1/customer-links/<token>`.
 */
export function platformLinkSigner(secret: string, publicBaseUrl: string): CustomerLinkSigner {
  return (args) => customerLinkUrl(publicBaseUrl, signCustomerLink({ secret, ...args }));
}
