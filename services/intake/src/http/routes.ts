import type { Role, RouteDeclaration } from '@chp/platform';

const channel: readonly Role[] = ['channel'];
const staff: readonly Role[] = ['agent', 'supervisor', 'admin'];

/**
 * Every route of intake but the platform's probes, declared once: the routers (http/, email/,
 * links/) register them and scripts/docs/openapi.ts documents them. The customer-link pages take no
 * bearer token (no roles): the signed token in the path is the credential.
 */
export const routes = {
  submission: { method: 'post', path: '/v1/complaints', roles: channel },
  /** A complaint's file, for the desk (the console proxies it); bound to the complaint it came with. */
  attachment: {
    method: 'get',
    path: '/v1/complaints/:complaintId/attachments/:attachmentId',
    roles: staff,
  },
  email: { method: 'post', path: '/v1/channels/email', roles: channel },
  showCustomerLink: { method: 'get', path: '/v1/customer-links/:token', roles: [] },
  answerCustomerLink: { method: 'post', path: '/v1/customer-links/:token', roles: [] },
  // The portal (src/portal/): public pages, no bearer token; forms carry a CSRF token instead.
  portalHome: { method: 'get', path: '/portal', roles: [] },
  portalStyles: { method: 'get', path: '/portal/assets/portal.css', roles: [] },
  portalScript: { method: 'get', path: '/portal/assets/portal.js', roles: [] },
  showComplaintForm: { method: 'get', path: '/portal/:language/complaint', roles: [] },
  fileComplaintForm: { method: 'post', path: '/portal/:language/complaint', roles: [] },
  suggestQuestions: { method: 'get', path: '/portal/:language/suggestions', roles: [] },
  questionHelped: { method: 'post', path: '/portal/:language/questions/:id/helped', roles: [] },
  showFollowForm: { method: 'get', path: '/portal/:language/follow', roles: [] },
  requestFollowLink: { method: 'post', path: '/portal/:language/follow', roles: [] },
  showFollowLink: { method: 'get', path: '/portal/:language/link/:token', roles: [] },
  useFollowLink: { method: 'post', path: '/portal/:language/link/:token', roles: [] },
  showStatus: { method: 'get', path: '/portal/:language/status', roles: [] },
  /** A file of the session's complaint, for its customer (the session is the credential). */
  portalFile: { method: 'get', path: '/portal/:language/status/files/:attachmentId', roles: [] },
  actOnStatus: { method: 'post', path: '/portal/:language/status/:action', roles: [] },
} as const satisfies Record<string, RouteDeclaration>;
