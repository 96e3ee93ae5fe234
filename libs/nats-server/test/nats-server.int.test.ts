import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findOnPath,
  greets,
  NatsServerMissingError,
  type NatsServerProcess,
  startNatsServer,
} from '@chp/nats-server';

jest.setTimeout(60_000);

let storeDir: string;
let server: NatsServerProcess | undefined;

beforeEach(async () => {
  storeDir = await mkdtemp(join(tmpdir(), 'chp-nats-server-'));
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(storeDir, { recursive: true, force: true });
});

/** The INFO line a fresh client gets: JetStream must be on. */
function info(port: number): Promise<{ jetstream?: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(JSON.parse(data.toString('utf8').replace(/^INFO /, '')));
    });
    socket.once('error', reject);
  });
}

test('starts nats-server with JetStream on a port it picks, and reports it', async () => {
  server = await startNatsServer({ storeDir });
  expect(server.port).toBeGreaterThan(0);
  expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
  expect((await info(server.port)).jetstream).toBe(true);
});

test('after SIGKILL it is down until start(), which brings it back on the same port', async () => {
  server = await startNatsServer({ storeDir });
  const { port } = server;
  const first = server.pid;
  expect(first).toEqual(expect.any(Number));
  await server.kill();
  expect(server.pid).toBeUndefined();
  expect(await greets('127.0.0.1', port)).toBe(false);
  await server.start();
  expect(server.port).toBe(port);
  expect(server.pid).toEqual(expect.any(Number));
  expect(server.pid).not.toBe(first);
  const after = await info(port);
  expect(after.jetstream).toBe(true);
});

test('a listener that is not NATS and hangs up at once does not greet (the answer comes, false)', async () => {
  const other = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = other.address() as { port: number };
    expect(await greets('127.0.0.1', port, 5_000)).toBe(false);
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});

test('a binary that is not there is named, with how to install one', async () => {
  const original = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    expect(await findOnPath('nats-server')).toBeUndefined();
    await expect(startNatsServer({ storeDir })).rejects.toThrow(NatsServerMissingError);
    await expect(startNatsServer({ storeDir })).rejects.toThrow(/apt-get install nats-server/);
  } finally {
    process.env.PATH = original;
  }
});

test('a server that cannot start says why, with its output', async () => {
  server = await startNatsServer({ storeDir });
  const other = await mkdtemp(join(tmpdir(), 'chp-nats-server-'));
  try {
    await expect(
      startNatsServer({ storeDir: other, port: server.port, startTimeoutMs: 5_000 }),
    ).rejects.toThrow(/nats-server .*(exited|did not accept)/s);
  } finally {
    await rm(other, { recursive: true, force: true });
  }
});
