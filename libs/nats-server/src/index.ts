import { type ChildProcess, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export * from './config.js';

/** A `nats-server` child process with JetStream, which can be killed and started again on its store. */
export interface NatsServerProcess {
  /** `nats://<host>:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** The running server's process id (undefined while it is down), e.g. to read its CPU time. */
  readonly pid: number | undefined;
  /** The server's last output lines, for error messages. */
  recentOutput(): string;
  /** SIGTERM (JetStream flushes its store), SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL: the server stays down until `start()`. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store (after `stop()` or `kill()`). */
  start(): Promise<void>;
}

export interface NatsServerOptions {
  /** JetStream's store directory (created when missing). */
  storeDir: string;
  /** A fixed port, or -1 (the default) to let the server pick one. */
  port?: number;
  host?: string;
  /** The binary; found on PATH when omitted. */
  binary?: string;
  startTimeoutMs?: number;
  /**
   * A configuration file's text (`renderNatsConfig`: users and permissions). Written to
   * `<storeDir>/nats.conf`, mode 0600 (it may hold passwords). Without it the server accepts anyone.
   */
  config?: string;
  /** The URL scheme clients use: `tls` when the configuration requires TLS. Default `nats`. */
  scheme?: 'nats' | 'tls';
}

/** nats-server was found but did not start (its output is in the message). */
export class NatsServerStartError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NatsServerStartError';
  }
}

/** No nats-server binary: the message says how to get one. */
export class NatsServerMissingError extends Error {
  constructor(detail: string) {
    super(
      `${detail}. Install nats-server (\`apt-get install nats-server\`, or a release from ` +
        'https://github.com/nats-io/nats-server/releases) so that it is on PATH, or set NATS_URL to a ' +
        'NATS server with JetStream enabled.',
    );
    this.name = 'NatsServerMissingError';
  }
}

// Servers this process started, so that a forgotten stop() does not leak them past our exit.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** The full path of an executable on PATH, or undefined. */
export async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    }
  }
  return undefined;
}

/**
 * Starts `nats-server -js` on `storeDir`. With port -1 the server picks a free port itself and tells
 * us through its ports file (no race with other processes); `start()` after a kill reuses that port,
 * so clients reconnect to the same URL.
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerProcess> {
  const binary = options.binary ?? (await findOnPath('nats-server'));
  if (!binary) throw new NatsServerMissingError('nats-server is not on PATH');
  const host = options.host ?? '127.0.0.1';
  const { storeDir } = options;
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  await mkdir(storeDir, { recursive: true, mode: 0o700 });
  const configArgs: string[] = [];
  if (options.config !== undefined) {
    const file = join(storeDir, 'nats.conf');
    await writeFile(file, options.config, { mode: 0o600 });
    // writeFile keeps the mode of a file that already exists.
    await chmod(file, 0o600);
    configArgs.push('-c', file);
  }
  const scheme = options.scheme ?? 'nats';

  const output: string[] = [];
  let child: ChildProcess | undefined;
  let port = options.port ?? -1;

  const launch = async () => {
    const args = [
      ...configArgs,
      '-js',
      '-sd',
      storeDir,
      '-a',
      host,
      '-p',
      String(port),
      '--ports_file_dir',
      storeDir,
    ];
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    installExitHook();
    running.add(started);
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (output.length > 40) output.splice(0, output.length - 40);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    let exited: string | undefined;
    started.once('exit', (code, signal) => {
      running.delete(started);
      exited = `exited with ${signal ?? `code ${code}`}`;
    });
    started.once('error', (error) => {
      exited = `failed to start: ${error.message}`;
    });
    // Neither the child nor its pipes keep the parent alive; the exit hook ends forgotten servers.
    started.unref();
    for (const stream of [started.stdout, started.stderr])
      (stream as { unref?: () => void } | null)?.unref?.();

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) {
        throw new NatsServerStartError(`nats-server ${args.join(' ')} ${exited}:\n${output.join('\n')}`);
      }
      // The ports file is this very child's (named by its pid) and written once it listens: a server
      // already on a fixed port would greet us too, while this child fails to bind.
      const candidate = await readPortsFile(storeDir, started.pid);
      if (candidate && (await greets(host, candidate))) {
        port = candidate;
        return;
      }
      if (Date.now() > deadline) {
        await stopChild(started, 'SIGKILL');
        throw new NatsServerStartError(
          `nats-server ${args.join(' ')} did not accept connections in ${timeoutMs} ms:\n${output.join('\n')}`,
        );
      }
      await sleep(50);
    }
  };

  await launch();
  return {
    get url() {
      return `${scheme}://${host}:${port}`;
    },
    get port() {
      return port;
    },
    storeDir,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    recentOutput: () => output.join('\n'),
    async stop() {
      await stopChild(child, 'SIGTERM');
      child = undefined;
    },
    async kill() {
      await stopChild(child, 'SIGKILL');
      child = undefined;
    },
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      await launch();
    },
  };
}

/** True once a server at `host:port` greets a TCP client with NATS's INFO line. */
export function greets(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('data', (data) => done(data.toString('utf8').startsWith('INFO')));
    socket.once('error', () => done(false));
    // A listener that is not NATS may close at once; without this the promise never settled and,
    // with nothing else pending, the process exited 0 mid-await (seen in `npm start`).
    socket.once('close', () => done(false));
  });
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

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
