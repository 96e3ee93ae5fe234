import { type NatsConnection, connect as natsConnect, type Status } from '@nats-io/transport-node';
import { errorFields, type MessagingLogger, silentLogger } from '../logger.js';

export interface ConnectOptions {
  /** One URL, a comma-separated list, or an array: `nats://127.0.0.1:4222`. */
  servers: string | string[];
  /** Connection name shown by the server's monitoring (use the service name). */
  name?: string;
  logger?: MessagingLogger;
  /** Base wait between reconnect attempts. Default 1000 ms. */
  reconnectWaitMs?: number;
  /** Random extra wait added to each attempt, so replicas do not reconnect in lockstep. Default 500 ms. */
  reconnectJitterMs?: number;
  /** How long the first connection may take before it fails. Default 5000 ms. */
  connectTimeoutMs?: number;
}

/** NATS could not be reached when connecting for the first time. */
export class NatsUnavailableError extends Error {
  readonly servers: string[];
  readonly code: string | undefined;

  constructor(servers: string[], code: string | undefined, options?: ErrorOptions) {
    super(
      `cannot reach NATS at ${servers.join(', ')}${code ? ` (${code})` : ''}: start nats-server or set NATS_URL`,
      options,
    );
    this.name = 'NatsUnavailableError';
    this.servers = servers;
    this.code = code;
  }
}

/**
 * Connects to NATS. The first connection must succeed (otherwise {@link NatsUnavailableError});
 * after that the client reconnects forever with a jittered wait, and status changes are logged.
 */
export async function connect(options: ConnectOptions): Promise<NatsConnection> {
  const servers = (Array.isArray(options.servers) ? options.servers : options.servers.split(','))
    .map((server) => server.trim())
    .filter(Boolean);
  if (servers.length === 0) throw new Error('connect(): no NATS server given');
  const logger = options.logger ?? silentLogger;

  let nc: NatsConnection;
  try {
    nc = await natsConnect({
      servers,
      ...(options.name ? { name: options.name } : {}),
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs ?? 1_000,
      reconnectJitter: options.reconnectJitterMs ?? 500,
      timeout: options.connectTimeoutMs ?? 5_000,
      // No stack trace captured per request for errors that are almost never thrown: a visible share
      // of a request's CPU in intake's benchmark (its README, Performance).
      noAsyncTraces: true,
    });
  } catch (error) {
    throw new NatsUnavailableError(servers, errorCode(error), { cause: error });
  }
  logger.info({ server: nc.getServer(), name: options.name }, 'connected to NATS');
  void logStatus(nc, logger);
  return nc;
}

async function logStatus(nc: NatsConnection, logger: MessagingLogger): Promise<void> {
  for await (const status of nc.status()) logStatusEvent(status, logger);
  const closed = await nc.closed();
  if (closed) logger.error(errorFields(closed), 'NATS connection closed with an error');
}

function logStatusEvent(status: Status, logger: MessagingLogger): void {
  switch (status.type) {
    case 'disconnect':
      logger.warn({ server: status.server }, 'disconnected from NATS; reconnecting');
      break;
    case 'reconnect':
      logger.info({ server: status.server }, 'reconnected to NATS');
      break;
    case 'error':
      logger.error(errorFields(status.error), 'NATS reported an error');
      break;
    case 'ldm':
      logger.warn({ server: status.server }, 'NATS server entered lame-duck mode');
      break;
    case 'slowConsumer':
      logger.warn({ subject: status.sub.getSubject(), pending: status.pending }, 'slow NATS subscriber');
      break;
    case 'staleConnection':
      logger.warn({}, 'stale NATS connection');
      break;
    case 'close':
      logger.info({}, 'NATS connection closed');
      break;
    default:
      // reconnecting, ping, update, forceReconnect: routine, too chatty to log.
      break;
  }
}

/** The socket error code (ECONNREFUSED, ENOTFOUND, ...) behind a connect failure, if any. */
function errorCode(error: unknown): string | undefined {
  // Walks `cause` without `instanceof Error`: socket errors may come from another realm (jest).
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  if (error instanceof Error && /timeout/i.test(error.message)) return 'TIMEOUT';
  return undefined;
}
