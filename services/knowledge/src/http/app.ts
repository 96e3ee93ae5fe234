import {
  type AuthOptions,
  createHttpApp,
  finalize,
  type Logger,
  type RateLimiter,
  type RateLimitOptions,
  type ReadinessCheck,
  type TokenVerifier,
} from '@chp/platform';
import type { Express } from 'express';
import type { KnowledgeHttpDeps } from './context.js';
import { entriesRouter } from './entries.js';
import { registerKnowledgeProblems } from './problems.js';
import { publicRouter } from './public.js';
import { starterRouter } from './starter.js';
import { statsRouter } from './stats.js';

export interface KnowledgeAppDeps extends KnowledgeHttpDeps {
  auth: AuthOptions | TokenVerifier;
  rateLimit?: RateLimitOptions | RateLimiter;
  trustProxy?: boolean | number | string;
  logger?: Logger;
  readiness?: Record<string, ReadinessCheck>;
}

/** The knowledge HTTP API on the platform kit (health, metrics, auth, rate limit, problem+json). Finalized. */
export function createKnowledgeApp(deps: KnowledgeAppDeps): Express {
  registerKnowledgeProblems();
  const app = createHttpApp({
    service: 'knowledge',
    auth: deps.auth,
    ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}),
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.readiness ? { readiness: deps.readiness } : {}),
  });
  app.set('etag', false);
  app.use(publicRouter(deps), entriesRouter(deps), statsRouter(deps), starterRouter(deps));
  return finalize(app);
}
