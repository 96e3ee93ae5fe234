import { env, serviceConfigSchema } from '@chp/platform';

const sqlUrl = (what: string) =>
  env
    .string()
    .refine(
      (url) => /^(postgres|postgresql|pglite):\/\//i.test(url),
      `${what}: expected postgres://… or pglite://<dir>`,
    );

/**
 * The knowledge service's environment: the platform base (SERVICE_NAME, LOG_LEVEL, NATS_URL, JWT_*,
 * RATE_LIMIT_*, …) plus its own variables.
 */
export const knowledgeConfigSchema = serviceConfigSchema('knowledge', {
  PORT: env.port().prefault('3005'),
  /** The event store: `pglite://<dir>` (embedded, the default) or `postgres://…`. */
  EVENT_STORE_URL: sqlUrl('EVENT_STORE_URL').prefault('pglite://./.data/knowledge'),
  /** The read model (search, statistics): `pglite://<dir>` (the default) or `postgres://…`. */
  READ_MODEL_URL: sqlUrl('READ_MODEL_URL').prefault('pglite://./.data/knowledge-read'),
  /** Relay events from the store to JetStream `KNOWLEDGE` (`knowledge.events.*`). */
  RELAY_ENABLED: env.boolean().prefault('true'),
  /** JetStream replicas of the KNOWLEDGE stream (3 in a cluster). */
  JETSTREAM_REPLICAS: env
    .string()
    .regex(/^[1-5]$/, 'expected 1 to 5')
    .transform(Number)
    .prefault('1'),
});

export type KnowledgeConfig = ReturnType<typeof knowledgeConfigSchema.parse>;
