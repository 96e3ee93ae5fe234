import * as platform from '@chp/platform';
import type { CustomerLinkAction, CustomerLinkSigner } from './resolution-links.js';

/** The platform's customer-link API (`libs/platform/src/customer-links.ts`), as SERVICES.md specifies it. */
interface CustomerLinksApi {
  signCustomerLink(args: {
    secret: string;
    complaintId: string;
    reference: string;
    action: CustomerLinkAction;
    language: string;
    expiresAt: Date;
  }): string;
  customerLinkUrl(publicBaseUrl: string, token: string): string;
}

const hasCustomerLinks = (api: object): api is CustomerLinksApi =>
  typeof (api as Partial<CustomerLinksApi>).signCustomerLink === 'function' &&
  typeof (api as Partial<CustomerLinksApi>).customerLinkUrl === 'function';

/**
 * Signs links with the platform's `signCustomerLink`, the same HMAC intake verifies. Looked up at
 * start rather than imported by name while the platform module lands in parallel; a platform
 * without it stops the service with a clear message instead of sending unsigned links.
 */
export function platformLinkSigner(secret: string, publicBaseUrl: string): CustomerLinkSigner {
  const api: object = platform;
  if (!hasCustomerLinks(api)) {
    throw new Error(
      '@chp/platform does not export signCustomerLink/customerLinkUrl: build a platform with customer links',
    );
  }
  return (args) => api.customerLinkUrl(publicBaseUrl, api.signCustomerLink({ secret, ...args }));
}
