import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertJsonTextDepth, decodeStrictUtf8, JsonBoundsError, MAX_JSON_DEPTH } from '@chp/contracts';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { type AuthOptions, authenticate, createTokenVerifier, type TokenVerifier } from './auth.js';
import { healthRouter, type ReadinessCheck } from './health.js';
import { ensureDefaultMetrics, httpMetrics, metricsHandler } from './metrics.js';
import { HttpProblem, notFoundHandler, problemHandler } from './problems.js';
import { routeOf } from './route.js';
import { cachingVerifier } from './token-cache.js';
import { httpTracing } from './tracing.js';

export interface HttpAppOptions {
  /** The service name: the auth realm and a log field. */
  service: string;
  logger?: Logger;
  /** JSON body limit (bytes or `'256kb'`); larger bodies get 413. Default `'256kb'`. */
  bodyLimit?: string | number;
  /** Bearer token verification; without it `requireRole` answers 401 to everyone. */
  auth?: AuthOptions | TokenVerifier;
  /** Named checks behind `/readyz`. */
  readiness?: Record<string, ReadinessCheck>;
  /** Per readiness check. Default 2000 ms. */
  readinessTimeoutMs?: number;
  /** express's `trust proxy`, for `req.ip` and `req.protocol` behind a load balancer. */
  trustProxy?: boolean | number | string;
  /**
   * When set, `GET /metrics` answers only `Authorization: Bearer <metricsToken>` (401 otherwise).
   * Default: the `METRICS_TOKEN` environment variable; unset, `/metrics` is open (development).
   */
  metricsToken?: string | undefined;
}

const jsonTypes = ['application/json', 'application/*+json'];

// A non-JSON body would reach handlers as `undefined` and read as "body is required"; say why instead.
const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  // `Content-Length: 0` (a bodiless POST command) is no body, though type-is counts it as one.
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && req.is(jsonTypes) === false) {
    throw new HttpProblem({
      status: 415,
      kind: 'unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: `Send the body as application/json, not ${req.headers['content-type'] ?? 'without a Content-Type'}`,
    });
  }
  next();
};

const bodyProblem = (detail: string, code: string) =>
  new HttpProblem({
    status: 400,
    kind: 'validation',
    title: 'Invalid request',
    detail: `The request body ${detail}`,
    extensions: { errors: [{ in: 'body', pointer: '#', detail, code }] },
  });

/**
 * Checks the raw JSON body before it is decoded and parsed: invalid UTF-8 is refused (the decoder
 * would replace it silently, and NATS refuses the same bytes), and so is nesting deeper than
 * {@link MAX_JSON_DEPTH} (handlers walk bodies recursively; a stack overflow would be a 500).
 * body-parser passes what this throws on with its status.
 */
function verifyJsonBody(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  try {
    if (encoding.toLowerCase() === 'utf-8' || encoding.toLowerCase() === 'utf8') decodeStrictUtf8(body);
    assertJsonTextDepth(body);
  } catch (error) {
    if (!(error instanceof JsonBoundsError)) throw error;
    throw error.kind === 'not_utf8'
      ? bodyProblem('is not valid UTF-8', 'invalid_utf8')
      : bodyProblem(`is nested deeper than ${MAX_JSON_DEPTH} levels`, 'too_deep');
  }
}

/** `/metrics` behind a bearer token, compared in constant time. */
function metricsGuard(token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, _res, next) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    throw new HttpProblem({
      status: 401,
      kind: 'unauthorized',
      title: 'Unauthorized',
      detail: '/metrics needs the metrics token (METRICS_TOKEN) as a bearer token',
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
  };
}

function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug({ method: req.method, route: routeOf(req), status: res.statusCode, ms }, 'request');
    });
    next();
  };
}

function isVerifier(auth: AuthOptions | TokenVerifier): auth is TokenVerifier {
  return typeof (auth as TokenVerifier).verify === 'function';
}

/**
 * An express 5 app with health, readiness and metrics endpoints, server spans, request metrics, a
 * JSON body parser and bearer authentication. Mount routers on it, then `finalize` it (or `listen`,
 * which does) to add the 404 and problem+json error handlers.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  app.locals.realm = options.service;
  app.locals.logger = options.logger;

  ensureDefaultMetrics();
  // Probes and scrapes come first: they need no body, no auth, and would only add noise to traces.
  app.use(
    healthRouter({ readiness: options.readiness ?? {}, timeoutMs: options.readinessTimeoutMs ?? 2_000 }),
  );
  const metricsToken = options.metricsToken ?? process.env.METRICS_TOKEN;
  if (metricsToken) app.get('/metrics', metricsGuard(metricsToken), metricsHandler());
  else app.get('/metrics', metricsHandler());

  app.use(httpTracing(), httpMetrics());
  if (options.logger) app.use(requestLog(options.logger));
  app.use(
    jsonBodiesOnly,
    express.json({ limit: options.bodyLimit ?? '256kb', type: jsonTypes, verify: verifyJsonBody }),
  );
  if (options.auth) {
    const verifier = isVerifier(options.auth)
      ? options.auth
      : cachingVerifier(createTokenVerifier({ realm: options.service, ...options.auth }));
    app.use(authenticate(verifier));
  }
  return app;
}

/** Adds the 404 and problem+json error handlers after the service's routes. Idempotent. */
export function finalize(app: Express): Express {
  if (app.locals.finalized) return app;
  app.locals.finalized = true;
  app.use(notFoundHandler());
  app.use(problemHandler(app.locals.logger as Logger | undefined));
  return app;
}

/**
 * Finalizes the app and listens; resolves once the port is bound (port 0 picks a free one). Without
 * `host` it binds every interface, IPv6 included.
 */
export function listen(app: Express, port: number, host?: string): Promise<Server> {
  finalize(app);
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    const bound = () => {
      server.off('error', reject);
      resolve(server);
    };
    server.once('error', reject);
    if (host === undefined) server.listen(port, bound);
    else server.listen(port, host, bound);
  });
}

/** `http://127.0.0.1:<port>` of a listening server, for tests and start-up logs. */
export function urlOf(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address) throw new Error('The server is not listening');
  return `http://127.0.0.1:${address.port}`;
}
