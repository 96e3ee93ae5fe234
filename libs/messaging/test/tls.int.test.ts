// TLS to NATS (NATS_TLS_CA and friends): a server that requires TLS is reached with the CA of its
// certificate, and a client without it is told what to check, not "start nats-server".
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, NatsTlsError } from '@chp/messaging';
import { findOnPath, type NatsServerProcess, renderNatsConfig, startNatsServer } from '@chp/nats-server';

jest.setTimeout(60_000);

let dir: string;
let server: NatsServerProcess | undefined;
let skipped: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chp-nats-tls-'));
  const openssl = await findOnPath('openssl');
  if (!openssl || process.env.NATS_URL) {
    skipped = openssl ? 'NATS_URL is set: this test needs a server of its own' : 'openssl is not on PATH';
    return;
  }
  const made = spawnSync(openssl, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    join(dir, 'server.key'),
    '-out',
    join(dir, 'server.crt'),
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  const operator = { publish: { allow: ['>'] }, subscribe: { allow: ['>'] } };
  server = await startNatsServer({
    storeDir: join(dir, 'store'),
    scheme: 'tls',
    config: renderNatsConfig({
      users: [
        {
          name: 'operator',
          auth: { user: 'operator', password: 'secret-for-this-test' },
          permissions: operator,
        },
      ],
      tls: { certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') },
    }),
  });
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('with the CA of the server certificate, the connection is encrypted and works', async () => {
  if (skipped || !server) return console.log(`skipped: ${skipped}`);
  const nc = await connect({
    servers: server.url,
    auth: { user: 'operator', password: 'secret-for-this-test' },
    tls: { caFile: join(dir, 'server.crt') },
  });
  try {
    const sub = nc.subscribe('ping', { max: 1 });
    nc.publish('ping', 'over tls');
    for await (const msg of sub) expect(msg.string()).toBe('over tls');
    expect(nc.info?.tls_required).toBe(true);
  } finally {
    await nc.close();
  }
});

test('without it, the error names NATS_TLS_CA', async () => {
  if (skipped || !server) return console.log(`skipped: ${skipped}`);
  const error = await connect({
    servers: server.url,
    auth: { user: 'operator', password: 'secret-for-this-test' },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NatsTlsError);
  expect((error as Error).message).toMatch(/check NATS_TLS_CA/);
});
