import { languages, type ReceivedAtBounds } from '@chp/contracts';
import { env, serviceConfigSchema } from '@chp/platform';
import { z } from 'zod';

const positive = (fallback: string) =>
  env
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a positive number')
    .transform(Number)
    .refine((n) => n > 0, 'expected a positive number')
    .prefault(fallback);

/** The intake service's environment: the platform base plus its own variables. */
export const intakeConfigSchema = serviceConfigSchema('intake', {
  PORT: env.port().prefault('3001'),
  /** Base of the customer links in e-mails; the links point here. */
  INTAKE_PUBLIC_URL: env.url(['http', 'https']).prefault('http://localhost:3001'),
  /** HMAC secret of customer links, shared with notifications (which signs them). */
  CUSTOMER_LINK_SECRET: env.secret(32),
  /**
   * The authserv-id(s) our receiving mail gateway writes in `Authentication-Results`, comma-separated
   * (for example `mx.example.com`). An e-mail reply counts as the customer's only when that header
   * says DMARC (or aligned DKIM) passed; without this setting every reply is recorded unverified.
   */
  EMAIL_AUTHSERV_ID: env
    .string()
    .optional()
    .transform((text = '') =>
      text
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  /** Region for national phone numbers (ISO 3166-1 alpha-2). */
  DEFAULT_PHONE_REGION: env
    .string()
    .regex(/^[A-Z]{2}$/, 'expected a region like GB')
    .prefault('GB'),
  /** Language when neither the body nor Accept-Language names one. */
  DEFAULT_LANGUAGE: env.string().pipe(z.enum(languages)).prefault('en'),
  /** How long a submission waits for complaints before it is queued and answered 202. */
  FILE_TIMEOUT: env.duration().prefault('2s'),
  /** Where the answer's statusUrl points; `{complaintId}` is replaced. */
  STATUS_URL_TEMPLATE: env.string().prefault('/v1/complaints/{complaintId}'),
  /** The oldest `receivedAt` a channel may give (older: 400 or a dead letter naming the field). */
  RECEIVED_AT_MAX_AGE: env.duration().prefault('365d'),
  /** How far ahead of intake's clock a channel's `receivedAt` may be. */
  RECEIVED_AT_CLOCK_SKEW: env.duration().prefault('5m'),
  /** INTAKE consumer: handlers at once, and the redelivery backoff while complaints is down. */
  CONSUMER_CONCURRENCY: positive('32'),
  RETRY_BASE: env.duration().prefault('1s'),
  RETRY_MAX: env.duration().prefault('30s'),
  /** The portal (src/portal/): a form sent sooner than this after it was served is refused. */
  PORTAL_MIN_FILL_TIME: env.duration().prefault('3s'),
  /** A portal form older than this must be loaded again. */
  PORTAL_FORM_MAX_AGE: env.duration().prefault('2h'),
  /** Filings and link requests per hour from one address, and naming one e-mail address. */
  PORTAL_LIMIT_PER_ADDRESS: positive('20'),
  PORTAL_LIMIT_PER_EMAIL: positive('5'),
  /** The categories the filing form offers (slugs; the bundled ones have translated labels). */
  PORTAL_CATEGORIES: env
    .string()
    .prefault('billing,service-quality,delivery,metering,other')
    .transform((text) =>
      text
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'expected slugs like billing'))),
  /** How long a one-time link to follow a complaint works (it works once). */
  PORTAL_LINK_TTL: env.duration().prefault('30m'),
  /** How long the session a link opens lasts. */
  PORTAL_SESSION_TTL: env.duration().prefault('30m'),
  /** Show the assignee's name on the status page. */
  PORTAL_SHOW_ASSIGNEE: env.boolean().prefault('false'),
  /** Where the files customers attach on the portal are kept (the directory adapter). */
  ATTACHMENTS_DIR: env.string().prefault('.data/attachments'),
  /** Which adapter keeps attachments: a directory (`ATTACHMENTS_DIR`) or an S3 bucket (AWS or MinIO). */
  ATTACHMENTS_STORE: env
    .string()
    .pipe(z.enum(['dir', 's3']))
    .prefault('dir'),
  /** The S3 bucket of attachments (required with `ATTACHMENTS_STORE=s3`); credentials come from the SDK's chain. */
  ATTACHMENTS_S3_BUCKET: env.string().optional(),
  /** An S3-compatible endpoint such as MinIO's `http://127.0.0.1:9000` (AWS's own when unset). */
  ATTACHMENTS_S3_ENDPOINT: env.url(['http', 'https']).optional(),
  /** The bucket's region (the SDK's chain, then `us-east-1`, when unset). */
  ATTACHMENTS_S3_REGION: env.string().optional(),
  /** A key prefix inside the bucket, e.g. `attachments/`. */
  ATTACHMENTS_S3_PREFIX: env.string().optional(),
  /** Path-style addressing (MinIO needs it). */
  ATTACHMENTS_S3_FORCE_PATH_STYLE: env.boolean().prefault('false'),
  /** Time zone of the dates the portal shows (acknowledge by, answer by). */
  PORTAL_TIME_ZONE: env.string().prefault('Europe/London'),
  /** A link to the full privacy notice, shown beside the consent box. */
  PORTAL_PRIVACY_URL: env.url(['http', 'https']).optional(),
  /** The privacy notice above the consent box, per language (a default text otherwise). */
  PORTAL_PRIVACY_NOTICE_EN: env.string().optional(),
  PORTAL_PRIVACY_NOTICE_UK: env.string().optional(),
  PORTAL_PRIVACY_NOTICE_RU: env.string().optional(),
  PORTAL_PRIVACY_NOTICE_HU: env.string().optional(),
  PORTAL_PRIVACY_NOTICE_LV: env.string().optional(),
  PORTAL_PRIVACY_NOTICE_RO: env.string().optional(),
  /**
   * The knowledge service's base URL (for example `http://knowledge:3005`): the portal's filing form
   * suggests its published typical questions, the start page lists them, and "this answered my
   * question" is recorded there. Unset: no suggestions and no questions; the form works as before.
   */
  KNOWLEDGE_URL: env.url(['http', 'https']).optional(),
  /** How long the portal waits for knowledge before it goes on without suggestions. */
  KNOWLEDGE_TIMEOUT: env.duration().prefault('1500ms'),
  JETSTREAM_REPLICAS: env
    .string()
    .regex(/^[1-5]$/, 'expected 1 to 5')
    .transform(Number)
    .prefault('1'),
});

export type IntakeConfig = ReturnType<typeof intakeConfigSchema.parse>;

export function receivedAtBoundsOf(config: IntakeConfig): ReceivedAtBounds {
  return { maxAgeMs: config.RECEIVED_AT_MAX_AGE, clockSkewMs: config.RECEIVED_AT_CLOCK_SKEW };
}
