// Composition only: the read model, the consumer, a rebuild when the read model is empty, and the
// HTTP API, closed in the reverse order of the work flowing in. runNatsService (@chp/messaging, over
// platform's runService) does the configuration, logging, telemetry, NATS, listening and shutdown.
import { openSqlDriver } from '@chp/eventstore';
import { runNatsService } from '@chp/messaging/service';
import {
  authOptionsFrom,
  feedTokenAudience,
  loggableError,
  natsReadiness,
  rateLimitFrom,
  signToken,
  trustProxyFrom,
} from '@chp/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import { projectionsConfigSchema } from './config.js';
import { startProjectionConsumer } from './consumer/index.js';
import { httpEventFeed } from './feed/index.js';
import { createProjectionsApp } from './http/index.js';
import { isEmptyReadModel, Rebuilder } from './rebuild/index.js';
import { jetStreamLag } from './status/index.js';
import { migrate } from './store/index.js';

runNatsService({
  name: 'projections',
  configSchema: projectionsConfigSchema,
  async wire({ config, logger, nc }) {
    const db = await openSqlDriver(config.READ_MODEL_URL, {
      onError: (error, context) =>
        logger.warn({ err: loggableError(error), context }, 'read model recovered from an error'),
    });
    await migrate(db);

    // Fresh for each page and short-lived: with the feed's own key (it reads the feed and nothing
    // more), else with the development HS256 key, naming the issuer and audience complaints requires.
    const token = async (): Promise<string> => {
      if (config.COMPLAINTS_TOKEN) return config.COMPLAINTS_TOKEN;
      const subject = config.SERVICE_NAME;
      if (config.FEED_TOKEN_SECRET) {
        return signToken({
          secret: config.FEED_TOKEN_SECRET,
          subject,
          roles: ['service'],
          audience: feedTokenAudience,
          expiresIn: '5m',
        });
      }
      if (!config.JWT_SECRET) {
        throw new Error(
          'set FEED_TOKEN_SECRET (or COMPLAINTS_TOKEN, or JWT_SECRET) to read the complaints feed',
        );
      }
      return signToken({
        secret: config.JWT_SECRET,
        subject,
        roles: ['service'],
        expiresIn: '5m',
        ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
        ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
      });
    };
    const feed = httpEventFeed({ baseUrl: config.COMPLAINTS_URL, token });
    const rebuilder = new Rebuilder({ db, feed, logger });

    // Looked at before the consumer starts: a backlog it applied first would make a deleted read model
    // look populated, and the complaints filed before the backlog would never be rebuilt.
    const empty = await isEmptyReadModel(db);
    const consumer = await startProjectionConsumer({
      nc,
      db,
      feed,
      durable: config.CONSUMER_DURABLE,
      maxBatch: config.BATCH_SIZE,
      logger,
    });
    if (empty) {
      logger.info('the read model is empty: rebuilding it from the complaints feed');
      await rebuilder.start();
    }

    const app = createProjectionsApp({
      db,
      rebuilder,
      lag: jetStreamLag(await jetstreamManager(nc), config.CONSUMER_DURABLE),
      auth: authOptionsFrom(config),
      rateLimit: rateLimitFrom(config),
      ...trustProxyFrom(config),
      atRiskMs: config.AT_RISK_WINDOW,
      logger,
      readiness: {
        nats: natsReadiness(nc),
        readModel: async () => void (await db.query('SELECT 1')),
      },
    });
    return {
      app,
      listening: { readModel: db.kind },
      closers: [
        { name: 'consumer', close: () => consumer.stop() },
        { name: 'rebuild', close: () => rebuilder.settled() },
      ],
      resources: [{ name: 'read model', close: () => db.close() }],
    };
  },
});
