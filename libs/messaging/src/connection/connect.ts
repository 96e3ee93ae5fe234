import { readFileSync } from 'node:fs';
import {
  type Authenticator,
  credsAuthenticator,
  type NatsConnection,
  connect as natsConnect,
  nkeyAuthenticator,
  type Status,
  usernamePasswordAuthenticator,
} from '@nats-io/transport-node';
import { errorFields, type MessagingLogger, silentLogger } from '../logger.js';

/** How a service proves who it is to NATS (see `NATS_CREDS`, `NATS_NKEY_SEED`, `NATS_USER`/`NATS_PASSWORD`). */
export type NatsAuth = { credsFile: string } | { nkeySeed: string } | { user: string; password: string };

/** TLS to NATS: the CA of the server's certificate; a client certificate and key for mutual TLS. */
export interface NatsTls {
  /** Without it, the system's CAs verify the server. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

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
  /** Credentials; none for a server without authorization (a local one started by hand). */
  auth?: NatsAuth;
  tls?: NatsTls;
  /** Reply subjects' prefix: each user may read only its own (`natsInboxPrefix` in @chp/contracts). */
  inboxPrefix?: string;
}

/** The environment variables that hold the credentials of `auth`, for error messages. */
function authVariables(auth: NatsAuth | undefined): string {
  if (!auth) return 'NATS_CREDS, NATS_NKEY_SEED or NATS_USER/NATS_PASSWORD (none is set)';
  if ('credsFile' in auth) return 'NATS_CREDS';
  if ('nkeySeed' in auth) return 'NATS_NKEY_SEED';
  return 'NATS_USER/NATS_PASSWORD';
}

/** NATS refused the credentials (or their absence): the message names the variables to check. */
export class NatsAuthorizationError extends Error {
  constructor(servers: string[], detail: string, auth: NatsAuth | undefined, options?: ErrorOptions) {
    super(
      `NATS at ${servers.join(', ')} refused the connection (${detail}): check ${authVariables(auth)}`,
      options,
    );
    this.name = 'NatsAuthorizationError';
  }
}

/** The TLS handshake with NATS failed, or the server requires TLS that the client did not set up. */
export class NatsTlsError extends Error {
  constructor(servers: string[], detail: string, options?: ErrorOptions) {
    super(
      `TLS with NATS at ${servers.join(', ')} failed (${detail}): check NATS_TLS_CA (and NATS_TLS_CERT/NATS_TLS_KEY ` +
        'for mutual TLS) and that NATS_URL uses tls://',
      options,
    );
    this.name = 'NatsTlsError';
  }
}

function authenticator(auth: NatsAuth): Authenticator {
  if ('credsFile' in auth) return credsAuthenticator(readFileSync(auth.credsFile));
  if ('nkeySeed' in auth) return nkeyAuthenticator(new TextEncoder().encode(auth.nkeySeed));
  return usernamePasswordAuthenticator(auth.user, auth.password);
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
      ...(options.auth ? { authenticator: authenticator(options.auth) } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
      // No stack trace captured per request for errors that are almost never thrown: a visible share
      // of a request's CPU in intake's benchmark (its README, Performance).
      noAsyncTraces: true,
    });
  } catch (error) {
    throw connectError(servers, options.auth, error);
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

/** The real cause of a failed first connection: credentials, TLS, or an unreachable server. */
function connectError(servers: string[], auth: NatsAuth | undefined, error: unknown): Error {
  const text = messages(error);
  const authorization = /authorization violation|authentication expired|user authentication revoked/i.exec(
    text,
  );
  if (authorization) return new NatsAuthorizationError(servers, authorization[0], auth, { cause: error });
  const tls = /tls|ssl|certificate|self.signed|handshake/i.exec(text);
  if (tls) return new NatsTlsError(servers, firstLine(text), { cause: error });
  return new NatsUnavailableError(servers, errorCode(error), { cause: error });
}

/** The messages of an error and its causes, joined (the cause may come from another realm). */
function messages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof message === 'string') parts.push(message);
    if (typeof code === 'string') parts.push(code);
    current = cause;
  }
  return parts.join(' | ');
}

function firstLine(text: string): string {
  return text.split(' | ')[0] ?? text;
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
