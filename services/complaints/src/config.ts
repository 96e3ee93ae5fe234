import { supportedEventStoreSchemes } from '@chp/eventstore';
import { env, serviceConfigSchema } from '@chp/platform';
import { z } from 'zod';
import { DEFAULT_RETENTION_POLICY, parseRetentionPolicy } from './retention/index.js';

const storeSchemes = ['esdb', 'esdb+discover', 'postgres', 'postgresql', 'pglite', 'memory'];

/** `EVENT_STORE_URL` with a scheme `createEventStore` knows; the rest is checked when it opens. */
const eventStoreUrl = () =>
  env
    .string()
    .refine(
      (url) => storeSchemes.includes(url.slice(0, Math.max(0, url.indexOf('://'))).toLowerCase()),
      `expected one of ${supportedEventStoreSchemes.join(', ')}`,
    );

/**
 * The complaints service's environment: the platform base (SERVICE_NAME, LOG_LEVEL, NATS_URL, JWT_*,
 * OTEL_EXPORTER_OTLP_ENDPOINT, SHUTDOWN_TIMEOUT) plus its own variables.
 */
export const complaintsConfigSchema = serviceConfigSchema('complaints', {
  PORT: env.port().prefault('3002'),
  /** `pglite://<dir>` (embedded, the default), `postgres://…`, `esdb://…`, `memory://` (tests only). */
  EVENT_STORE_URL: eventStoreUrl().prefault('pglite://./.data/complaints'),
  /**
   * Where customers' data keys live (`postgres://…`, `pglite://<dir>`, `memory://`): apart from the
   * events. Default: the event store's PostgreSQL database (own tables `pk_*`), for PGlite the
   * directory `<event store dir>-keys`; required with EventStoreDB.
   */
  KEY_STORE_URL: env.string().optional(),
  /** Encrypt the personal fields of new events (see SECURITY.md). `false` only to measure its cost. */
  PERSONAL_DATA_ENCRYPTION: env.boolean().prefault('true'),
  /**
   * How long personal data is kept after a customer's complaints ended, per regime:
   * `fca_disp=1096d,psd2=1827d,cfpb=1096d,default=2192d` (see src/retention/policy.ts).
   */
  RETENTION_POLICY: env
    .string()
    .prefault(DEFAULT_RETENTION_POLICY)
    .transform((text, ctx) => {
      try {
        return parseRetentionPolicy(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  /** Run the retention sweep, which erases customers whose complaints outlived the policy. */
  RETENTION_SWEEP_ENABLED: env.boolean().prefault('true'),
  /** Time between retention sweeps. */
  RETENTION_SWEEP_INTERVAL: env.duration().prefault('24h'),
  /** A JSON SLA policy file; the bundled `config/sla-policies.json` when unset. */
  SLA_POLICIES_FILE: env.string().optional(),
  /**
   * The region (ISO 3166, `GB-ENG`) whose holidays apply to a filing that names none, where the
   * chosen policy's calendar knows it; overrides the policy file's `defaults.region`.
   */
  SLA_DEFAULT_REGION: env
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 code like GB-ENG')
    .optional(),
  /**
   * HS256 key of the tokens projections signs to read the event feed: accepted beside the main key,
   * for the read-only `service` role only. Share it with projections alone.
   */
  FEED_TOKEN_SECRET: env.secret(32).optional(),
  /** Relay events from the store to JetStream `COMPLAINTS`. */
  RELAY_ENABLED: env.boolean().prefault('true'),
  /** Run the SLA monitor (breaches and escalations). */
  SLA_MONITOR_ENABLED: env.boolean().prefault('true'),
  /** Consume `notifications.events.*` and record `CustomerNotified`. */
  NOTIFICATIONS_CONSUMER_ENABLED: env.boolean().prefault('true'),
  /** JetStream replicas of the platform streams this service ensures at start (3 in a cluster). */
  JETSTREAM_REPLICAS: env
    .string()
    .regex(/^[1-5]$/, 'expected 1 to 5')
    .transform(Number)
    .prefault('1'),
  /** The oldest `receivedAt` a filing may carry (`complaints.cmd.file` refuses older ones). */
  RECEIVED_AT_MAX_AGE: env.duration().prefault('365d'),
  /** How far ahead of this service's clock a filing's `receivedAt` may be. */
  RECEIVED_AT_CLOCK_SKEW: env.duration().prefault('5m'),
  /** Attempts of a command sent without If-Match when the complaint changes concurrently. */
  COMMAND_MAX_ATTEMPTS: env
    .string()
    .regex(/^([1-9]|1\d|20)$/, 'expected 1 to 20')
    .transform(Number)
    .prefault('5'),
});

export type ComplaintsConfig = ReturnType<typeof complaintsConfigSchema.parse>;
