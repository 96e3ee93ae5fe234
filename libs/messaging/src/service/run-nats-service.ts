import type { NatsServiceUser } from '@chp/contracts';
import {
  type BaseConfig,
  type Closer,
  type EnvSchema,
  runService,
  type ServiceContext,
  type ServiceWiring,
} from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import { connect, natsConnectOptions } from '../connection/index.js';

/** What a NATS service's wiring hands back: platform's, with NATS drained between the two kinds of closer. */
export interface NatsServiceWiring extends ServiceWiring {
  /** The work flowing in (consumers, NATS services, workers): closed first, in this order. */
  closers: Closer[];
  /** Stores, pools and mailers: closed after NATS has drained, in this order. */
  resources?: Closer[];
}

export interface NatsServiceDefinition<S extends EnvSchema & z.ZodType<BaseConfig>> {
  /**
   * As in the log line `<name> service listening` and the message `<name> failed to start`; also
   * the NATS user whose permissions (`@chp/contracts`' table) and credentials it connects with.
   */
  name: NatsServiceUser;
  configSchema: S;
  /** The service's own wiring, given the connection to NATS. */
  wire(context: ServiceContext<z.output<S>> & { nc: NatsConnection }): Promise<NatsServiceWiring>;
}

/**
 * The common opening of a service's `main.ts`: platform's `runService` (configuration, logger,
 * telemetry, HTTP, graceful shutdown) with the connection to NATS (`NATS_URL`, the credentials and
 * TLS of the config, named after `SERVICE_NAME`) made before the wiring and drained between the work flowing in and the resources.
 * It lives here rather than in `@chp/platform` because messaging builds on platform, not the reverse.
 */
export function runNatsService<S extends EnvSchema & z.ZodType<BaseConfig>>(
  definition: NatsServiceDefinition<S>,
): void {
  runService({
    name: definition.name,
    configSchema: definition.configSchema,
    async wire(context) {
      const { config, logger } = context;
      const nc = await connect({ ...natsConnectOptions(config, definition.name), logger });
      try {
        const { closers, resources = [], ...wiring } = await definition.wire({ ...context, nc });
        return { ...wiring, closers: [...closers, { name: 'nats', close: () => nc.drain() }, ...resources] };
      } catch (error) {
        await nc.close();
        throw error;
      }
    },
  });
}
