// Services and helpers as child processes, as they run in production: their own process and event
// loop, so a test or a load generator does not share their CPU time, and a test reaches a service
// only through its published surface (HTTP, NATS), never its source.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The monorepo's root (this file is `libs/testing/{src,dist}/processes.*`). */
const repoRoot = resolve(__dirname, '../../..');

/** A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface ChildHandle {
  child: ChildProcess;
  /** SIGTERM (a graceful shutdown); resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
}

export interface ServiceProcess extends ChildHandle {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
}

export interface ServiceProcessOptions {
  /** The folder under `services/`, e.g. `complaints`. */
  service: string;
  /**
   * `dist` (default): the built `dist/main.js`, as `npm start` runs it (`npm run build` first).
   * `src`: `src/main.ts` through tsx's loader with `@chp/*` mapped to the libraries' sources, so a
   * benchmark measures the working tree without a build.
   */
  from?: 'dist' | 'src';
  /** Its environment, over this process's; `PORT` is set from `port`. */
  env?: Record<string, string>;
  /** Node options before the entry point, space-separated (e.g. `--cpu-prof`). */
  nodeArgs?: string;
  /** The HTTP port; a free one when unset. Pass the same one to restart a service where it was. */
  port?: number;
  /** How long to wait for `/readyz` to answer 200 (default 60 s). */
  readyTimeoutMs?: number;
}

// tsx's loader in the node process itself; the tsconfig maps `@chp/*` to the libraries' sources.
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const sourcesTsconfig = join(repoRoot, 'libs/testing/tsconfig.sources.json');

/** Node arguments that run `entry`: a `.ts` file through tsx's loader, a `.js` file as it is. */
function nodeArgsFor(entry: string, nodeArgs = ''): { args: string[]; env: Record<string, string> } {
  const extra = nodeArgs.split(' ').filter(Boolean);
  if (!entry.endsWith('.ts')) return { args: [...extra, entry], env: {} };
  return { args: [...extra, '--import', tsxLoader, entry], env: { TSX_TSCONFIG_PATH: sourcesTsconfig } };
}

/** Spawns `entry` and keeps the tail of its stderr for error messages. */
function spawnNode(entry: string, env: Record<string, string>, nodeArgs?: string) {
  const run = nodeArgsFor(entry, nodeArgs);
  const child = spawn(process.execPath, run.args, {
    env: { ...process.env, ...run.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  // Unread stdout would fill the pipe and block the child.
  child.stdout?.resume();
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const handle: ChildHandle = {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return { handle, exited, stderr: () => stderr };
}

/**
 * `services/<service>` as a child process on a free (or the given) port; resolves once its /readyz
 * answers 200, and throws with its stderr if it exits first or is not ready in time.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const { service } = options;
  const port = options.port ?? (await freePort());
  const entry =
    options.from === 'src'
      ? join(repoRoot, 'services', service, 'src/main.ts')
      : join(repoRoot, 'services', service, 'dist/main.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} does not exist: run \`npm run build\` first (turbo's test task builds it)`);
  }
  const { handle, stderr } = spawnNode(entry, { ...options.env, PORT: String(port) }, options.nodeArgs);
  const { child } = handle;
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the ${service} service (${entry}) exited (${child.exitCode ?? child.signalCode}): ${stderr()}`,
      );
    }
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${service} service was not ready within ${timeoutMs} ms: ${stderr()}`);
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return { ...handle, url, port };
}

/**
 * A script (`.ts` through tsx, or `.js`) as a child process; resolves once it prints its first line
 * on stdout (its "ready"), and throws with its stderr if it exits first.
 */
export async function startScriptProcess(
  script: string,
  env: Record<string, string> = {},
  nodeArgs?: string,
): Promise<ChildHandle> {
  const { handle, exited, stderr } = spawnNode(script, env, nodeArgs);
  const { child } = handle;
  await new Promise<void>((ready, reject) => {
    child.stdout?.once('data', () => ready());
    void exited.then((code) =>
      reject(new Error(`${script} exited (${code}) before it was ready: ${stderr()}`)),
    );
  });
  return handle;
}
