// Attacks on the HTTP kit's edge, each performed and seen to fail: a slow-loris client, a flood of
// connections, one client's flood starving another, guessed tokens, and a body parsed before the
// sender is known.
import { connect, type Socket } from 'node:net';
import { Router } from 'express';
import { createHttpApp, listen, requireRole, type ServerLimits, signToken } from '../src/index.js';
import { body, postJson, type Running, serve } from './support.js';

const secret = 'an-edge-test-secret-that-is-long-enough!!';

async function start(limits: ServerLimits = {}): Promise<Running> {
  const app = createHttpApp({
    service: 'edge',
    auth: { secret },
    rateLimit: { client: { perSecond: 0.01, burst: 3 }, anonymous: { perSecond: 0.01, burst: 3 } },
    trustProxy: true,
  });
  const router = Router();
  router.post('/v1/things', requireRole('agent'), (req, res) => {
    res.status(201).json(req.body);
  });
  router.get('/v1/open', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(router);
  return serve(app, limits);
}

const tokenOf = (subject: string) => signToken({ secret, subject, roles: ['agent'] });
let addresses = 0;
const newAddress = () => `198.51.100.${++addresses}`;

function socketTo(url: string): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the server sent before it closed the socket, and when it closed (ms after `since`). */
function closed(socket: Socket, since: number): Promise<{ received: string; afterMs: number }> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.once('close', () => resolve({ received, afterMs: Date.now() - since }));
  });
}

describe('server timeouts and the connection cap', () => {
  let api: Running;
  beforeAll(async () => {
    api = await start({ headersTimeoutMs: 600, requestTimeoutMs: 1_200, maxConnections: 3 });
  });
  afterAll(() => api.close());

  it('cuts off a slow-loris client that sends its headers byte by byte', async () => {
    const socket = await socketTo(api.url);
    const started = Date.now();
    const done = closed(socket, started);
    const request =
      'GET /v1/open HTTP/1.1\r\nHost: edge\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n';
    let sent = 0;
    const drip = setInterval(() => {
      if (socket.destroyed || sent >= request.length) return;
      socket.write(request[sent++] ?? '');
    }, 50);
    const { received, afterMs } = await done;
    clearInterval(drip);
    // 600 ms for the headers, checked every 300 ms: cut off well before it finished (≈ 5 s of bytes).
    expect(sent).toBeLessThan(request.length);
    expect(afterMs).toBeLessThan(2_500);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that sends its body too slowly', async () => {
    const socket = await socketTo(api.url);
    const done = closed(socket, Date.now());
    socket.write(
      `POST /v1/things HTTP/1.1\r\nHost: edge\r\nAuthorization: Bearer ${await tokenOf('slow-body')}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    );
    const drip = setInterval(() => socket.destroyed || socket.write(' '), 100);
    const { received, afterMs } = await done;
    clearInterval(drip);
    expect(afterMs).toBeLessThan(3_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes connections beyond the cap at once', async () => {
    const held = await Promise.all([socketTo(api.url), socketTo(api.url), socketTo(api.url)]);
    const extra = await socketTo(api.url);
    const { received, afterMs } = await closed(extra, Date.now());
    expect(received).toBe('');
    expect(afterMs).toBeLessThan(1_000);
    for (const socket of held) socket.destroy();
  });

  it('refuses limits where the headers may take longer than the whole request', async () => {
    const app = createHttpApp({ service: 'edge' });
    await expect(
      listen(app, 0, '127.0.0.1', { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }),
    ).rejects.toThrow(/must not exceed requestTimeoutMs/);
  });
});

describe('rate limits per client, taken after authentication and before the body', () => {
  let api: Running;
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.close());

  const post = (token: string | undefined, address: string, payload: unknown, type = 'application/json') =>
    fetch(`${api.url}/v1/things`, {
      method: 'POST',
      headers: {
        'content-type': type,
        'x-forwarded-for': address,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it("one client's flood starves only that client, with 429 problem+json and Retry-After", async () => {
    const address = newAddress();
    const flooder = await tokenOf('flooder');
    for (let i = 0; i < 3; i++) expect((await post(flooder, address, { n: i })).status).toBe(201);
    const limited = await post(flooder, address, { n: 3 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(90);
    expect(await body(limited)).toMatchObject({ type: 'urn:chp:problem:rate-limited', status: 429 });
    // Another client from the same address is served.
    expect((await post(await tokenOf('bystander'), address, { n: 0 })).status).toBe(201);
  });

  it('counts bad content types and malformed bodies against the sender', async () => {
    const address = newAddress();
    const sender = await tokenOf('sloppy');
    expect((await post(sender, address, 'hello', 'text/plain')).status).toBe(415);
    expect((await post(sender, address, '{"a": ')).status).toBe(400);
    expect((await post(sender, address, 'hello', 'text/plain')).status).toBe(415);
    expect((await post(sender, address, { fine: true })).status).toBe(429);
  });

  it('counts refused tokens against the address, not the subject they name', async () => {
    const address = newAddress();
    const forged = await signToken({ secret: 'y'.repeat(40), subject: 'victim', roles: ['agent'] });
    for (let i = 0; i < 3; i++) expect((await post(forged, address, {})).status).toBe(401);
    expect((await post(forged, address, {})).status).toBe(429);
    expect((await post(await tokenOf('victim'), address, { mine: true })).status).toBe(201);
    // Public routes share the address's bucket: the guesser is limited there too.
    expect((await fetch(`${api.url}/v1/open`, { headers: { 'x-forwarded-for': address } })).status).toBe(429);
    expect((await fetch(`${api.url}/v1/open`, { headers: { 'x-forwarded-for': newAddress() } })).status).toBe(
      200,
    );
  });

  it('counts an IPv6 client by its /64', async () => {
    const forged = await signToken({ secret: 'y'.repeat(40), subject: 'x', roles: ['agent'] });
    for (let i = 1; i <= 3; i++) expect((await post(forged, `2001:db8:1:2::${i}`, {})).status).toBe(401);
    expect((await post(forged, '2001:db8:1:2:ffff::9', {})).status).toBe(429);
    expect((await post(forged, '2001:db8:1:3::1', {})).status).toBe(401);
  });
});

describe('authentication before the body', () => {
  let api: Running;
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.close());

  it('answers 401, not 400, to a malformed body without a token', async () => {
    const res = await postJson(`${api.url}/v1/things`, '{"broken": ', { 'x-forwarded-for': newAddress() });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="edge"');
  });

  it('answers 401, not 413 or 415, to an oversized or non-JSON body without a token', async () => {
    const big = await postJson(`${api.url}/v1/things`, 'x'.repeat(300_000), {
      'x-forwarded-for': newAddress(),
    });
    expect(big.status).toBe(401);
    const plain = await fetch(`${api.url}/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': newAddress() },
      body: 'hello',
    });
    expect(plain.status).toBe(401);
  });

  it('still parses the body of an authenticated request, and answers 400 to a malformed one', async () => {
    const token = await tokenOf('parser');
    const ok = await postJson(`${api.url}/v1/things`, { a: 1 }, { authorization: `Bearer ${token}` });
    expect([ok.status, await body(ok)]).toEqual([201, { a: 1 }]);
    const bad = await postJson(`${api.url}/v1/things`, '{"a": ', { authorization: `Bearer ${token}` });
    expect(bad.status).toBe(400);
  });
});
