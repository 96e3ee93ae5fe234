// The complaints service as it runs (dist/main.js) with the token rules, rate limits and timeouts of
// its environment: each attack performed against the process and seen to fail.
import { createHmac } from 'node:crypto';
import { connect as connectSocket } from 'node:net';
import { signToken } from '@chp/platform';
import { type NatsHandle, nats, type ServiceProcess, startServiceProcess } from '@chp/testing';

const secret = 'complaints-edge-test-secret-of-32-chars!';
const issuer = 'chp-test';
const audience = 'chp-api';

let natsServer: NatsHandle;
let service: ServiceProcess;
beforeAll(async () => {
  natsServer = await nats();
  service = await startServiceProcess({
    service: 'complaints',
    env: {
      NATS_URL: natsServer.url,
      EVENT_STORE_URL: 'memory://',
      LOG_LEVEL: 'warn',
      RELAY_ENABLED: 'false',
      SLA_MONITOR_ENABLED: 'false',
      NOTIFICATIONS_CONSUMER_ENABLED: 'false',
      JWT_SECRET: secret,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
      JWT_MAX_LIFETIME: '1h',
      RATE_LIMIT_PER_SECOND: '0.01',
      RATE_LIMIT_BURST: '3',
      RATE_LIMIT_ANONYMOUS_PER_SECOND: '0.01',
      RATE_LIMIT_ANONYMOUS_BURST: '3',
      TRUST_PROXY: 'loopback',
      HTTP_HEADERS_TIMEOUT: '500ms',
      HTTP_REQUEST_TIMEOUT: '1s',
    },
  });
}, 90_000);
afterAll(async () => {
  await service?.stop();
  await natsServer?.stop();
});

let addresses = 0;
const newAddress = () => `192.0.2.${++addresses}`;
const token = (subject: string, extra: { issuer?: string; audience?: string; expiresIn?: string } = {}) =>
  signToken({ secret, subject, roles: ['service'], issuer, audience, expiresIn: '10m', ...extra });
/** A JWT with exactly these claims (signToken always sets `exp`). */
function hs256(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const feed = (bearer: string, address = newAddress()) =>
  fetch(`${service.url}/internal/v1/events?limit=1`, {
    headers: { authorization: `Bearer ${bearer}`, 'x-forwarded-for': address },
  });

it('accepts a token from the configured issuer for the configured audience, within the lifetime', async () => {
  expect((await feed(await token('reader-ok'))).status).toBe(200);
});

it('refuses tokens for another audience, from another issuer, living too long, or without exp', async () => {
  const refused = [
    await token('reader-1', { audience: 'another-api' }),
    await token('reader-2', { issuer: 'someone-else' }),
    await token('reader-3', { expiresIn: '100d' }),
    hs256({ sub: 'reader-4', roles: ['admin'], iss: issuer, aud: audience }),
  ];
  for (const bearer of refused) expect((await feed(bearer)).status).toBe(401);
});

it("limits each client on its own: one reader's flood leaves another served", async () => {
  const address = newAddress();
  const flooder = await token('reader-flood');
  for (let i = 0; i < 3; i++) expect((await feed(flooder, address)).status).toBe(200);
  const limited = await feed(flooder, address);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await feed(await token('reader-calm'), address)).status).toBe(200);
});

it('cuts off a client that sends its headers byte by byte', async () => {
  const { port } = new URL(service.url);
  const socket = connectSocket(Number(port), '127.0.0.1');
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const request =
    'GET /internal/v1/events HTTP/1.1\r\nHost: complaints\r\nX-Slow: loris-loris-loris-loris\r\n';
  let sent = 0;
  const drip = setInterval(() => {
    if (!socket.destroyed && sent < request.length) socket.write(request[sent++] ?? '');
  }, 50);
  await new Promise((resolve) => socket.once('close', resolve));
  clearInterval(drip);
  expect(sent).toBeLessThan(request.length);
  expect(Date.now() - started).toBeLessThan(2_500);
  expect(received).toMatch(/^HTTP\/1\.1 408/);
});
