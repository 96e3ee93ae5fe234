import {
  type AuthOptions,
  createHttpApp,
  finalize,
  natsReadiness,
  problemHandler,
  type TokenVerifier,
} from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import type { SubmissionDeps } from '../submission/index.js';
import { createRateLimiter, type RateLimits } from './rate-limit.js';
import { submissionsRouter } from './submissions.js';

export interface IntakeAppDeps {
  submissions: SubmissionDeps;
  nc: NatsConnection;
  auth: AuthOptions | TokenVerifier;
  rateLimits: RateLimits;
  logger?: Logger;
  /** Routes with bodies other than JSON (e-mail, customer-link forms), mounted before the JSON kit. */
  rawRouters?: Router[];
}

/**
 * The intake HTTP API. The platform kit answers 415 to any body that is not JSON, so routes taking
 * `message/rfc822` or HTML forms sit in an outer app in front of it; everything else is the kit.
 */
export function createIntakeApp(deps: IntakeAppDeps): Express {
  const api = createHttpApp({
    service: 'intake',
    ...(deps.logger ? { logger: deps.logger } : {}),
    auth: deps.auth,
    bodyLimit: '256kb',
    readiness: { nats: natsReadiness(deps.nc) },
  });
  api.use(submissionsRouter(deps.submissions, createRateLimiter(deps.rateLimits)));
  finalize(api);
  const outer = express();
  outer.disable('x-powered-by');
  outer.locals.logger = deps.logger;
  for (const router of deps.rawRouters ?? []) outer.use(router);
  outer.use(api);
  // Errors of the raw routes (401/403 from auth, 413, a bad body) as problem+json, like the kit's.
  outer.use(problemHandler(deps.logger));
  return outer;
}
