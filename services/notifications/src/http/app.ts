import type { SqlExecutor } from '@chp/eventstore';
import {
  type AuthOptions,
  createHttpApp,
  finalize,
  type HttpAppOptions,
  type NatsConnectionLike,
  natsReadiness,
  type TokenVerifier,
} from '@chp/platform';
import type { UnsettledEmails } from '../operator/index.js';
import { adminRouter } from './admin.js';

/**
 * `/healthz`, `/readyz` (the sent log answers a query, NATS a PING), `/metrics` (emails by outcome,
 * consumer and process metrics) and the operators' unsettled e-mails (`/admin/v1/unsettled-emails`,
 * role `admin`). Tokens are verified with a JWKS only (`auth`, from JWT_JWKS_URL); without it the
 * admin routes answer 503.
 */
export function createNotificationsApp(deps: {
  storage: SqlExecutor;
  nc?: NatsConnectionLike;
  logger?: HttpAppOptions['logger'];
  /** Public keys only: notifications holds no key that could mint a token. */
  auth?: (AuthOptions & { jwksUrl: string; secret?: undefined }) | TokenVerifier;
  /** The desk behind the admin routes (the running service's). */
  unsettledEmails?: UnsettledEmails;
  now?: () => Date;
}): ReturnType<typeof createHttpApp> {
  const app = createHttpApp({
    service: 'notifications',
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.auth ? { auth: deps.auth } : {}),
    readiness: {
      sentLog: async () => {
        await deps.storage.query('SELECT 1');
      },
      ...(deps.nc ? { nats: natsReadiness(deps.nc) } : {}),
    },
  });
  app.use(
    adminRouter({
      ...(deps.unsettledEmails ? { desk: deps.unsettledEmails } : {}),
      verified: deps.auth !== undefined,
      now: deps.now ?? (() => new Date()),
    }),
  );
  return finalize(app);
}
