// `npm start`'s launcher as a user runs it: prerequisites named, the banner printed, Ctrl-C (SIGINT)
// stopping everything with exit 0, and a second start finding the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, exposedFiles, repoRoot, StackClient, samples } from '@chp/stack';
import { freePort } from '@chp/testing';

jest.setTimeout(240_000);

const root = repoRoot(__dirname);
const cli = join(root, 'libs', 'stack', 'dist', 'cli', 'start.js');

interface Launch {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Launches still running when their test ends: a failed expectation must not leave a stack behind. */
const running = new Set<Launch>();

function launch(env: NodeJS.ProcessEnv): Launch {
  const child = spawn(process.execPath, [cli], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const launched = { child, output: () => output, exit };
  running.add(launched);
  void exit.then(() => running.delete(launched));
  return launched;
}

/** The lines the launcher echoed from a service's log. */
const serviceLines = (output: string) =>
  output.split('\n').filter((line) => /^\[(intake|complaints|projections|notifications)\]/.test(line));

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' });

async function ports() {
  return {
    INTAKE_PORT: String(await freePort()),
    COMPLAINTS_PORT: String(await freePort()),
    PROJECTIONS_PORT: String(await freePort()),
    NOTIFICATIONS_PORT: String(await freePort()),
    NATS_PORT: String(await freePort()),
    CONSOLE_PORT: String(await freePort()),
    IDENTITY_PORT: String(await freePort()),
  };
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chp-start-'));
});
afterEach(async () => {
  for (const launched of running) {
    launched.child.kill('SIGINT');
    await launched.exit;
  }
  await rm(dataDir, { recursive: true, force: true });
});

test('without nats-server on PATH and no NATS answering, it says what to install and exits 1', async () => {
  const started = launch({ ...(await ports()), PATH: '/usr/bin/no-such-dir', DATA_DIR: dataDir });
  expect(await started.exit).toBe(1);
  expect(started.output()).toContain('nats-server is not on PATH');
  expect(started.output()).toContain('NATS_URL');
});

test('a NATS_URL that does not answer is named', async () => {
  const url = `nats://127.0.0.1:${await freePort()}`;
  const started = launch({ ...baseEnv(), ...(await ports()), NATS_URL: url, DATA_DIR: dataDir });
  expect(await started.exit).toBe(1);
  expect(started.output()).toContain(`NATS_URL=${url} does not answer`);
});

test('a taken port is named with the variable that moves it', async () => {
  const env = await ports();
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(Number(env.PROJECTIONS_PORT), '0.0.0.0', resolve));
  try {
    const started = launch({ ...baseEnv(), ...env, DATA_DIR: dataDir });
    expect(await started.exit).toBe(1);
    expect(started.output()).toContain(`Port ${env.PROJECTIONS_PORT} (projections) is taken`);
    expect(started.output()).toContain('PROJECTIONS_PORT=<port>');
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('a NATS port held by something that is not NATS is named with NATS_PORT', async () => {
  const env = await ports();
  const blocker: Server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => blocker.listen(Number(env.NATS_PORT), '0.0.0.0', resolve));
  try {
    const started = launch({ ...baseEnv(), ...env, DATA_DIR: dataDir });
    expect(await started.exit).toBe(1);
    expect(started.output()).toContain(`Port ${env.NATS_PORT} (nats-server) is taken`);
    expect(started.output()).toContain('NATS_PORT=<port>');
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('on fresh data it prints URLs, where the tokens are and a curl but no warning or error; Ctrl-C stops it cleanly; a second start finds the same data', async () => {
  const env = { ...baseEnv(), ...(await ports()), DATA_DIR: dataDir };
  const first = launch(env);
  await eventually('the banner', async () => first.output().includes('is running'), 120_000);
  for (const expected of [
    `http://127.0.0.1:${env.INTAKE_PORT}`,
    `http://127.0.0.1:${env.PROJECTIONS_PORT}`,
    `nats://127.0.0.1:${env.NATS_PORT}`,
    'valid 12 hours',
    `require('${join(dataDir, 'stack.json')}').tokens.channel`,
    'curl -s -X POST',
    `http://localhost:${env.CONSOLE_PORT}`,
    'password ',
  ]) {
    expect(first.output()).toContain(expected);
  }

  // The curl the banner prints files a complaint (run here through fetch with the token it reads).
  // The tokens themselves are not printed: a terminal's scrollback and logs would keep them.
  const info = JSON.parse(await readFile(join(dataDir, 'stack.json'), 'utf8'));
  for (const token of Object.values(info.tokens as Record<string, string>)) {
    expect(first.output()).not.toContain(token);
  }
  const client = new StackClient(info);
  const sample = samples[0]!;
  const filed = await client.submit(
    {
      channel: 'web',
      externalRef: 'cli-1',
      customer: { name: sample.name, email: 'cli@customers.example', preferredLanguage: 'en' },
      subject: sample.subject,
      description: sample.description,
    },
    'cli-1',
  );
  expect(filed.status).toBe(201);
  await eventually('the complaint in the read model', async () =>
    (await client.get<{ items: unknown[] }>('projections', '/v1/complaints'))?.items.length === 1
      ? true
      : undefined,
  );

  // A first start is quiet: the launcher echoes a service's warnings and errors as `[service] …`,
  // and there are none (the rebuild of the empty read model waits for complaints' feed).
  expect(serviceLines(first.output())).toEqual([]);
  // Nor does anything else it runs (the OpenID provider's notices go to .data/logs/identity.log).
  expect(
    first
      .output()
      .split('\n')
      .filter((line) => /warn|error|fail/i.test(line)),
  ).toEqual([]);

  // Every file the stack and its services wrote (PGlite, NATS store, keys, mail, logs) is private.
  expect(await exposedFiles(dataDir)).toEqual([]);

  first.child.kill('SIGINT');
  expect(await first.exit).toBe(0);
  expect(first.output()).toContain('Stopped.');

  const second = launch(env);
  try {
    await eventually('the banner again', async () => second.output().includes('is running'), 120_000);
    const again = new StackClient(JSON.parse(await readFile(join(dataDir, 'stack.json'), 'utf8')));
    const state = await again.get<{ state: { reference: string } }>(
      'complaints',
      `/v1/complaints/${filed.body.complaintId}`,
    );
    expect(state?.state.reference).toBe(filed.body.reference);
    const page = await again.get<{ items: { id: string }[] }>('projections', '/v1/complaints');
    expect(page?.items.map((i) => i.id)).toEqual([filed.body.complaintId]);
  } finally {
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  }
});
