import type { Express } from 'express';
import type { z } from 'zod';
import type { BaseConfig } from './config/index.js';
import { type EnvSchema, loadConfigOrExit, serverLimitsFrom } from './config/index.js';
import { listen } from './http/index.js';
import { createLogger, type Logger } from './logging.js';
import { type Closer, closeServer, installShutdown } from './shutdown.js';
import { startTelemetry, type Telemetry } from './telemetry.js';

/** What a service's wiring is given: its parsed configuration, a logger, and the telemetry started. */
export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  telemetry: Telemetry;
}

/** What a service's wiring hands back. */
export interface ServiceWiring {
  /** Listened on `PORT`. */
  app: Express;
  /** Fields of the `<name> service listening` line besides `port`. */
  listening?: Record<string, unknown>;
  /**
   * Closed in this order on SIGTERM or SIGINT, after the HTTP server stops taking requests and
   * before telemetry: the work flowing in first (consumers), then NATS, then stores and pools.
   */
  closers: Closer[];
}

export interface ServiceDefinition<S extends EnvSchema & z.ZodType<BaseConfig>> {
  /** As in the log line `<name> service listening` and the message `<name> failed to start`. */
  name: string;
  configSchema: S;
  /** The service's own wiring: open its stores and NATS, start its workers, build its app. */
  wire(context: ServiceContext<z.output<S>>): Promise<ServiceWiring>;
}

/**
 * The common opening of a service's `main.ts`: the configuration (a bad one prints its report and
 * exits 1), telemetry, the logger, the service's own wiring, the HTTP server on `PORT` (with the
 * `HTTP_*` timeouts and connection cap), and a
 * graceful shutdown (HTTP server, the wiring's closers, telemetry). A failure before it listens
 * prints `<name> failed to start: <stack>` and exits 1.
 */
export function runService<S extends EnvSchema & z.ZodType<BaseConfig>>(
  definition: ServiceDefinition<S>,
): void {
  start(definition).catch((error: unknown) => {
    process.stderr.write(
      `${definition.name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}

async function start<S extends EnvSchema & z.ZodType<BaseConfig>>(
  definition: ServiceDefinition<S>,
): Promise<void> {
  const config = loadConfigOrExit(definition.configSchema);
  const telemetry = startTelemetry({
    serviceName: config.SERVICE_NAME,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const wiring = await definition.wire({ config, logger, telemetry });
  const server = await listen(wiring.app, config.PORT, undefined, serverLimitsFrom(config));
  logger.info({ port: config.PORT, ...wiring.listening }, `${definition.name} service listening`);
  installShutdown(
    [closeServer(server), ...wiring.closers, { name: 'telemetry', close: () => telemetry.shutdown() }],
    { timeoutMs: config.SHUTDOWN_TIMEOUT, logger },
  );
}
