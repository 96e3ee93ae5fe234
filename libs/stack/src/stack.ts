import { hkdfSync } from 'node:crypto';
import { join, resolve } from 'node:path';
import { type NatsUserName, natsInboxPrefix } from '@chp/contracts';
import { greets, type NatsServerProcess, startNatsServer } from '@chp/nats-server';
import { sleep } from '@chp/platform';
import { type Authenticator, connect, nkeyAuthenticator } from '@nats-io/transport-node';
import { LOCAL_MAIL_GATEWAY } from './demo-data.js';
import { loadOrCreateNatsCredentials, type NatsCredentials, stackNatsConfig } from './nats-credentials.js';
import { repoRoot, type ServiceName, serviceMain, serviceNames } from './paths.js';
import { loadOrCreateSecrets, type StackSecrets } from './secrets.js';
import { type ServiceLogLine, ServiceProcess } from './service-process.js';
import { localAudience, localIssuer } from './tokens.js';

/** Each service's HTTP port when the stack runs on its defaults (those of the services themselves). */
export const defaultPorts: Readonly<Record<ServiceName, number>> = {
  intake: 3001,
  complaints: 3002,
  projections: 3003,
  notifications: 3004,
  knowledge: 3005,
};

export interface StackOptions {
  /** Everything the stack keeps: PGlite databases, the NATS store, the outbox, secrets and logs. */
  dataDir: string;
  /** The monorepo root; found from this file when omitted. */
  root?: string;
  /**
   * NATS: `{ url }` uses a running server; `{ port }` starts `nats-server` on `<dataDir>/nats` at that
   * port (-1: one the server picks).
   */
  nats: { url: string } | { port: number };
  ports: Record<ServiceName, number>;
  /** Generated into `<dataDir>/secrets.json` when omitted. */
  secrets?: StackSecrets;
  /** The NATS users' keys; read from or generated into `<dataDir>/nats-credentials.json` when omitted. */
  natsCredentials?: NatsCredentials;
  /** Mail goes here when set, otherwise to `.eml` files in `<dataDir>/outbox`. */
  smtpUrl?: string;
  /**
   * The environment the services start from (`npm start` passes its own, so that a user's
   * EVENT_STORE_URL or SMTP_URL reaches them). PORT, SERVICE_NAME and the stack's wiring are replaced.
   */
  baseEnv?: NodeJS.ProcessEnv;
  /** Variables for every service, applied over the stack's defaults and `baseEnv`. */
  env?: Record<string, string>;
  /** Variables for one service, applied last. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Node options for every service process, such as `--cpu-prof` (benchmarks). */
  nodeArgs?: readonly string[];
  onLog?: (line: ServiceLogLine) => void;
  /** Services in their own process groups (see `ServiceProcessOptions.detached`). */
  detached?: boolean;
}

export interface Stack {
  readonly dataDir: string;
  readonly natsUrl: string;
  /** The nats-server the stack started, if it started one. */
  readonly nats: NatsServerProcess | undefined;
  readonly services: Readonly<Record<ServiceName, ServiceProcess>>;
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly secrets: StackSecrets;
  readonly natsCredentials: NatsCredentials;
  /** `connect({ auth })` for a NATS user of the table, e.g. `'operator'` for tests and the demo. */
  natsAuth(user: NatsUserName): { nkeySeed: string };
  /** Options for nats.js's `connect()` as a NATS user of the table: servers, key and reply prefix. */
  natsClientOptions(user: NatsUserName): {
    servers: string[];
    authenticator: Authenticator;
    inboxPrefix: string;
  };
  /** Stops the services (intake first, where work comes in), then the nats-server it started. */
  stop(): Promise<void>;
}

/**
 * What each service needs ready before it starts: projections reads complaints' feed, and intake
 * sends complaints its commands. The others start at once, side by side.
 */
export const startsAfter: Readonly<Record<ServiceName, readonly ServiceName[]>> = {
  complaints: [],
  notifications: [],
  knowledge: [],
  projections: ['complaints'],
  intake: ['complaints'],
};

// Variables that are the stack's to set per service; a user's value would point every service at one
// port, or sign every service in as one NATS user.
const perServiceVariables = new Set([
  'PORT',
  'SERVICE_NAME',
  'NATS_CREDS',
  'NATS_NKEY_SEED',
  'NATS_USER',
  'NATS_PASSWORD',
]);
// Keys the stack hands only to the services that use them.
const keyVariables = new Set(['JWT_SECRET', 'FEED_TOKEN_SECRET', 'CUSTOMER_LINK_SECRET']);

