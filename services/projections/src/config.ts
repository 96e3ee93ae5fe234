import { env, serviceConfigSchema } from '@chp/platform';

/**
 * The projections service's environment: the platform base (SERVICE_NAME, LOG_LEVEL, NATS_URL,
 * JWT_*, OTEL_EXPORTER_OTLP_ENDPOINT, SHUTDOWN_TIMEOUT) plus its own variables.
 */
export const projectionsConfigSchema = serviceConfigSchema('projections', {
  PORT: env.port().prefault('3003'),
  /** `pglite://<dir>` (embedded, the default) or `postgres://…`. */
  READ_MODEL_URL: env
    .string()
    .regex(/^(postgres|postgresql|pglite):\/\/.+/, 'expected postgres://… or pglite://<dir>')
    .prefault('pglite://./.data/projections'),
  /** The complaints service, whose `/internal/v1/events` feed rebuilds and repairs read. */
  COMPLAINTS_URL: env.url(['http', 'https']).prefault('http://127.0.0.1:3002'),
  /** A bearer token (role service) for the feed; when unset one is signed per page (below). */
  COMPLAINTS_TOKEN: env.string().optional(),
  /**
   * HS256 key of the feed tokens, shared with complaints alone: a token it signs reads the feed and
   * nothing more. Without it (and without COMPLAINTS_TOKEN) the feed token is signed with JWT_SECRET.
   */
  FEED_TOKEN_SECRET: env.secret(32).optional(),
  /** The durable consumer name, shared by all replicas. */
  CONSUMER_DURABLE: env.string().prefault('projections'),
  /** Events per read-model transaction at most (reached while catching up; see DEFAULT_MAX_BATCH). */
  BATCH_SIZE: env
    .string()
    .regex(/^\d{1,5}$/, 'expected a number of events')
    .transform(Number)
    .prefault('4000'),
  /** A complaint due within this window shows `atRisk` in lists. */
  AT_RISK_WINDOW: env.duration().prefault('2h'),
});

export type ProjectionsConfig = ReturnType<typeof projectionsConfigSchema.parse>;
