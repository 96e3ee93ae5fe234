// A service (its src/main.ts) as a child process, as it runs in production: its own process and
// event loop, so the load generator does not share its CPU time slice. The intake bench uses it too.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '../../../..');
// tsx's loader in the node process itself, with `@chp/*` mapped to the libraries' sources.
const tsxLoader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The complaints service, with BENCH_SERVICE_NODE_ARGS (for example `--cpu-prof`) on its node. */
export const startService = (env: Record<string, string>) =>
  startServiceProcess('complaints', env, process.env.BENCH_SERVICE_NODE_ARGS);

/**
 * `services/<service>/src/main.ts` as a child process on a free port, with `@chp/*` mapped to the
 * libraries' sources; resolves once its /readyz answers 200. `nodeArgs` (space-separated, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to its node.
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
  nodeArgs = '',
): Promise<ServiceProcess> {
  const port = await freePort();
  const main = join(root, `services/${service}/src/main.ts`);
  const args = [...nodeArgs.split(' ').filter(Boolean), '--import', tsxLoader, main];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, 'tsconfig.json'), PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the ${service} service exited (${child.exitCode}): ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${service} service was not ready within 60 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