/**
 * The key of the feed tokens (projections signs, complaints verifies), derived from the stack's
 * token key so that `secrets.json` keeps its two entries; HKDF is one-way, so it reveals nothing of
 * the token key.
 */
export function feedTokenSecretOf(secrets: StackSecrets): string {
  return Buffer.from(hkdfSync('sha256', secrets.jwtSecret, '', 'chp feed tokens', 32)).toString('base64url');
}

/**
 * Starts nats-server (unless given one) and the services as separate processes, each after
 * those it needs ({@link startsAfter}) are ready; resolves when all are ready.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const root = options.root ?? repoRoot();
  const dataDir = resolve(options.dataDir);
  const secrets = options.secrets ?? (await loadOrCreateSecrets(dataDir));
  const natsCredentials = options.natsCredentials ?? (await loadOrCreateNatsCredentials(dataDir));
  const natsAuth = (user: NatsUserName) => ({ nkeySeed: natsCredentials[user].seed });

  let nats: NatsServerProcess | undefined;
  let natsUrl: string;
  if ('url' in options.nats) {
    // A server of the user's: open, or configured with these keys (deploy/nats's form).
    natsUrl = options.nats.url;
  } else {
    nats = await startNatsServer({
      storeDir: join(dataDir, 'nats'),
      port: options.nats.port,
      config: stackNatsConfig(natsCredentials),
    });
    natsUrl = nats.url;
  }
  // A fresh server greets clients before JetStream has recovered its store; services that provision
  // streams and consumers at start would time out on the JetStream API meanwhile.
  await jetStreamReady(natsUrl, 30_000, natsAuth('operator'));

  const urls = Object.fromEntries(
    serviceNames.map((name) => [name, `http://127.0.0.1:${options.ports[name]}`]),
  ) as Record<ServiceName, string>;
  const envOf = (name: ServiceName) => ({
    ...serviceEnvironment(name, { ...options, dataDir, natsUrl, secrets }),
    // Each service signs in to NATS as its own user (SECURITY.md).
    NATS_NKEY_SEED: natsCredentials[name].seed,
  });

  const services = Object.fromEntries(
    serviceNames.map((name) => [
      name,
      new ServiceProcess({
        name,
        main: serviceMain(root, name),
        ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
        cwd: root,
        port: options.ports[name],
        logFile: join(dataDir, 'logs', `${name}.log`),
        env: envOf(name),
        ...(options.onLog ? { onLog: options.onLog } : {}),
        detached: options.detached ?? false,
      }),
    ]),
  ) as Record<ServiceName, ServiceProcess>;

  const stop = async () => {
    for (const name of [...serviceNames].reverse()) await services[name].close();
    await nats?.stop();
  };
  // Each service starts once those it asks at start are ready: projections rebuilds an empty read
  // model from complaints' feed at once, and would print a failed fetch on a fresh start otherwise.
  const starting = new Map<ServiceName, Promise<void>>();
  const startInOrder = (name: ServiceName): Promise<void> => {
    let started = starting.get(name);
    if (!started) {
      started = Promise.all(startsAfter[name].map(startInOrder)).then(() => services[name].start());
      starting.set(name, started);
    }
    return started;
  };
  try {
    await Promise.all(serviceNames.map(startInOrder));
  } catch (error) {
    await stop();
    throw error;
  }
  const natsClientOptions = (user: NatsUserName) => ({
    servers: natsUrl.split(',').map((server) => server.trim()),
    authenticator: nkeyAuthenticator(new TextEncoder().encode(natsCredentials[user].seed)),
    inboxPrefix: natsInboxPrefix(user),
  });
  return {
    dataDir,
    natsUrl,
    nats,
    services,
    urls,
    secrets,
    natsCredentials,
    natsAuth,
    natsClientOptions,
    stop,
  };
}

/**
 * The environment the stack starts a service with: its defaults, then the user's environment (less
 * the keys the service is not to hold), the stack's wiring and the keys it is to hold, then
 * `options.env` and `options.serviceEnv`. Each service gets only the keys it uses: the token key
 * goes to those that verify tokens, not to notifications (it verifies the admin routes' tokens with
 * the provider's public keys, JWT_JWKS_URL, when `options.env` names them: `npm start`); the feed-token key to complaints
 * (verifies) and projections (signs); the customer-link key to notifications (signs) and intake
 * (verifies).
 */
