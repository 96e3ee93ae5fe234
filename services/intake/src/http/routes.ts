import type { Role, RouteDeclaration } from '@chp/platform';

const channel: readonly Role[] = ['channel'];

/**
 * Every route of intake but the platform's probes, declared once: the routers (http/, email/,
 * links/) register them and scripts/docs/openapi.ts documents them. The customer-link pages take no
 * bearer token (no roles): the signed token in the path is the credential.
 */
export const routes = {
  submission: { method: 'post', path: '/v1/complaints', roles: channel },
  email: { method: 'post', path: '/v1/channels/email', roles: channel },
  showCustomerLink: { method: 'get', path: '/v1/customer-links/:token', roles: [] },
  answerCustomerLink: { method: 'post', path: '/v1/customer-links/:token', roles: [] },
} as const satisfies Record<string, RouteDeclaration>;
