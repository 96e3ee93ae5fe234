import { natsConnectOptions } from '@chp/messaging';
import { closeServer, createLogger, installShutdown, loadConfigOrExit } from '@chp/platform';
import type * as oidc from 'openid-client';
import { createConsoleApp } from './app.js';
import { discoverProvider } from './auth.js';
import { consoleConfigSchema } from './config.js';
import { LiveFeed } from './live.js';
import { openSessionStore } from './session-store.js';

const config = loadConfigOrExit(consoleConfigSchema);
const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });

let provider: oidc.Configuration | undefined;
// The provider may start after us (compose, Kubernetes): retry discovery; /readyz says 503 meanwhile.
async function discover(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      provider = await discoverProvider(config);
      logger.info({ issuer: config.OIDC_ISSUER }, 'OpenID provider discovered');
      return;
    } catch (error) {
      if (attempt % 10 === 1) {
        logger.warn(
          { issuer: config.OIDC_ISSUER, err: { message: (error as Error).message } },
          'OpenID provider discovery failed; retrying',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * attempt)));
    }
  }
}
void discover();

const live = new LiveFeed({
  nats: natsConnectOptions({ ...config, SERVICE_NAME: 'console' }, 'console'),
  logger,
});
live.start();

const sessions = await openSessionStore(config.SESSION_STORE_URL, logger).catch((error: unknown) => {
  logger.fatal({ err: { message: (error as Error).message } }, 'the session store did not open');
  process.exit(1);
});
logger.info({ store: sessions.kind }, 'session store open');

const app = createConsoleApp({
  config,
  logger,
  provider: () => provider,
  live,
  sessionStore: sessions.store,
  sessionStoreKind: sessions.kind,
});
const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'console listening'));
installShutdown(
  [
    { name: 'live updates', close: () => live.stop() },
    closeServer(server, 'console http server'),
    { name: 'session store', close: () => sessions.close() },
  ],
  { timeoutMs: config.SHUTDOWN_TIMEOUT, logger },
);
