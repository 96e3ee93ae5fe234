import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { type AuthOptions, actorOf, createHttpApp, requireRole, signToken } from '../src/index.js';
import { body, type Running, serve } from './support.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

function routes(): Router {
  const router = Router();
  router.get('/queue', requireRole('supervisor', 'admin'), (req, res) => {
    res.json({ actor: actorOf(req) });
  });
  router.get('/anyone', requireRole(), (req, res) => {
    res.json({ actor: actorOf(req) });
  });
  router.get('/public', (req, res) => {
    res.json({ actor: req.actor ?? null });
  });
  return router;
}

async function start(auth: AuthOptions): Promise<Running> {
  const app = createHttpApp({ service: 'complaints', auth });
  app.use('/v1', routes());
  return serve(app);
}

function get(url: string, token?: string): Promise<Response> {
  return fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe('JWT bearer auth with an HS256 secret', () => {
  let api: Running;
  beforeAll(async () => {
    api = await start({ secret, issuer: 'chp', audience: 'chp-api' });
  });
  afterAll(() => api.close());

  const token = (
    roles: Parameters<typeof signToken>[0]['roles'],
    extra: Partial<Parameters<typeof signToken>[0]> = {},
  ) => signToken({ secret, subject: 'user-1', roles, issuer: 'chp', audience: 'chp-api', ...extra });

  it('answers 401 problem+json with WWW-Authenticate when there is no token', async () => {
    const res = await get(`${api.url}/v1/queue`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="complaints"');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await body(res)).toMatchObject({ type: 'urn:chp:problem:unauthorized', status: 401 });
  });

  it('answers 401 for an expired token', async () => {
    const res = await get(`${api.url}/v1/queue`, await token(['supervisor'], { expiresIn: -60 }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="complaints", error="invalid_token", error_description="The token has expired"',
    );
    expect((await body(res)).detail).toBe('The token has expired');
  });

  it('answers 401 for a token signed with another secret, a wrong audience, or garbage', async () => {
    const forged = await token(['admin'], { secret: 'another-secret-that-is-also-long-enough!!' });
    expect((await body(await get(`${api.url}/v1/queue`, forged))).detail).toBe(
      'The token signature is not valid',
    );
    const elsewhere = await token(['admin'], { audience: 'someone-else' });
    const res = await get(`${api.url}/v1/queue`, elsewhere);
    expect(res.status).toBe(401);
    expect((await body(res)).detail).toBe("The token's aud claim is not accepted");
    expect((await get(`${api.url}/v1/queue`, 'abc.def.ghi')).status).toBe(401);
  });

  it('answers 401 on a public route too when a token is present but invalid', async () => {
    expect((await get(`${api.url}/v1/public`, 'abc.def.ghi')).status).toBe(401);
    expect(await body(await get(`${api.url}/v1/public`))).toEqual({ actor: null });
  });

  it('answers 401 for a token without any known role', async () => {
    const res = await get(
      `${api.url}/v1/anyone`,
      await signToken({ secret, subject: 'x', roles: [], issuer: 'chp', audience: 'chp-api' }),
    );
    expect(res.status).toBe(401);
    expect((await body(res)).detail).toMatch(/none of the roles/);
  });

  it('answers 403 problem+json for the wrong role', async () => {
    const res = await get(`${api.url}/v1/queue`, await token(['agent', 'channel']));
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await body(res)).toMatchObject({
      type: 'urn:chp:problem:forbidden',
      status: 403,
      detail: 'This needs one of the roles supervisor, admin; the token has agent, channel',
    });
  });

  it('lets the right role through with the actor on the request, acting in the allowed role', async () => {
    const res = await get(`${api.url}/v1/queue`, await token(['agent', 'supervisor']));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      actor: { id: 'user-1', role: 'supervisor', roles: ['agent', 'supervisor'] },
    });
    const anyone = await get(`${api.url}/v1/anyone`, await token(['channel']));
    expect(await body(anyone)).toEqual({ actor: { id: 'user-1', role: 'channel', roles: ['channel'] } });
  });
});

describe('JWT bearer auth with a JWKS URL', () => {
  let jwks: Server;
  let jwksUrl: string;
  let api: Running;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    api = await start({ jwksUrl, issuer: 'https://idp.example' });
  });
  afterAll(async () => {
    await api.close();
    jwks.closeAllConnections();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const rs256 = (kid: string, key: CryptoKey, expiresIn = '5m') =>
    new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('admin-7')
      .setIssuer('https://idp.example')
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);

  it('accepts a token signed by a key from the JWKS', async () => {
    const res = await get(`${api.url}/v1/queue`, await rs256('key-1', privateKey));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ actor: { id: 'admin-7', role: 'admin', roles: ['admin'] } });
  });

  it('refuses a token from an unknown key, and an HS256 token', async () => {
    const stranger = await generateKeyPair('RS256');
    const unknown = await get(`${api.url}/v1/queue`, await rs256('key-2', stranger.privateKey));
    expect(unknown.status).toBe(401);
    expect((await body(unknown)).detail).toBe('The token was not signed by a known key');
    const hs256 = await signToken({ secret, subject: 'x', roles: ['admin'], issuer: 'https://idp.example' });
    const res = await get(`${api.url}/v1/queue`, hs256);
    expect(res.status).toBe(401);
    expect((await body(res)).detail).toBe('The token algorithm is not accepted');
  });

  it('answers 503, not 401, when the JWKS cannot be fetched', async () => {
    const unreachable = await start({ jwksUrl: `${jwksUrl.replace(/:\d+\//, ':1/')}` });
    try {
      const res = await get(`${unreachable.url}/v1/queue`, await rs256('key-1', privateKey));
      expect(res.status).toBe(503);
      expect(await body(res)).toMatchObject({ type: 'urn:chp:problem:auth-unavailable', status: 503 });
    } finally {
      await unreachable.close();
    }
  });
});
