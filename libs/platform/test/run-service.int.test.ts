// runService as a service's main.ts uses it, in a real process: the listening line, the shutdown
// order (HTTP server, the wiring's closers, telemetry) with exit 0, and exit 1 with a report when
// the configuration or the wiring fails.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { sleep } from '../src/index.js';

interface Run {
  lines: () => { msg: string; [key: string]: unknown }[];
  stderr: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

function run(env: Record<string, string>): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures', 'run-service.ts')],
    { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    lines: () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string }),
    stderr: () => stderr,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const secret = 'a-test-secret-of-at-least-32-characters';

test('it listens on PORT, logs "<name> service listening", and on SIGTERM closes in order and exits 0', async () => {
  const port = await freePort();
  const service = run({ PORT: String(port), JWT_SECRET: secret });
  const deadline = Date.now() + 20_000;
  while (!service.lines().some((line) => line.msg === 'fixture service listening')) {
    if (Date.now() > deadline) throw new Error(`not listening: ${service.stderr()}`);
    await sleep(50);
  }
  expect(service.lines().find((line) => line.msg === 'fixture service listening')).toMatchObject({
    service: 'fixture',
    port,
    store: 'memory',
  });
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

  service.kill('SIGTERM');
  expect(await service.exited).toBe(0);
  const closed = service
    .lines()
    .filter((line) => line.msg === 'closed')
    .map((line) => line.closer);
  expect(closed).toEqual(['http server', 'worker', 'nats', 'telemetry']);
  expect(service.lines().at(-1)?.msg).toBe('shutdown complete');
});

test('a bad configuration prints its report and exits 1 before anything starts', async () => {
  const service = run({ PORT: 'eighty', JWT_SECRET: secret });
  expect(await service.exited).toBe(1);
  expect(service.stderr()).toContain('Invalid configuration');
  expect(service.stderr()).toContain('PORT');
  expect(service.lines()).toEqual([]);
});

test('a wiring that throws prints "<name> failed to start" with the error and exits 1', async () => {
  const service = run({ PORT: String(await freePort()), JWT_SECRET: secret, FAIL_WIRING: '1' });
  expect(await service.exited).toBe(1);
  expect(service.stderr()).toContain('fixture failed to start: Error: the store did not open');
});
