import {
  type AuthOptions,
  createHttpApp,
  finalize,
  natsReadiness,
  type RateLimiter,
  type RateLimitOptions,
  type TokenVerifier,
} from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Express, Router } from 'express';
import type { Logger } from 'pino';
import type { SubmissionDeps } from '../submission/index.js';
import { submissionsRouter } from './submissions.js';

export interface IntakeAppDeps {
  submissions: SubmissionDeps;
  nc: NatsConnection;
  auth: AuthOptions | TokenVerifier;
  /** Per client (token subject, or address for the customer links and refused tokens). */
  rateLimit: RateLimitOptions | RateLimiter;
  /** express's `trust proxy`, so that the address of a client behind a load balancer is its own. */
  trustProxy?: boolean | number | string;
  logger?: Logger;
  /** Routes with bodies other than JSON (e-mail, customer-link forms). */
  rawRouters?: Router[];
}

/**
 * The intake HTTP API on the platform kit. Routes taking `message/rfc822` or HTML forms are the
 * kit's raw routers: after authentication and the rate limit, before its JSON parser (which answers
 * 415 to any other body).
 */
export function createIntakeApp(deps: IntakeAppDeps): Express {
  const api = createHttpApp({
    service: 'intake',
    ...(deps.logger ? { logger: deps.logger } : {}),
    auth: deps.auth,
    rateLimit: deps.rateLimit,
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    bodyLimit: '256kb',
    readiness: { nats: natsReadiness(deps.nc) },
    ...(deps.rawRouters ? { rawRouters: deps.rawRouters } : {}),
  });
  api.use(submissionsRouter(deps.submissions));
  return finalize(api);
}
