import type { SqlExecutor } from '@chp/eventstore';
import {
  createHttpApp,
  finalize,
  type HttpAppOptions,
  type NatsConnectionLike,
  natsReadiness,
} from '@chp/platform';

/**
 * `/healthz`, `/readyz` (the sent log answers a query, NATS a PING) and `/metrics` (emails by
 * outcome, consumer and process metrics). The service has no other HTTP API.
 */
export function createNotificationsApp(deps: {
  storage: SqlExecutor;
  nc?: NatsConnectionLike;
  logger?: HttpAppOptions['logger'];
}): ReturnType<typeof createHttpApp> {
  const app = createHttpApp({
    service: 'notifications',
    ...(deps.logger ? { logger: deps.logger } : {}),
    readiness: {
      sentLog: async () => {
        await deps.storage.query('SELECT 1');
      },
      ...(deps.nc ? { nats: natsReadiness(deps.nc) } : {}),
    },
  });
  return finalize(app);
}
