import { type ChildProcess, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { waitFor } from './wait.js';

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

const startTimeoutMs = 15_000;
// Child processes we started, so that a test that forgets stop() does not leak servers.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

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
  let child: ChildProcess | undefined;
  let port: number;
  try {
    // `-p -1` lets the server pick the port itself (no race with other processes); the ports file
    // tells us which one. Restarts then pin that port so clients reconnect to the same URL.
    const started = await startServer(binary, storeDir, -1);
    child = started.child;
    port = started.port;
  } catch (error) {
    await rm(storeDir, { recursive: true, force: true });
    throw error;
  }
  const url = `nats://127.0.0.1:${port}`;

  const handle: NatsHandle = {
    url,
    port,
    owned: true,
    async stop() {
      await stopChild(child, 'SIGTERM');
      child = undefined;
      await rm(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await stopChild(child, 'SIGTERM');
      child = (await startServer(binary, storeDir, port)).child;
    },
    async kill() {
      await stopChild(child, 'SIGKILL');
      child = undefined;
    },
  };
  return handle;
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

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch (error) {
      if (!isNodeError(error)) throw error;
    }
  }
  return undefined;
}

async function startServer(
  binary: string,
  storeDir: string,
  port: number,
): Promise<{ child: ChildProcess; port: number }> {
  const args = ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port), '--ports_file_dir', storeDir];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  installExitHook();
  running.add(child);
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (log.length > 40) log.splice(0, log.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    running.delete(child);
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  child.once('error', (error) => {
    exited = `failed to start: ${error.message}`;
  });
  // Neither the child nor its pipes keep a test process alive; the exit hook ends forgotten servers.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();

  const describe = () =>
    `nats-server ${args.join(' ')} to accept connections${exited ? ` (it ${exited})` : ''}\n${log.join('\n')}`;
  try {
    const actualPort = await waitFor(
      async () => {
        if (exited) throw new NatsServerUnavailableError(`nats-server ${exited}\n${log.join('\n')}`);
        const candidate = port > 0 ? port : await readPortsFile(storeDir, child.pid);
        return candidate && (await accepts(candidate)) ? candidate : undefined;
      },
      { timeoutMs: startTimeoutMs, intervalMs: 50, description: describe },
    );
    return { child, port: actualPort };
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  }
}

async function readPortsFile(dir: string, pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const name = (await readdir(dir)).find((file) => file.endsWith(`_${pid}.ports`));
  if (!name) return undefined;
  try {
    const ports = JSON.parse(await readFile(join(dir, name), 'utf8')) as { nats?: string[] };
    const first = ports.nats?.[0];
    return first ? Number(new URL(first).port) : undefined;
  } catch (error) {
    // The server may still be writing the file; the next poll reads it whole.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** True once the server greets a TCP client with its INFO line, i.e. it is really serving. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('data', (data) => done(data.toString('utf8').startsWith('INFO')));
    socket.once('error', () => done(false));
  });
}

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

// Not `instanceof Error`: under jest, errors from node:fs come from another realm.
function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && 'code' in error;
}
