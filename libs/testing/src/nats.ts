import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, type NatsServerProcess, startNatsServer } from '@chp/nats-server';

/** A NATS server with JetStream for a test file: either our own child process or `NATS_URL`. */
export interface NatsHandle {
  /** `nats://127.0.0.1:<port>` (or `NATS_URL` verbatim). */
  url: string;
  port: number;
  /** True when this handle started the server (and so may restart or kill it). */
  owned: boolean;
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

/**
 * A NATS server for tests. With `NATS_URL` set, that server is used (and never stopped or restarted).
 * Otherwise `nats-server` from PATH is started with JetStream on a free loopback port and a fresh
 * temporary store directory; `stop()` ends it and removes the directory.
 */
export async function nats(): Promise<NatsHandle> {
  const external = process.env.NATS_URL;
  if (external) return externalHandle(external);

  const binary = await findOnPath('nats-server');
  if (!binary) throw new NatsServerUnavailableError('nats-server is not on PATH and NATS_URL is not set');

  const storeDir = await mkdtemp(join(tmpdir(), 'chp-nats-'));
  let server: NatsServerProcess;
  try {
    // Port -1: the server picks it (no race with other processes); restarts pin it, so clients
    // reconnect to the same URL.
    server = await startNatsServer({ binary, storeDir, port: -1 });
  } catch (error) {
    await rm(storeDir, { recursive: true, force: true });
    throw new NatsServerUnavailableError((error as Error).message);
  }
  return {
    url: server.url,
    port: server.port,
    owned: true,
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
    async stop() {
      // Not ours to stop.
    },
    restart: notOwned('restart'),
    kill: notOwned('kill'),
  };
}
