import { apiConfigShape, env, serviceWithoutApiConfigSchema } from '@chp/platform';
import { z } from 'zod';
import { alertRoutesSchema } from './planning/index.js';
import { templateLanguages } from './templates/index.js';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
};

const positiveInt = (max: number) =>
  env
    .string()
    .regex(/^[1-9]\d*$/, 'expected a positive integer')
    .transform(Number)
    .refine((n) => n <= max, `expected at most ${max}`);

const alertRoutes = () =>
  env.string().transform((text, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
    const parsed = alertRoutesSchema.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: z.prettifyError(parsed.error).replace(/\n/g, '; ') });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * The notifications service's environment: the platform base (SERVICE_NAME, LOG_LEVEL, NATS_URL,
 * OTEL_EXPORTER_OTLP_ENDPOINT, SHUTDOWN_TIMEOUT, HTTP_*) plus its own variables. Of the token
 * variables only the public side: JWT_JWKS_URL (and the claims it checks), never JWT_SECRET, so that
 * a compromised notifications cannot mint a token. Without JWT_JWKS_URL the admin routes answer 503.
 */
export const notificationsConfigSchema = serviceWithoutApiConfigSchema('notifications', {
  PORT: env.port().prefault('3004'),
  /** The OpenID provider's public keys: the admin routes verify bearer tokens with them. */
  JWT_JWKS_URL: apiConfigShape.JWT_JWKS_URL,
  JWT_ISSUER: apiConfigShape.JWT_ISSUER,
  JWT_AUDIENCE: apiConfigShape.JWT_AUDIENCE,
  JWT_MAX_LIFETIME: apiConfigShape.JWT_MAX_LIFETIME,
  /** `smtp://user:pass@host:587` or `smtps://…`; unset: mail goes to `.eml` files in OUTBOX_DIR. */
  SMTP_URL: env.url(['smtp', 'smtps']).optional(),
  OUTBOX_DIR: env.string().prefault('./.data/outbox'),
  SMTP_MAX_CONNECTIONS: positiveInt(100).prefault('5'),
  /** Messages per second across the SMTP pool. */
  SMTP_RATE_LIMIT: positiveInt(100_000).prefault('1000'),
  /** `pglite://<dir>` (embedded, the default) or `postgres://…`. */
  SENT_LOG_URL: env
    .string()
    .refine(
      (u) => /^(postgres|postgresql|pglite):\/\/./i.test(u),
      'expected postgres://…, postgresql://… or pglite://<dir>',
    )
    .prefault('pglite://./.data/notifications'),
  MAIL_FROM: env.string().prefault('Customer Care <care@complaints.example>'),
  /** Where customers' replies go (intake's inbound mailbox); none when unset. */
  MAIL_REPLY_TO: env.string().optional(),
  /** The right-hand side of generated Message-IDs. */
  MESSAGE_ID_DOMAIN: env
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'expected a domain name')
    .prefault('complaints.example'),
  /** Zone for customers without one and for staff alerts. */
  DEFAULT_TIME_ZONE: env
    .string()
    .refine(isTimeZone, 'expected an IANA time zone like Europe/London')
    .prefault('UTC'),
  STAFF_LANGUAGE: z.enum(templateLanguages).prefault('en'),
  /** JSON alert routes per team and escalation level; see the README. */
  ALERT_ROUTES: alertRoutes().prefault('{}'),
  /** HMAC secret for customer links; the same value as intake's. */
  CUSTOMER_LINK_SECRET: env.secret(32),
  INTAKE_PUBLIC_URL: env.url(['http', 'https']).prefault('http://localhost:3001'),
  CUSTOMER_LINK_TTL: env.duration().prefault('30d'),
  /** Deliveries of one event before it is dead-lettered. */
  MAX_ATTEMPTS: positiveInt(50).prefault('6'),
  /** An intent older than this without a result is declared `unknown` (see README: delivery guarantees). */
  SEND_LEASE: env.duration().prefault('5m'),
  CONSUMER_CONCURRENCY: positiveInt(256).prefault('32'),
  JETSTREAM_REPLICAS: env
    .string()
    .regex(/^[1-5]$/, 'expected 1 to 5')
    .transform(Number)
    .prefault('1'),
});

export type NotificationsConfig = z.output<typeof notificationsConfigSchema>;
