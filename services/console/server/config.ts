import { fileURLToPath } from 'node:url';
import { apiConfigShape, baseConfigShape, env } from '@chp/platform';
import { z } from 'zod';

const httpProtocols = ['http', 'https'] as const;

/** The console server's environment. The OIDC_* variables point it at any OpenID provider. */
export const consoleConfigSchema = z.object({
  SERVICE_NAME: env.string().prefault('console'),
  LOG_LEVEL: env.logLevel().prefault('info'),
  PORT: env.port().prefault('3000'),
  /** The URL the browser uses for the console; the sign-in callback is `<PUBLIC_URL>/auth/callback`. */
  PUBLIC_URL: env.url(httpProtocols).prefault('http://localhost:3000'),
  /**
   * express's `trust proxy` (`1`, `loopback`, a subnet), behind a proxy that ends TLS: with it the
   * Secure session cookie of an https PUBLIC_URL is set on requests the proxy forwards over http.
   */
  TRUST_PROXY: apiConfigShape.TRUST_PROXY,
  OIDC_ISSUER: env.url(httpProtocols),
  OIDC_CLIENT_ID: env.string(),
  OIDC_CLIENT_SECRET: env.secret(1),
  /** Space-separated scopes of the authorization request. */
  OIDC_SCOPE: env.string().prefault('openid profile offline_access'),
  /** The ID token claim with the user's roles; a dotted path reaches nested claims (`realm_access.roles`). */
  OIDC_ROLES_CLAIM: env.string().prefault('roles'),
  /** The ID token claim with the user's team (the "my team's" queue); a dotted path reaches nested claims. */
  OIDC_TEAM_CLAIM: env.string().prefault('team'),
  /** The `resource` (RFC 8707) of the access token, when the provider needs one. */
  OIDC_RESOURCE: env.string().optional(),
  /** Signs the session cookie. 32 characters at least. */
  SESSION_SECRET: env.secret(32),
  /**
   * Where sessions are kept: `postgres://…` (shared by replicas), `pglite://<dir>` (one process,
   * kept across its restarts) or `memory://` (lost on restart).
   */
  SESSION_STORE_URL: env
    .string()
    .refine(
      (url) => url === 'memory://' || /^(postgres|postgresql|pglite):\/\/./i.test(url),
      'expected postgres://…, postgresql://…, pglite://<dir> or memory://',
    )
    .prefault('pglite://./.data/console-sessions'),
  /** A session without activity ends after this long. */
  SESSION_IDLE_TIMEOUT: env.duration().prefault('8h'),
  PROJECTIONS_URL: env.url(httpProtocols).prefault('http://127.0.0.1:3003'),
  COMPLAINTS_URL: env.url(httpProtocols).prefault('http://127.0.0.1:3002'),
  /** The knowledge service (standard answers: the authoring page and the desk's picker). */
  KNOWLEDGE_URL: env.url(httpProtocols).prefault('http://127.0.0.1:3005'),
  /** Intake, for the files of complaints (`/api/intake/v1/complaints/:id/attachments/:attachmentId`). */
  INTAKE_URL: env.url(httpProtocols).prefault('http://127.0.0.1:3001'),
  /** Notifications, for its admin API only (`/api/notifications/admin/…`: the unsettled e-mails). */
  NOTIFICATIONS_URL: env.url(httpProtocols).prefault('http://127.0.0.1:3004'),
  /** NATS for live updates (`complaints.events.>`); the desk works without it, not live. */
  NATS_URL: baseConfigShape.NATS_URL,
  /** The console's own NATS user (SECURITY.md): one kind of credentials, and TLS, as the services take them. */
  NATS_CREDS: baseConfigShape.NATS_CREDS,
  NATS_NKEY_SEED: baseConfigShape.NATS_NKEY_SEED,
  NATS_USER: baseConfigShape.NATS_USER,
  NATS_PASSWORD: baseConfigShape.NATS_PASSWORD,
  NATS_TLS_CA: baseConfigShape.NATS_TLS_CA,
  NATS_TLS_CERT: baseConfigShape.NATS_TLS_CERT,
  NATS_TLS_KEY: baseConfigShape.NATS_TLS_KEY,
  /** The built app; `dist/public` next to the server by default. */
  STATIC_DIR: env.string().prefault(fileURLToPath(new URL('../public', import.meta.url))),
  SHUTDOWN_TIMEOUT: env.duration().prefault('10s'),
});

export type ConsoleConfig = z.output<typeof consoleConfigSchema>;
