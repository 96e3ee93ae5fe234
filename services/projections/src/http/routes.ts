import type { Role, RouteDeclaration } from '@chp/platform';

const readers: readonly Role[] = ['agent', 'supervisor'];

/**
 * Every route of the query API but the platform's probes, declared once: app.ts registers them and
 * scripts/docs/openapi.ts documents them.
 */
export const routes = {
  complaints: { method: 'get', path: '/v1/complaints', roles: readers },
  complaint: { method: 'get', path: '/v1/complaints/:id', roles: readers },
  byCustomer: { method: 'get', path: '/v1/customers/:key/complaints', roles: readers },
  slaAtRisk: { method: 'get', path: '/v1/sla/at-risk', roles: readers },
  slaBreaches: { method: 'get', path: '/v1/sla/breaches', roles: readers },
  statsOverview: { method: 'get', path: '/v1/stats/overview', roles: readers },
  status: { method: 'get', path: '/v1/status', roles: [...readers, 'admin'] },
  rebuild: { method: 'post', path: '/admin/v1/projections/rebuild', roles: ['admin'] },
} as const satisfies Record<string, RouteDeclaration>;
