import type { Role, RouteDeclaration } from '@chp/platform';

/** Supervisors write and publish the directory. */
export const writeRoles: readonly Role[] = ['supervisor'];
/** Agents read published answers (and record their use); supervisors read everything. */
export const readRoles: readonly Role[] = ['agent', 'supervisor'];
/** Loading the bundled starter set: supervisors, and admins setting up a stack. */
export const starterRoles: readonly Role[] = ['supervisor', 'admin'];
/** The portal's routes carry no token: `[]` here means open to everyone (rate-limited by address). */
export const publicRoles: readonly Role[] = [];

/**
 * Every route of the knowledge API but the platform's probes, declared once: the routers register
 * them and scripts/docs/openapi.ts documents them.
 */
export const routes = {
  searchAnswers: { method: 'get', path: '/v1/answers', roles: readRoles },
  draftAnswer: { method: 'post', path: '/v1/answers', roles: writeRoles },
  answer: { method: 'get', path: '/v1/answers/:id', roles: readRoles },
  reviseAnswer: { method: 'post', path: '/v1/answers/:id/revise', roles: writeRoles },
  publishAnswer: { method: 'post', path: '/v1/answers/:id/publish', roles: writeRoles },
  retireAnswer: { method: 'post', path: '/v1/answers/:id/retire', roles: writeRoles },
  recordAnswerUse: { method: 'post', path: '/v1/answers/:id/uses', roles: readRoles },
  searchQuestions: { method: 'get', path: '/v1/questions', roles: writeRoles },
  draftQuestion: { method: 'post', path: '/v1/questions', roles: writeRoles },
  question: { method: 'get', path: '/v1/questions/:id', roles: writeRoles },
  reviseQuestion: { method: 'post', path: '/v1/questions/:id/revise', roles: writeRoles },
  publishQuestion: { method: 'post', path: '/v1/questions/:id/publish', roles: writeRoles },
  retireQuestion: { method: 'post', path: '/v1/questions/:id/retire', roles: writeRoles },
  publicQuestions: { method: 'get', path: '/v1/public/questions', roles: publicRoles },
  suggestQuestions: { method: 'get', path: '/v1/public/questions/suggest', roles: publicRoles },
  questionHelped: { method: 'post', path: '/v1/public/questions/:id/helped', roles: publicRoles },
  answerUsage: { method: 'get', path: '/v1/stats/answer-usage', roles: writeRoles },
  deflection: { method: 'get', path: '/v1/stats/deflection', roles: writeRoles },
  starterSet: { method: 'post', path: '/v1/starter-set', roles: starterRoles },
} as const satisfies Record<string, RouteDeclaration>;
