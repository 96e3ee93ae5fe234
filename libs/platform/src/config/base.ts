import { z } from 'zod';
import type { AuthOptions, RateLimit, RateLimitOptions, ServerLimits } from '../http/index.js';
import { env } from './env.js';

const natsProtocols = ['nats', 'tls', 'ws', 'wss'] as const;
const httpProtocols = ['http', 'https'] as const;

const positiveNumber = () =>
  env
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a positive number')
    .transform(Number)
    .refine((n) => n > 0, 'expected a positive number');

const positiveInteger = () =>
  env
    .string()
    .regex(/^[1-9]\d*$/, 'expected a positive integer')
    .transform(Number);

/** `partner-a=100:200,partner-b=5:10`: per token subject, requests per second and burst. */
const clientLimits = () =>
  env.string().transform((text, ctx) => {
    const out: Record<string, RateLimit> = {};
    for (const part of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^([^=\s]+)=(\d+(?:\.\d+)?):(\d+)$/.exec(part);
      if (!match || Number(match[2]) <= 0 || Number(match[3]) < 1) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected <subject>=<perSecond>:<burst>, e.g. partner-a=100:200',
        });
        return z.NEVER;
      }
      out[match[1] as string] = { perSecond: Number(match[2]), burst: Number(match[3]) };
    }
    return out;
  });

/** The variables every service reads. Extend it with `serviceConfigSchema`. */
export const baseConfigShape = {
  SERVICE_NAME: env.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case name like "intake"'),
  LOG_LEVEL: env.logLevel().prefault('info'),
  PORT: env.port().prefault('3000'),
  /** One or more servers, comma-separated; parsed to an array for `connect({ servers })`. */
  NATS_URL: env.urlList(natsProtocols).prefault('nats://127.0.0.1:4222'),
  /** NATS credentials, one kind: a `.creds` file (JWT user), an NKEY seed, or a user and password. */
  NATS_CREDS: env.string().optional(),
  NATS_NKEY_SEED: env
    .secret()
    .regex(/^SU[A-Z2-7]{56}$/, 'expected an NKEY user seed (SU followed by 56 base32 characters)')
    .optional(),
  NATS_USER: env.string().optional(),
  NATS_PASSWORD: env.secret().optional(),
  /** TLS to NATS: the CA that signed the server's certificate; cert and key for mutual TLS. */
  NATS_TLS_CA: env.string().optional(),
  NATS_TLS_CERT: env.string().optional(),
  NATS_TLS_KEY: env.string().optional(),
  /** Traces go over OTLP/HTTP to `<endpoint>/v1/traces` when set; tracing is off otherwise. */
  OTEL_EXPORTER_OTLP_ENDPOINT: env.url(httpProtocols).optional(),
  /**
   * Bearer token that `GET /metrics` requires (Prometheus' `authorization.credentials`). Unset,
   * `/metrics` is open: set it wherever the service port is reachable by others.
   */
  METRICS_TOKEN: env.secret(16).optional(),
  /** How long graceful shutdown may take before the process exits 1. */
  SHUTDOWN_TIMEOUT: env.duration().prefault('10s'),
  /** Time a client has to send a request's headers (slow-loris clients are cut off). */
  HTTP_HEADERS_TIMEOUT: env.duration().prefault('10s'),
  /** Time a client has to send a whole request, body included. */
  HTTP_REQUEST_TIMEOUT: env.duration().prefault('30s'),
  /** An idle keep-alive connection is closed after this; above a load balancer's idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT: env.duration().prefault('5s'),
  /** Open HTTP connections at most. */
  HTTP_MAX_CONNECTIONS: positiveInteger().prefault('1000'),
};

/** The variables of a service with an API: bearer tokens and rate limits. */
export const apiConfigShape = {
  /** HS256 shared secret. 32 characters at least: shorter HMAC keys are guessable offline. */
  JWT_SECRET: env.secret(32).optional(),
  JWT_JWKS_URL: env.url(httpProtocols).optional(),
  /** Required in every token, and checked, when set. */
  JWT_ISSUER: env.string().optional(),
  /** Required in every token, and checked, when set. */
  JWT_AUDIENCE: env.string().optional(),
  /** Longest life of a token (`exp` - `iat`); every token needs `exp`. */
  JWT_MAX_LIFETIME: env.duration().prefault('24h'),
  /** Requests per second and burst of each client (token subject). */
  RATE_LIMIT_PER_SECOND: positiveNumber().prefault('500'),
  RATE_LIMIT_BURST: positiveInteger().prefault('1000'),
  /** Requests per second and burst of each address without a valid token (public routes, bad tokens). */
  RATE_LIMIT_ANONYMOUS_PER_SECOND: positiveNumber().prefault('10'),
  RATE_LIMIT_ANONYMOUS_BURST: positiveInteger().prefault('50'),
  /** Per-client overrides, `partner-a=100:200,partner-b=5:10`. */
  RATE_LIMITS: clientLimits().optional(),
  /** express's `trust proxy` (`1`, `loopback`, a subnet): the client address behind a load balancer. */
  TRUST_PROXY: env.string().optional(),
};

// Exactly one key source: with both set, which one signs our tokens would be a guess.
const oneJwtKey = [
  (value: { JWT_SECRET?: unknown; JWT_JWKS_URL?: unknown }) =>
    (value.JWT_SECRET === undefined) !== (value.JWT_JWKS_URL === undefined),
  {
    path: ['JWT_SECRET'] as PropertyKey[],
    message: 'set exactly one of JWT_SECRET (HS256) or JWT_JWKS_URL',
    // Run even when other variables failed, so that one report names every problem.
    when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
  },
] as const;

