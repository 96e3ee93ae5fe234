// runNatsService as the services' main.ts use it, in a real process against a real nats-server: it
// connects before the wiring with the service's own credentials, and on SIGTERM closes the work flowing in,
// then drains NATS, then the resources, and exits 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sleep } from '@chp/platform';
import { freePort, type NatsHandle, nats } from '@chp/testing';
import { connect } from '../src/index.js';

const fixtures = join(__dirname, 'fixtures');
let server: NatsHandle;

beforeAll(async () => {
  server = await nats();
});
afterAll(async () => {
  await server?.stop();
});

test('it connects before the wiring, and shuts down: the work flowing in, then NATS, then the stores', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(fixtures, 'nats-service.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      ...server.serviceEnv('complaints'),
      JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
      TSX_TSCONFIG_PATH: join(fixtures, 'tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; [key: string]: unknown });

  const deadline = Date.now() + 20_000;
  while (!lines().some((line) => line.msg === 'complaints service listening')) {
    if (Date.now() > deadline) throw new Error(`not listening: ${stderr}`);
    await sleep(50);
  }
  // The wiring's subscription works on the connection it was given.
  const client = await connect({ servers: server.url });
  try {
    expect((await client.request('complaints.cmd.fixture-ping', '', { timeout: 2000 })).string()).toBe(
      'pong',
    );
  } finally {
    await client.close();
  }

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  const closed = lines()
    .filter((line) => line.msg === 'closed')
    .map((line) => line.closer);
  expect(closed).toEqual(['http server', 'worker', 'nats', 'store', 'telemetry']);
  expect(lines().find((line) => line.msg === 'closing the store')?.natsClosed).toBe(true);
});