export function serviceEnvironment(
  name: ServiceName,
  options: Pick<StackOptions, 'ports' | 'smtpUrl' | 'baseEnv' | 'env' | 'serviceEnv'> & {
    dataDir: string;
    natsUrl: string;
    secrets: StackSecrets;
  },
): Record<string, string> {
  const { dataDir, secrets } = options;
  const tokenKey = { JWT_SECRET: secrets.jwtSecret, JWT_ISSUER: localIssuer, JWT_AUDIENCE: localAudience };
  const feedKey = { FEED_TOKEN_SECRET: feedTokenSecretOf(secrets) };
  const linkKey = { CUSTOMER_LINK_SECRET: secrets.customerLinkSecret };
  const keys: Record<ServiceName, Record<string, string>> = {
    complaints: { ...tokenKey, ...feedKey },
    projections: { ...tokenKey, ...feedKey },
    notifications: linkKey,
    knowledge: tokenKey,
    intake: { ...tokenKey, ...linkKey },
  };
  const defaults: Record<ServiceName, Record<string, string>> = {
    complaints: { EVENT_STORE_URL: `pglite://${join(dataDir, 'complaints')}` },
    projections: {
      READ_MODEL_URL: `pglite://${join(dataDir, 'projections')}`,
      COMPLAINTS_URL: `http://127.0.0.1:${options.ports.complaints}`,
    },
    notifications: {
      SENT_LOG_URL: `pglite://${join(dataDir, 'notifications')}`,
      OUTBOX_DIR: join(dataDir, 'outbox'),
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    },
    knowledge: {
      EVENT_STORE_URL: `pglite://${join(dataDir, 'knowledge')}`,
      READ_MODEL_URL: `pglite://${join(dataDir, 'knowledge-read')}`,
    },
    // The demo and the local tools post mail as the receiving gateway would, verdict included.
    // The files customers attach on the portal stay with the rest of the stack's data. The portal's
    // filing form suggests knowledge's typical questions (knowledge on its port here).
    intake: {
      EMAIL_AUTHSERV_ID: LOCAL_MAIL_GATEWAY,
      ATTACHMENTS_DIR: join(dataDir, 'attachments'),
      KNOWLEDGE_URL: `http://127.0.0.1:${options.ports.knowledge}`,
    },
  };
  // A key in the user's environment reaches no service that is not to hold it.
  const inherited: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.baseEnv ?? { PATH: process.env.PATH })) {
    if (value === undefined || perServiceVariables.has(key)) continue;
    if (keyVariables.has(key) && !(key in keys[name])) continue;
    inherited[key] = value;
  }
  // The stack-wide overrides too (jwksEnv's blanked JWT_SECRET): notifications takes the JWKS
  // variables, which are public, and no key.
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (keyVariables.has(key) && !(key in keys[name]) && name === 'notifications') continue;
    overrides[key] = value;
  }
  return {
    ...defaults[name],
    ...inherited,
    NATS_URL: options.natsUrl,
    INTAKE_PUBLIC_URL: `http://localhost:${options.ports.intake}`,
    ...keys[name],
    ...overrides,
    ...options.serviceEnv?.[name],
    SERVICE_NAME: name,
    PORT: String(options.ports[name]),
  };
}

/** Resolves once the JetStream API answers `$JS.API.INFO` without an error (at most `timeoutMs`). */
export async function jetStreamReady(
  natsUrl: string,
  timeoutMs = 30_000,
  auth?: { nkeySeed: string },
): Promise<void> {
  const nc = await connect({
    servers: natsUrl.split(',').map((s) => s.trim()),
    name: 'stack',
    ...(auth ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(auth.nkeySeed)) } : {}),
  });
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  try {
    for (;;) {
      try {
        const reply = await nc.request('$JS.API.INFO', '', { timeout: 2_000 });
        const info = JSON.parse(new TextDecoder().decode(reply.data)) as { error?: { description?: string } };
        if (!info.error) return;
        last = info.error.description ?? JSON.stringify(info.error);
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`JetStream at ${natsUrl} did not become ready: ${last}`);
      await sleep(100);
    }
  } finally {
    await nc.close();
  }
}

/** True when a NATS server answers at the first URL of a `NATS_URL` list. */
export async function natsAnswers(natsUrl: string): Promise<boolean> {
  const first = natsUrl.split(',')[0]?.trim() ?? '';
  let url: URL;
  try {
    url = new URL(first.includes('://') ? first : `nats://${first}`);
  } catch {
    return false;
  }
  return greets(url.hostname, Number(url.port || 4222));
}
