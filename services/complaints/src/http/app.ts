import type { EventStore } from '@chp/eventstore';
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
import type { Clock, CommandHandler } from '../application/index.js';
import type { DeadLetterDesk } from '../operator/index.js';
import type { Relay } from '../relay/index.js';
import type { PolicySet } from '../sla/index.js';
import { adminRouter } from './admin.js';
import { commandRouter } from './commands.js';
import { internalRouter } from './internal.js';
import { registerComplaintProblems } from './problems.js';
import { queryRouter } from './queries.js';

export interface ComplaintsAppDeps {
  store: EventStore;
  handler: CommandHandler;
  clock: Clock;
  policies: PolicySet;
  /** Bearer-token verification: JWT settings or a verifier. */
  auth: AuthOptions | TokenVerifier;
  /** Per client (token subject, or address without a valid token); none when unset (tests). */
  rateLimit?: RateLimitOptions | RateLimiter;
  /** express's `trust proxy`, so that a client's address behind a load balancer is its own. */
  trustProxy?: boolean | number | string;
  logger?: Logger;
  /** Checks behind `/readyz` (main passes the store and NATS). */
  readiness?: Record<string, ReadinessCheck>;
  /** This replica's relay, when it runs one (`GET /admin/v1/relay` reports its progress). */
  relay?: Pick<Relay, 'stats'>;
  /** The dead-letter desk (`/admin/v1/dead-letters`); without it those routes answer 503. */
  deadLetters?: DeadLetterDesk;
}

/**
 * The complaints HTTP API on the platform kit (health, readiness, metrics, auth, problem+json):
 * agent commands, complaint reads, the audit trail, the internal feed, the relay's status and the dead-letter desk. Finalized: listen on it.
 */
export function createComplaintsApp(deps: ComplaintsAppDeps): Express {
  registerComplaintProblems();
  const app = createHttpApp({
    service: 'complaints',
    auth: deps.auth,
    ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}),
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.readiness ? { readiness: deps.readiness } : {}),
  });
  // express would add a weak body-hash ETag to every reply; ours are revisions, set explicitly.
  app.set('etag', false);
  app.use(queryRouter(deps));
  app.use(commandRouter(deps));
  app.use(internalRouter(deps));
  app.use(adminRouter(deps));
  return finalize(app);
}
