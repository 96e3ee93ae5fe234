import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertJsonTextDepth, decodeStrictUtf8, JsonBoundsError, MAX_JSON_DEPTH } from '@chp/contracts';
import express, { type Express, type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { type AuthOptions, authenticate, createTokenVerifier, type TokenVerifier } from './auth.js';
import { healthRouter, type ReadinessCheck } from './health.js';
import { ensureDefaultMetrics, httpMetrics, metricsHandler } from './metrics.js';
import { HttpProblem, notFoundHandler, problemHandler } from './problems.js';
import { createRateLimiter, type RateLimiter, type RateLimitOptions, rateLimit } from './rate-limit.js';
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
  /**
   * Token buckets per client (token subject, else address), taken after authentication and before
   * any body is read; a refused token is charged to the sender's address. None when unset.
   */
  rateLimit?: RateLimitOptions | RateLimiter;
  /**
   * Routers whose bodies are not JSON (raw mail, HTML forms): mounted after authentication and the
   * rate limit, before the JSON parser (which answers 415 to other media types).
   */
  rawRouters?: readonly Router[];
}

const jsonTypes = ['application/json', 'application/*+json'];

function isLimiter(limit: RateLimitOptions | RateLimiter): limit is RateLimiter {
  return typeof (limit as RateLimiter).take === 'function';
}

// With auth, an anonymous request's body is not read: a protected route answers 401 before parsing,
// and nobody without a token makes the service parse (or wait for) a large or slow body. A public
// route that takes JSON parses it itself with `jsonBody`.
const onlyAuthenticated =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    req.actor ? handler(req, res, next) : next();

// A non-JSON body would reach handlers as `undefined` and read as "body is required"; say why instead.
function assertJsonBody(req: Request): void {
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
}

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
 * An express 5 app with health, readiness and metrics endpoints, server spans, request metrics,
 * bearer authentication, a per-client rate limit and a JSON body parser, in that order. Mount routers
 * on it, then `finalize` it (or `listen`, which does) to add the 404 and problem+json error handlers.
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
  // Authentication and the rate limit come before any body is read: a bad token, a flood or a wrong
  // content type costs the sender's bucket and not the parser's time.
  const limiter = options.rateLimit
    ? isLimiter(options.rateLimit)
      ? options.rateLimit
      : createRateLimiter(options.rateLimit)
    : undefined;
  if (options.auth) {
    const verifier = isVerifier(options.auth)
      ? options.auth
      : cachingVerifier(createTokenVerifier({ realm: options.service, ...options.auth }));
    app.use(authenticate(verifier, limiter ? { onRefused: (req) => limiter.takeAnonymous(req) } : {}));
  }
  if (limiter) app.use(rateLimit(limiter));
  for (const router of options.rawRouters ?? []) app.use(router);
  const parse = jsonBody(options.bodyLimit);
  app.use(options.auth ? onlyAuthenticated(parse) : parse);
  return app;
}

/** The kit's JSON body parsing (415 for other media types), for a public route in an app with auth. */
export function jsonBody(limit: string | number = '256kb'): RequestHandler {
  const parse = express.json({ limit, type: jsonTypes, verify: verifyJsonBody });
  return (req, res, next) => {
    assertJsonBody(req);
    parse(req, res, next);
  };
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
 * Limits of the HTTP server against slow and greedy clients. Node's defaults would let a client take
 * 60 s to send its headers, 300 s for the whole request, and open connections without bound.
 */
export interface ServerLimits {
  /** Time to receive a request's headers; a slow-loris client is cut off with 408. Default 10 s. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (not the response). Default 30 s. */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this. Default 5 s. */
  keepAliveTimeoutMs?: number;
  /** Open connections at most; more are closed at once. Default 1,000. */
  maxConnections?: number;
}

export const defaultServerLimits: Required<ServerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/**
 * Finalizes the app and listens; resolves once the port is bound (port 0 picks a free one). Without
 * `host` it binds every interface, IPv6 included. `limits` bound slow and greedy clients.
 */
export function listen(
  app: Express,
  port: number,
  host?: string,
  limits: ServerLimits = {},
): Promise<Server> {
  finalize(app);
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections } = {
    ...defaultServerLimits,
    ...limits,
  };
  if (headersTimeoutMs > requestTimeoutMs) {
    return Promise.reject(
      new RangeError(
        `headersTimeoutMs (${headersTimeoutMs}) must not exceed requestTimeoutMs (${requestTimeoutMs})`,
      ),
    );
  }
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // Node looks for overdue requests at this interval (30 s by default), which would let a slow
      // client keep its connection up to 30 s past the timeouts.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeoutMs / 2))),
    },
    app,
  );
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.maxConnections = maxConnections;
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
