import { z } from 'zod';
import type { AuthOptions } from '../http/index.js';
import { env } from './env.js';

const natsProtocols = ['nats', 'tls', 'ws', 'wss'] as const;
const httpProtocols = ['http', 'https'] as const;

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
  /** HS256 shared secret. 32 characters at least: shorter HMAC keys are guessable offline. */
  JWT_SECRET: env.secret(32).optional(),
  JWT_JWKS_URL: env.url(httpProtocols).optional(),
  JWT_ISSUER: env.string().optional(),
  JWT_AUDIENCE: env.string().optional(),
  /** Traces go over OTLP/HTTP to `<endpoint>/v1/traces` when set; tracing is off otherwise. */
  OTEL_EXPORTER_OTLP_ENDPOINT: env.url(httpProtocols).optional(),
  /** How long graceful shutdown may take before the process exits 1. */
  SHUTDOWN_TIMEOUT: env.duration().prefault('10s'),
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

export const baseConfigSchema = z
  .object(baseConfigShape)
  .refine(...oneJwtKey)
  .refine(...oneNatsCredential)
  .refine(...tlsPair);

/**
 * The base schema plus a service's own variables, with `SERVICE_NAME` defaulting to `service`.
 * Extra variables may override base ones (for example a different default `PORT`).
 */
export function serviceConfigSchema<T extends z.ZodRawShape>(service: string, extra: T) {
  return z
    .object({ ...baseConfigShape, SERVICE_NAME: baseConfigShape.SERVICE_NAME.prefault(service), ...extra })
    .refine(...oneJwtKey)
    .refine(...oneNatsCredential)
    .refine(...tlsPair);
}

export type BaseConfig = z.output<typeof baseConfigSchema>;

/** The JWT settings of a parsed config, in the shape `createHttpApp({ auth })` takes. */
export function authOptionsFrom(config: BaseConfig): AuthOptions {
  return {
    ...(config.JWT_SECRET ? { secret: config.JWT_SECRET } : {}),
    ...(config.JWT_JWKS_URL ? { jwksUrl: config.JWT_JWKS_URL } : {}),
    ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
    ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
  };
}