const headersWithinRequest = [
  (value: { HTTP_HEADERS_TIMEOUT?: unknown; HTTP_REQUEST_TIMEOUT?: unknown }) =>
    typeof value.HTTP_HEADERS_TIMEOUT !== 'number' ||
    typeof value.HTTP_REQUEST_TIMEOUT !== 'number' ||
    value.HTTP_HEADERS_TIMEOUT <= value.HTTP_REQUEST_TIMEOUT,
  {
    path: ['HTTP_HEADERS_TIMEOUT'] as PropertyKey[],
    message: 'must not be longer than HTTP_REQUEST_TIMEOUT',
    when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
  },
] as const;

type NatsAuthVariables = Partial<
  Record<
    'NATS_CREDS' | 'NATS_NKEY_SEED' | 'NATS_USER' | 'NATS_PASSWORD' | 'NATS_TLS_CERT' | 'NATS_TLS_KEY',
    unknown
  >
>;
const isObject = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;

// One kind of NATS credentials: with two, which one the server checks would be a guess.
const oneNatsCredential = [
  (value: NatsAuthVariables) =>
    [value.NATS_CREDS, value.NATS_NKEY_SEED, value.NATS_USER ?? value.NATS_PASSWORD].filter(
      (given) => given !== undefined,
    ).length <= 1 && (value.NATS_USER === undefined) === (value.NATS_PASSWORD === undefined),
  {
    path: ['NATS_CREDS'] as PropertyKey[],
    message: 'set one of NATS_CREDS, NATS_NKEY_SEED or NATS_USER with NATS_PASSWORD',
    when: isObject,
  },
] as const;

const tlsPair = [
  (value: NatsAuthVariables) => (value.NATS_TLS_CERT === undefined) === (value.NATS_TLS_KEY === undefined),
  {
    path: ['NATS_TLS_CERT'] as PropertyKey[],
    message: 'set NATS_TLS_CERT and NATS_TLS_KEY together (mutual TLS)',
    when: isObject,
  },
] as const;

/** Every variable of a service with an API (the base and `apiConfigShape`). */
export const baseConfigSchema = z
  .object({ ...baseConfigShape, ...apiConfigShape })
  .refine(...oneJwtKey)
  .refine(...headersWithinRequest)
  .refine(...oneNatsCredential)
  .refine(...tlsPair);

/**
 * The base schema, the API's variables (tokens, rate limits) and a service's own variables, with
 * `SERVICE_NAME` defaulting to `service`. Extra variables may override base ones (for example a
 * different default `PORT`).
 */
export function serviceConfigSchema<T extends z.ZodRawShape>(service: string, extra: T) {
  return z
    .object({
      ...baseConfigShape,
      ...apiConfigShape,
      SERVICE_NAME: baseConfigShape.SERVICE_NAME.prefault(service),
      ...extra,
    })
    .refine(...oneJwtKey)
    .refine(...headersWithinRequest)
    .refine(...oneNatsCredential)
    .refine(...tlsPair);
}

/**
 * For a service that verifies no tokens (only probes and metrics over HTTP): no JWT key to leak, so
 * deploy files that hand it one fail the drift checks.
 */
export function serviceWithoutApiConfigSchema<T extends z.ZodRawShape>(service: string, extra: T) {
  return z
    .object({ ...baseConfigShape, SERVICE_NAME: baseConfigShape.SERVICE_NAME.prefault(service), ...extra })
    .refine(...headersWithinRequest)
    .refine(...oneNatsCredential)
    .refine(...tlsPair);
}

export type BaseConfig = z.output<z.ZodObject<typeof baseConfigShape>>;
export type ApiConfig = BaseConfig & z.output<z.ZodObject<typeof apiConfigShape>>;

/** The HTTP server's limits of a parsed config, in the shape `listen` takes. */
export function serverLimitsFrom(config: BaseConfig): ServerLimits {
  return {
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
  };
}

/** The rate limits of a parsed config, in the shape `createHttpApp({ rateLimit })` takes. */
export function rateLimitFrom(config: ApiConfig): RateLimitOptions {
  return {
    client: { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST },
    anonymous: {
      perSecond: config.RATE_LIMIT_ANONYMOUS_PER_SECOND,
      burst: config.RATE_LIMIT_ANONYMOUS_BURST,
    },
    ...(config.RATE_LIMITS ? { clients: config.RATE_LIMITS } : {}),
  };
}

/** express's `trust proxy` from `TRUST_PROXY` (a hop count, true/false, or addresses), to spread into options. */
export function trustProxyFrom(config: Pick<ApiConfig, 'TRUST_PROXY'>): {
  trustProxy?: boolean | number | string;
} {
  const value = config.TRUST_PROXY;
  if (value === undefined) return {};
  if (/^\d+$/.test(value)) return { trustProxy: Number(value) };
  if (value === 'true' || value === 'false') return { trustProxy: value === 'true' };
  return { trustProxy: value };
}

/** The JWT settings of a parsed config, in the shape `createHttpApp({ auth })` takes. */
export function authOptionsFrom(config: ApiConfig): AuthOptions {
  return {
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME / 1000,
    ...(config.JWT_SECRET ? { secret: config.JWT_SECRET } : {}),
    ...(config.JWT_JWKS_URL ? { jwksUrl: config.JWT_JWKS_URL } : {}),
    ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
    ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
  };
}
