import type { RouteDeclaration } from '@chp/platform';

/** Every route of notifications but the platform's probes: the operators' unsettled e-mails. */
export const routes = {
  unsettledEmails: { method: 'get', path: '/admin/v1/unsettled-emails', roles: ['admin'] },
  resendUnsettledEmail: { method: 'post', path: '/admin/v1/unsettled-emails/resend', roles: ['admin'] },
  markEmailDelivered: { method: 'post', path: '/admin/v1/unsettled-emails/mark-delivered', roles: ['admin'] },
} as const satisfies Record<string, RouteDeclaration>;
