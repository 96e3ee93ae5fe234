import { z } from 'zod';
import {
  authOptionsFrom,
  baseConfigSchema,
  ConfigError,
  env,
  envVarNames,
  loadConfig,
  loadConfigOrExit,
  parseDuration,
  rateLimitFrom,
  serverLimitsFrom,
  serviceConfigSchema,
  serviceWithoutApiConfigSchema,
  trustProxyFrom,
} from '../src/index.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const minimal = { SERVICE_NAME: 'intake', JWT_SECRET: secret };

function problemsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError)
      return Object.fromEntries(error.problems.map((p) => [p.variable, p.reason]));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('env building blocks', () => {
  it('parses durations with a unit into milliseconds and refuses bare numbers', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('parses booleans, lists, ports and log levels', () => {
    const schema = z.object({
      ON: env.boolean(),
      OFF: env.boolean(),
      TAGS: env.list(z.string()),
      PORT: env.port(),
      LEVEL: env.logLevel(),
    });
    expect(schema.parse({ ON: 'TRUE', OFF: '0', TAGS: 'a, b,,c ', PORT: '8080', LEVEL: 'Debug' })).toEqual({
      ON: true,
      OFF: false,
      TAGS: ['a', 'b', 'c'],
      PORT: 8080,
      LEVEL: 'debug',
    });
  });

  it('checks URL schemes', () => {
    const schema = env.url(['nats']);
    expect(schema.parse('nats://localhost:4222')).toBe('nats://localhost:4222');
    expect(schema.safeParse('http://localhost:4222').error?.issues[0]?.message).toBe(
      'expected a nats:// URL, got http://',
    );
    expect(schema.safeParse('not a url').success).toBe(false);
  });
});

describe('loadConfig', () => {
  it('returns typed config with defaults', () => {
    const config = loadConfig(baseConfigSchema, minimal);
    expect(config).toEqual({
      SERVICE_NAME: 'intake',
      LOG_LEVEL: 'info',
      PORT: 3000,
      NATS_URL: ['nats://127.0.0.1:4222'],
      JWT_SECRET: secret,
      JWT_MAX_LIFETIME: 86_400_000,
      SHUTDOWN_TIMEOUT: 10_000,
      HTTP_HEADERS_TIMEOUT: 10_000,
      HTTP_REQUEST_TIMEOUT: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT: 5_000,
      HTTP_MAX_CONNECTIONS: 1_000,
      RATE_LIMIT_PER_SECOND: 500,
      RATE_LIMIT_BURST: 1_000,
      RATE_LIMIT_ANONYMOUS_PER_SECOND: 10,
      RATE_LIMIT_ANONYMOUS_BURST: 50,
    });
  });

  it('names every offending variable with the reason, and never echoes a value', () => {
    const source = {
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      NATS_URL: 'nats://a:4222,http://b:4222',
      SHUTDOWN_TIMEOUT: '10',
      JWT_SECRET: 'short-secret',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
    };
    let error: ConfigError | undefined;
    try {
      loadConfig(baseConfigSchema, source);
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.reason]));
    expect(problems).toEqual({
      SERVICE_NAME: 'missing (required)',
      PORT: 'expected a port number (0-65535)',
      LOG_LEVEL: 'expected one of fatal, error, warn, info, debug, trace, silent',
      NATS_URL: 'item 2: expected a nats:// or tls:// or ws:// or wss:// URL, got http://',
      SHUTDOWN_TIMEOUT: 'expected a duration like 500ms, 30s, 2m, 1h or 1d',
      JWT_SECRET: 'must be at least 32 characters',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'expected a http:// or https:// URL, got collector://',
    });
    expect((error as ConfigError).message).toContain('PORT: expected a port number');
    expect((error as ConfigError).message).not.toContain('short-secret');
  });

  it('requires exactly one of JWT_SECRET and JWT_JWKS_URL, alongside other problems', () => {
    expect(problemsOf(() => loadConfig(baseConfigSchema, { PORT: 'x' }))).toEqual({
      SERVICE_NAME: 'missing (required)',
      PORT: 'expected a port number (0-65535)',
      JWT_SECRET: 'set exactly one of JWT_SECRET (HS256) or JWT_JWKS_URL',
    });
    const both = { ...minimal, JWT_JWKS_URL: 'https://idp.example/jwks.json' };
    expect(problemsOf(() => loadConfig(baseConfigSchema, both))).toEqual({
      JWT_SECRET: 'set exactly one of JWT_SECRET (HS256) or JWT_JWKS_URL',
    });
    const jwks = loadConfig(baseConfigSchema, {
      SERVICE_NAME: 'x',
      JWT_JWKS_URL: 'https://idp.example/jwks.json',
    });
    expect(jwks.JWT_JWKS_URL).toBe('https://idp.example/jwks.json');
  });

  it('treats blank values as unset', () => {
    const config = loadConfig(baseConfigSchema, { ...minimal, PORT: '', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' });
    expect(config.PORT).toBe(3000);
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('extends the base per service and lists the variables it reads', () => {
    const schema = serviceConfigSchema('projections', {
      READ_MODEL_URL: env.url(['postgres', 'pglite']).prefault('pglite://./.data/read'),
      PORT: env.port().prefault('3004'),
    });
    const config = loadConfig(schema, { JWT_SECRET: secret });
    expect(config.SERVICE_NAME).toBe('projections');
    expect(config.PORT).toBe(3004);
    expect(config.READ_MODEL_URL).toBe('pglite://./.data/read');
    expect(authOptionsFrom(config)).toEqual({ secret, maxLifetimeSeconds: 86_400 });
    expect(envVarNames(schema)).toEqual([
      'HTTP_HEADERS_TIMEOUT',
      'HTTP_KEEP_ALIVE_TIMEOUT',
      'HTTP_MAX_CONNECTIONS',
      'HTTP_REQUEST_TIMEOUT',
      'JWT_AUDIENCE',
      'JWT_ISSUER',
      'JWT_JWKS_URL',
      'JWT_MAX_LIFETIME',
      'JWT_SECRET',
      'LOG_LEVEL',
      'METRICS_TOKEN',
      'NATS_CREDS',
      'NATS_NKEY_SEED',
      'NATS_PASSWORD',
      'NATS_TLS_CA',
      'NATS_TLS_CERT',
      'NATS_TLS_KEY',
      'NATS_URL',
      'NATS_USER',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'PORT',
      'RATE_LIMITS',
      'RATE_LIMIT_ANONYMOUS_BURST',
      'RATE_LIMIT_ANONYMOUS_PER_SECOND',
      'RATE_LIMIT_BURST',
      'RATE_LIMIT_PER_SECOND',
      'READ_MODEL_URL',
      'SERVICE_NAME',
      'SHUTDOWN_TIMEOUT',
      'TRUST_PROXY',
    ]);
    expect(problemsOf(() => loadConfig(schema, {}))).toEqual({
      JWT_SECRET: 'set exactly one of JWT_SECRET (HS256) or JWT_JWKS_URL',
    });
  });
});

describe('loadConfigOrExit', () => {
  it('prints the report and exits 1', () => {
    const written: string[] = [];
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    expect(() =>
      loadConfigOrExit(baseConfigSchema, { env: {}, write: (t) => written.push(t), exit }),
    ).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    const report = written.join('');
    expect(report).toContain('Invalid configuration (2 problems):');
    expect(report).toContain('  SERVICE_NAME: missing (required)\n');
    expect(report).toContain('  JWT_SECRET: set exactly one of JWT_SECRET (HS256) or JWT_JWKS_URL\n');
  });

  it('returns the config when it is valid', () => {
    expect(loadConfigOrExit(baseConfigSchema, { env: minimal }).SERVICE_NAME).toBe('intake');
  });
});

describe('the HTTP edge settings', () => {
  it('gives the server limits, the rate limits and the proxy setting in the shapes the kit takes', () => {
    const config = loadConfig(baseConfigSchema, {
      ...minimal,
      HTTP_HEADERS_TIMEOUT: '5s',
      HTTP_MAX_CONNECTIONS: '200',
      RATE_LIMITS: 'partner-a=100:200, partner-b=0.5:2',
      TRUST_PROXY: '1',
      JWT_MAX_LIFETIME: '8h',
    });
    expect(serverLimitsFrom(config)).toEqual({
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 200,
    });
    expect(rateLimitFrom(config)).toEqual({
      client: { perSecond: 500, burst: 1_000 },
      anonymous: { perSecond: 10, burst: 50 },
      clients: { 'partner-a': { perSecond: 100, burst: 200 }, 'partner-b': { perSecond: 0.5, burst: 2 } },
    });
    expect(trustProxyFrom(config)).toEqual({ trustProxy: 1 });
    expect(authOptionsFrom(config).maxLifetimeSeconds).toBe(8 * 3600);
  });

  it('refuses headers allowed longer than the request, and bad client limits', () => {
    expect(
      problemsOf(() =>
        loadConfig(baseConfigSchema, {
          ...minimal,
          HTTP_HEADERS_TIMEOUT: '1m',
          RATE_LIMITS: 'partner-a=fast',
        }),
      ),
    ).toEqual({
      HTTP_HEADERS_TIMEOUT: 'must not be longer than HTTP_REQUEST_TIMEOUT',
      RATE_LIMITS: 'expected <subject>=<perSecond>:<burst>, e.g. partner-a=100:200',
    });
  });

  it('gives a service without an API no token variables at all', () => {
    const schema = serviceWithoutApiConfigSchema('notifications', {});
    expect(envVarNames(schema).filter((name) => /^(JWT|RATE_LIMIT)/.test(name))).toEqual([]);
    expect(loadConfig(schema, {}).SERVICE_NAME).toBe('notifications');
  });
});

describe('NATS credentials and TLS', () => {
  const seed = `SU${'A'.repeat(56)}`;

  it('takes one kind of credentials and the TLS files', () => {
    const config = loadConfig(serviceConfigSchema('intake', {}), {
      ...minimal,
      NATS_NKEY_SEED: seed,
      NATS_TLS_CA: '/etc/chp/nats-tls/ca.crt',
    });
    expect(config).toMatchObject({ NATS_NKEY_SEED: seed, NATS_TLS_CA: '/etc/chp/nats-tls/ca.crt' });
  });

  it('refuses two kinds at once, a user without a password, a malformed seed, and half a client certificate', () => {
    expect(
      problemsOf(() =>
        loadConfig(baseConfigSchema, { ...minimal, NATS_NKEY_SEED: seed, NATS_CREDS: '/x.creds' }),
      ),
    ).toEqual({
      NATS_CREDS: 'set one of NATS_CREDS, NATS_NKEY_SEED or NATS_USER with NATS_PASSWORD',
    });
    expect(problemsOf(() => loadConfig(baseConfigSchema, { ...minimal, NATS_USER: 'intake' }))).toEqual({
      NATS_CREDS: 'set one of NATS_CREDS, NATS_NKEY_SEED or NATS_USER with NATS_PASSWORD',
    });
    expect(problemsOf(() => loadConfig(baseConfigSchema, { ...minimal, NATS_NKEY_SEED: 'SUshort' }))).toEqual(
      {
        NATS_NKEY_SEED: 'expected an NKEY user seed (SU followed by 56 base32 characters)',
      },
    );
    expect(
      problemsOf(() => loadConfig(baseConfigSchema, { ...minimal, NATS_TLS_CERT: '/client.crt' })),
    ).toEqual({
      NATS_TLS_CERT: 'set NATS_TLS_CERT and NATS_TLS_KEY together (mutual TLS)',
    });
  });
});
