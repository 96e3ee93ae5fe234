import type { Role, RouteDeclaration } from '@chp/platform';

const readers: readonly Role[] = ['agent', 'supervisor'];
/** The morning view's reports (src/reports). */
const supervisors: readonly Role[] = ['supervisor'];

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
  reportClocks: { method: 'get', path: '/v1/reports/clocks', roles: supervisors },
  reportBacklog: { method: 'get', path: '/v1/reports/backlog', roles: supervisors },
  reportFlow: { method: 'get', path: '/v1/reports/flow', roles: supervisors },
  reportOutcomes: { method: 'get', path: '/v1/reports/outcomes', roles: supervisors },
  reportEscalations: { method: 'get', path: '/v1/reports/escalations', roles: supervisors },
  reportCsat: { method: 'get', path: '/v1/reports/csat', roles: supervisors },
  reportCategories: { method: 'get', path: '/v1/reports/categories', roles: supervisors },
  reportCompliance: { method: 'get', path: '/v1/reports/compliance', roles: supervisors },
  status: { method: 'get', path: '/v1/status', roles: [...readers, 'admin'] },
  rebuild: { method: 'post', path: '/admin/v1/projections/rebuild', roles: ['admin'] },
} as const satisfies Record<string, RouteDeclaration>;
