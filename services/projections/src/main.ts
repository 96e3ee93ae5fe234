// Composition only: the read model, NATS, the consumer, a rebuild when the read model is empty, and
// the HTTP API, closed in the reverse order of the work flowing in. runService does the
// configuration, logging, telemetry, listening and shutdown common to every service.
import { openSqlDriver } from '@chp/eventstore';
import { connect, natsConnectOptions } from '@chp/messaging';
import { authOptionsFrom, natsReadiness, runService, signToken } from '@chp/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import { projectionsConfigSchema } from './config.js';
import { startProjectionConsumer } from './consumer/index.js';
import { httpEventFeed } from './feed/index.js';
import { createProjectionsApp } from './http/index.js';
import { isEmptyReadModel, Rebuilder } from './rebuild/index.js';
import { jetStreamLag } from './status/index.js';
import { migrate } from './store/index.js';

runService({
  name: 'projections',
  configSchema: projectionsConfigSchema,
  async wire({ config, logger }) {
    const db = await openSqlDriver(config.READ_MODEL_URL, {
      onError: (error, context) => logger.warn({ err: error, context }, 'read model recovered from an error'),
    });
    await migrate(db);

    const secret = config.JWT_SECRET;
    const token = async (): Promise<string> => {
      if (config.COMPLAINTS_TOKEN) return config.COMPLAINTS_TOKEN;
      if (!secret) throw new Error('set COMPLAINTS_TOKEN (or JWT_SECRET) to read the complaints feed');
      return signToken({ secret, subject: config.SERVICE_NAME, roles: ['service'] });
    };
    const feed = httpEventFeed({ baseUrl: config.COMPLAINTS_URL, token });
    const rebuilder = new Rebuilder({ db, feed, logger });

    // Looked at before the consumer starts: a backlog it applied first would make a deleted read model
    // look populated, and the complaints filed before the backlog would never be rebuilt.
    const empty = await isEmptyReadModel(db);
    const nc = await connect({ ...natsConnectOptions(config, 'projections'), logger });
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
        { name: 'nats', close: () => nc.drain() },
        { name: 'read model', close: () => db.close() },
      ],
    };
  },
});
