import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ServiceName } from './paths.js';
import { type ServiceLogLine, ServiceProcess } from './service-process.js';

/** The console server's compiled entry point; `npm run build` writes it. */
export function consoleMain(root: string): string {
  return join(root, 'services', 'console', 'dist', 'server', 'main.js');
}

/** The OpenID provider a stack's services trust: the embedded one under `npm start`. */
export interface TokenIssuer {
  issuer: string;
  jwksUrl: string;
  /** The `aud` of its access tokens. */
  audience: string;
}

/**
 * Variables that make the services verify bearer tokens from `issuer`'s JWKS, the production path,
 * instead of the stack's HS256 secret. JWT_SECRET is blanked, which configuration reads as unset.
 */
export function jwksEnv(issuer: TokenIssuer): Record<string, string> {
  return {
    JWT_SECRET: '',
    JWT_JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
  };
}

export interface ConsoleProcessOptions {
  root: string;
  dataDir: string;
  port: number;
  /** The URL browsers use; `http://localhost:<port>` by default. */
  publicUrl?: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; scope: string };
  /** The services it forwards to. */
  urls: Readonly<Record<ServiceName, string>>;
  /** The stack's NATS, for live updates (`complaints.events.>`). */
  natsUrl?: string;
  /** The NKEY seed of the console's own NATS user (SECURITY.md), where NATS refuses anonymous clients. */
  natsSeed?: string;
  /**
   * Signs the session cookie. Sessions are kept in `<dataDir>/console-sessions` (PGlite) across
   * restarts, so a stable secret keeps people signed in; without one, a new secret each start.
   */
  sessionSecret?: string;
  baseEnv?: NodeJS.ProcessEnv;
  onLog?: (line: ServiceLogLine) => void;
  detached?: boolean;
}

/** The console server as a process, configured for a local stack (start it with `.start()`). */
export function consoleProcess(options: ConsoleProcessOptions): ServiceProcess {
  return new ServiceProcess({
    name: 'console',
    main: consoleMain(options.root),
    cwd: options.root,
    port: options.port,
    logFile: join(options.dataDir, 'logs', 'console.log'),
    env: {
      ...(options.baseEnv ?? { PATH: process.env.PATH }),
      SERVICE_NAME: 'console',
      PORT: String(options.port),
      PUBLIC_URL: options.publicUrl ?? `http://localhost:${options.port}`,
      OIDC_ISSUER: options.oidc.issuer,
      OIDC_CLIENT_ID: options.oidc.clientId,
      OIDC_CLIENT_SECRET: options.oidc.clientSecret,
      OIDC_SCOPE: options.oidc.scope,
      SESSION_SECRET: options.sessionSecret ?? randomBytes(32).toString('base64url'),
      // One console process: an embedded database, kept across its restarts (0700 directory).
      SESSION_STORE_URL: `pglite://${join(options.dataDir, 'console-sessions')}`,
      PROJECTIONS_URL: options.urls.projections,
      COMPLAINTS_URL: options.urls.complaints,
      KNOWLEDGE_URL: options.urls.knowledge,
      INTAKE_URL: options.urls.intake,
      NOTIFICATIONS_URL: options.urls.notifications,
      ...(options.natsUrl ? { NATS_URL: options.natsUrl } : {}),
      ...(options.natsSeed ? { NATS_NKEY_SEED: options.natsSeed } : {}),
    },
    ...(options.onLog ? { onLog: options.onLog } : {}),
    detached: options.detached ?? false,
  });
}
