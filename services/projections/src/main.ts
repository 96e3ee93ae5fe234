// Composition only: configuration, logging, telemetry, the read model, NATS, the consumer, the
// HTTP API, a rebuild when the read model is empty, and a graceful shutdown.
import { openSqlDriver } from '@chp/eventstore';
import { connect } from '@chp/messaging';
import {
  authOptionsFrom,
  type Closer,
  closeServer,
  createLogger,
  installShutdown,
  listen,
  loadConfigOrExit,
  natsReadiness,
  signToken,
  startTelemetry,
} from '@chp/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import { projectionsConfigSchema } from './config.js';
import { startProjectionConsumer } from './consumer/index.js';
import { httpEventFeed } from './feed/index.js';
import { createProjectionsApp } from './http/index.js';
import { isEmptyReadModel, Rebuilder } from './rebuild/index.js';
import { jetStreamLag } from './status/index.js';
import { migrate } from './store/index.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(projectionsConfigSchema);
  const telemetry = startTelemetry({
    serviceName: config.SERVICE_NAME,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
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
  const nc = await connect({ servers: config.NATS_URL, name: config.SERVICE_NAME, logger });
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
  const server = await listen(app, config.PORT);
  logger.info({ port: config.PORT, readModel: db.kind }, 'projections service listening');

  const closers: Closer[] = [
    closeServer(server),
    { name: 'consumer', close: () => consumer.stop() },
    { name: 'rebuild', close: () => rebuilder.settled() },
    { name: 'nats', close: () => nc.drain() },
    { name: 'read model', close: () => db.close() },
    { name: 'telemetry', close: () => telemetry.shutdown() },
  ];
  installShutdown(closers, { timeoutMs: config.SHUTDOWN_TIMEOUT, logger });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `projections failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
