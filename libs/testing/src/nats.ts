import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findOnPath,
  type NatsConfigUser,
  type NatsServerProcess,
  type NatsUserRules,
  renderNatsConfig,
  startNatsServer,
} from '@chp/nats-server';
import { nkeys } from '@nats-io/transport-node';

/** A NATS user's credentials, in the shape of `connect({ auth })` of @chp/messaging. */
export type NatsTestCredentials = { nkeySeed: string } | { user: string; password: string };

/** A NATS server with JetStream for a test file: either our own child process or `NATS_URL`. */
export interface NatsHandle {
  /** `nats://127.0.0.1:<port>` (or `NATS_URL` verbatim). */
  url: string;
  port: number;
  /** True when this handle started the server (and so may restart or kill it). */
  owned: boolean;
  /**
   * The credentials of a user of the permission table (`natsPermissions` in @chp/contracts), e.g.
   * `'intake'`; undefined for `NATS_URL` (a server of its own, assumed open) or an unknown user.
   */
  credentials(user: string): NatsTestCredentials | undefined;
  /** A service process's environment: `NATS_URL` and its credentials (`NATS_NKEY_SEED`). */
  serviceEnv(user: string): Record<string, string>;
  /** Stops the server and removes its store directory. A no-op for `NATS_URL`. */
  stop(): Promise<void>;
  /** Stops the server gracefully (if running) and starts it again on the same port and store. */
  restart(): Promise<void>;
  /** SIGKILLs the server, which stays down until `restart()`. */
  kill(): Promise<void>;
}

export class NatsServerUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `No NATS server for tests: ${detail}. Install nats-server (https://github.com/nats-io/nats-server/releases, ` +
        'or `apt-get install nats-server`) so it is on PATH, or set NATS_URL to a server with JetStream enabled.',
    );
    this.name = 'NatsServerUnavailableError';
  }
}

export interface NatsTestOptions {
  /**
   * What a client that sends no credentials may do. `'operator'` (the default): everything, so that
   * test code needs no credentials while each service connects as itself with `serviceEnv()` or
   * `credentials()`. `'refused'`: it is turned away, as in `npm start` and deploy.
   */
  anonymous?: 'operator' | 'refused';
}

interface PermissionTable {
  natsUserNames: readonly string[];
  natsPermissions: Record<string, NatsUserRules>;
}

/**
 * The permission table of @chp/contracts, loaded at run time rather than imported: contracts' own
 * tests use @chp/testing, and a declared dependency back would be a cycle in the build graph.
 */
function permissionTable(): PermissionTable {
  const specifier = '@chp/contracts';
  return require(specifier) as PermissionTable;
}

/** Users of the table with fresh credentials: NKEYs for services, a password for the operator. */
function testUsers(): { users: NatsConfigUser[]; credentials: Map<string, NatsTestCredentials> } {
  const { natsUserNames, natsPermissions } = permissionTable();
  const credentials = new Map<string, NatsTestCredentials>();
  const users = natsUserNames.map((name): NatsConfigUser => {
    const permissions = natsPermissions[name] as NatsUserRules;
    if (name === 'operator') {
      const password = randomBytes(24).toString('base64url');
      credentials.set(name, { user: name, password });
      return { name, auth: { user: name, password }, permissions };
    }
    const pair = nkeys.createUser();
    credentials.set(name, { nkeySeed: new TextDecoder().decode(pair.getSeed()) });
    return { name, auth: { nkey: pair.getPublicKey() }, permissions };
  });
  return { users, credentials };
}

/**
 * A NATS server for tests. With `NATS_URL` set, that server is used (and never stopped or restarted).
 * Otherwise `nats-server` from PATH is started with JetStream on a free loopback port, a fresh
 * temporary store directory, and the users and permissions of @chp/contracts (see
 * {@link NatsTestOptions}); `stop()` ends it and removes the directory.
 */
export async function nats(options: NatsTestOptions = {}): Promise<NatsHandle> {
  const external = process.env.NATS_URL;
  if (external) return externalHandle(external);

  const binary = await findOnPath('nats-server');
  if (!binary) throw new NatsServerUnavailableError('nats-server is not on PATH and NATS_URL is not set');

  const storeDir = await mkdtemp(join(tmpdir(), 'chp-nats-'));
  let server: NatsServerProcess;
  let credentials = new Map<string, NatsTestCredentials>();
  try {
    // Port -1: the server picks it (no race with other processes); restarts pin it, so clients
    // reconnect to the same URL.
    const { users, credentials: issued } = testUsers();
    credentials = issued;
    const config = renderNatsConfig({
      header: ['A test server: the users and permissions of @chp/contracts (natsPermissions).'],
      users,
      ...((options.anonymous ?? 'operator') === 'operator' ? { noAuthUser: 'operator' } : {}),
    });
    server = await startNatsServer({ binary, storeDir, port: -1, config });
  } catch (error) {
    await rm(storeDir, { recursive: true, force: true });
    throw new NatsServerUnavailableError((error as Error).message);
  }
  return {
    url: server.url,
    port: server.port,
    owned: true,
    credentials: (user) => credentials.get(user),
    serviceEnv(user): Record<string, string> {
      const given = credentials.get(user);
      if (!given) throw new Error(`nats(): no NATS user ${user} in natsPermissions`);
      return 'nkeySeed' in given
        ? { NATS_URL: server.url, NATS_NKEY_SEED: given.nkeySeed }
        : { NATS_URL: server.url, NATS_USER: given.user, NATS_PASSWORD: given.password };
    },
    async stop() {
      await server.stop();
      await rm(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    kill: () => server.kill(),
  };
}

function externalHandle(url: string): NatsHandle {
  const parsed = new URL(url.includes('://') ? url : `nats://${url}`);
  const notOwned = (what: string) => async () => {
    throw new Error(
      `nats(): cannot ${what} the server at NATS_URL=${url}; unset NATS_URL to use an owned server`,
    );
  };
  return {
    url,
    port: Number(parsed.port || 4222),
    owned: false,
    credentials: () => undefined,
    serviceEnv: () => ({ NATS_URL: url }),
    async stop() {
      // Not ours to stop.
    },
    restart: notOwned('restart'),
    kill: notOwned('kill'),
  };
}
