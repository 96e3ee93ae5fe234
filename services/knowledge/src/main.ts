// Composition only: the event store, the read model and its projector, the relay to NATS and the
// HTTP API. runNatsService does the configuration, logging, NATS, listening and shutdown.
import { createEventStore, openSqlDriver } from '@chp/eventstore';
import { runNatsService } from '@chp/messaging/service';
import { authOptionsFrom, loggableError, rateLimitFrom, trustProxyFrom } from '@chp/platform';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createKnowledgeHandler } from './application/index.js';
import { knowledgeConfigSchema } from './config.js';
import { createKnowledgeApp } from './http/index.js';
import { migrate, startProjector } from './read-model/index.js';
import { ensureKnowledgeStream, startRelay } from './relay/index.js';

runNatsService({
  name: 'knowledge',
  configSchema: knowledgeConfigSchema,
  async wire({ config, logger, nc }) {
    const onError = (error: unknown, context: string) =>
      logger.warn({ err: loggableError(error), context }, 'database recovered from an error');
    const store = await createEventStore(config.EVENT_STORE_URL, { onError });
    const db = await openSqlDriver(config.READ_MODEL_URL, { onError });
    await migrate(db);
    await ensureKnowledgeStream(await jetstreamManager(nc), config.JETSTREAM_REPLICAS);

    const handler = createKnowledgeHandler({ store });
    const projector = await startProjector({ store, db, logger });
    const relay = config.RELAY_ENABLED ? await startRelay({ store, js: jetstream(nc), logger }) : undefined;
    const app = createKnowledgeApp({
      handler,
      db,
      projector,
      auth: authOptionsFrom(config),
      rateLimit: rateLimitFrom(config),
      ...trustProxyFrom(config),
      logger,
      readiness: {
        store: async () => void (await store.readAll({ maxCount: 1 })),
        readModel: async () => void (await db.query('SELECT 1')),
      },
    });
    return {
      app,
      listening: { store: store.kind },
      closers: [
        ...(relay ? [{ name: 'relay', close: () => relay.stop() }] : []),
        { name: 'projector', close: () => projector.stop() },
      ],
      resources: [
        { name: 'read model', close: () => db.close() },
        { name: 'event store', close: () => store.close() },
      ],
    };
  },
});
