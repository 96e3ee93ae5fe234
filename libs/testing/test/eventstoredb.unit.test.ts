// Whether the EventStoreDB legs run is decided synchronously at `describe` time; a Docker socket
// whose daemon does not answer must be a skip with its reason, not a leg that then fails.
import { spawn } from 'node:child_process';
import { eventstoredbAvailability, freePort } from '@chp/testing';

const saved = { ESDB_URL: process.env.ESDB_URL, DOCKER_HOST: process.env.DOCKER_HOST };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

test('ESDB_URL decides without asking Docker', () => {
  process.env.ESDB_URL = 'esdb://localhost:2113?tls=false';
  process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
  expect(eventstoredbAvailability()).toEqual({ available: true, via: 'ESDB_URL' });
});

test('a Docker endpoint that does not answer is unavailable, with the endpoint and why', async () => {
  delete process.env.ESDB_URL;
  process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
  const missing = eventstoredbAvailability();
  expect(missing.available).toBe(false);
  expect(!missing.available && missing.reason).toContain(
    'Docker at /nonexistent/docker.sock is not reachable',
  );
  expect(!missing.available && missing.reason).toContain('ESDB_URL=');

  process.env.DOCKER_HOST = `tcp://127.0.0.1:${await freePort()}`;
  const refused = eventstoredbAvailability();
  expect(!refused.available && refused.reason).toContain('ECONNREFUSED');
});

test('a Docker endpoint that answers /_ping makes the leg run via docker', async () => {
  delete process.env.ESDB_URL;
  const port = await freePort();
  // The fake engine lives in another process: the check blocks this one while it asks.
  const engine = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q,s)=>{s.statusCode=q.url==='/_ping'?200:404;s.end('OK')})` +
        `.listen(${port},'127.0.0.1',()=>process.stdout.write('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve) => engine.stdout?.once('data', () => resolve()));
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${port}`;
    expect(eventstoredbAvailability()).toEqual({ available: true, via: 'docker' });
  } finally {
    engine.kill();
  }
});
