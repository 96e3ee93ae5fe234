import { commandPaths, type HttpCommandType } from '@chp/contracts';
import type { RouteDeclaration } from '@chp/platform';
import { commandRoles, feedRoles, readRoles, rolesOfCommand } from './roles.js';

/**
 * Every route of the complaints API but the platform's probes, declared once: the routers register
 * them and scripts/docs/openapi.ts documents them.
 */
export const routes = {
  complaintByReference: { method: 'get', path: '/v1/complaints/by-reference/:ref', roles: readRoles },
  complaint: { method: 'get', path: '/v1/complaints/:id', roles: readRoles },
  auditTrail: { method: 'get', path: '/v1/complaints/:id/events', roles: readRoles },
  eventFeed: { method: 'get', path: '/internal/v1/events', roles: feedRoles },
  /** Not in the contracts' `commandPaths` (the desk's generic forms): the console has its own form for it. */
  correctCustomerLanguage: {
    method: 'post',
    path: '/v1/complaints/:id/correct-customer-language',
    roles: commandRoles,
  },
  relayStatus: { method: 'get', path: '/admin/v1/relay', roles: ['admin'] },
  deadLetters: { method: 'get', path: '/admin/v1/dead-letters', roles: ['admin'] },
  replayDeadLetters: { method: 'post', path: '/admin/v1/dead-letters/replay', roles: ['admin'] },
  discardDeadLetters: { method: 'post', path: '/admin/v1/dead-letters/discard', roles: ['admin'] },
} as const satisfies Record<string, RouteDeclaration>;

/** `POST /v1/complaints/:id/<command>`, one per HTTP command (the paths come from the contracts). */
export const commandRoute = (type: HttpCommandType) =>
  ({
    method: 'post',
    path: `/v1/complaints/:id/${commandPaths[type]}`,
    roles: rolesOfCommand(type),
  }) as const satisfies RouteDeclaration;
