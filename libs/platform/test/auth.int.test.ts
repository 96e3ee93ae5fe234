import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  type AuthOptions,
  actorOf,
  createHttpApp,
  feedTokenAudience,
  requireRole,
  signToken,
} from '../src/index.js';
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

describe('token rules: exp required, a bounded lifetime, iss and aud required when configured', () => {
  let api: Running;
  beforeAll(async () => {
    api = await start({ secret, issuer: 'chp', audience: 'chp-api', maxLifetimeSeconds: 8 * 3600 });
  });
  afterAll(() => api.close());

  const key = new TextEncoder().encode(secret);
  /** A token with exactly the claims given (signToken always sets exp, iss when asked, …). */
  const raw = (claims: Record<string, unknown>) =>
    new SignJWT({ sub: 'attacker', roles: ['admin'], ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
  const now = () => Math.floor(Date.now() / 1000);
  const detailOf = async (token: string) => {
    const res = await get(`${api.url}/v1/queue`, token);
    expect(res.status).toBe(401);
    return (await body(res)).detail;
  };

  it('refuses a token without exp', async () => {
    expect(await detailOf(await raw({ iss: 'chp', aud: 'chp-api', iat: now() }))).toBe(
      'The token has no exp claim',
    );
  });

  it('refuses a token with a 100-year exp, with or without iat', async () => {
    const century = now() + 100 * 365 * 86_400;
    expect(await detailOf(await raw({ iss: 'chp', aud: 'chp-api', iat: now(), exp: century }))).toBe(
      'The token lives longer than the 28800 s allowed',
    );
    expect(await detailOf(await raw({ iss: 'chp', aud: 'chp-api', exp: century }))).toBe(
      'The token lives longer than the 28800 s allowed',
    );
    // Back-dating iat to look fresh does not help: exp - iat is what counts.
    expect(
      await detailOf(await raw({ iss: 'chp', aud: 'chp-api', iat: now() - 3600, exp: now() + 8 * 3600 })),
    ).toBe('The token lives longer than the 28800 s allowed');
  });

  it('accepts a token that lives exactly as long as allowed', async () => {
    const token = await signToken({
      secret,
      subject: 'u',
      roles: ['admin'],
      issuer: 'chp',
      audience: 'chp-api',
      expiresIn: '8h',
    });
    expect((await get(`${api.url}/v1/queue`, token)).status).toBe(200);
  });

  it('refuses a token without iss or aud, or with another issuer or audience', async () => {
    const exp = now() + 600;
    expect(await detailOf(await raw({ aud: 'chp-api', exp }))).toBe('The token has no iss claim');
    expect(await detailOf(await raw({ iss: 'chp', exp }))).toBe('The token has no aud claim');
    expect(await detailOf(await raw({ iss: 'evil', aud: 'chp-api', exp }))).toBe(
      "The token's iss claim is not accepted",
    );
    expect(await detailOf(await raw({ iss: 'chp', aud: 'other-api', exp }))).toBe(
      "The token's aud claim is not accepted",
    );
  });

  it('has a default lifetime limit of 24 h', async () => {
    const defaults = await start({ secret });
    try {
      const day = await signToken({ secret, subject: 'u', roles: ['admin'], expiresIn: '24h' });
      expect((await get(`${defaults.url}/v1/queue`, day)).status).toBe(200);
      const month = await signToken({ secret, subject: 'u', roles: ['admin'], expiresIn: '30d' });
      expect((await get(`${defaults.url}/v1/queue`, month)).status).toBe(401);
    } finally {
      await defaults.close();
    }
  });
});

describe('service tokens of one purpose, beside the main key', () => {
  const feedSecret = 'a-feed-token-secret-of-at-least-32-characters';
  let api: Running;
  beforeAll(async () => {
    api = await start({
      secret,
      issuer: 'chp',
      audience: 'chp-api',
      serviceTokens: { secret: feedSecret, audience: feedTokenAudience },
    });
  });
  afterAll(() => api.close());

  it('accepts a token signed with the purpose key for its audience, acting only as service', async () => {
    const token = await signToken({
      secret: feedSecret,
      subject: 'projections',
      roles: ['admin', 'service'],
      audience: feedTokenAudience,
      expiresIn: '5m',
    });
    expect((await get(`${api.url}/v1/queue`, token)).status).toBe(403);
    expect(await body(await get(`${api.url}/v1/anyone`, token))).toEqual({
      actor: { id: 'projections', role: 'service', roles: ['service'] },
    });
  });

  it('refuses the purpose key for any other audience, and the main key for the purpose audience', async () => {
    const mainAudience = await signToken({
      secret: feedSecret,
      subject: 'x',
      roles: ['admin'],
      issuer: 'chp',
      audience: 'chp-api',
    });
    expect((await body(await get(`${api.url}/v1/anyone`, mainAudience))).detail).toBe(
      'The token signature is not valid',
    );
    const forged = await signToken({ secret, subject: 'x', roles: ['service'], audience: feedTokenAudience });
    expect((await get(`${api.url}/v1/anyone`, forged)).status).toBe(401);
  });

  it('holds purpose tokens to the same rules: exp and the lifetime limit', async () => {
    const long = await signToken({
      secret: feedSecret,
      subject: 'projections',
      roles: ['service'],
      audience: feedTokenAudience,
      expiresIn: '30d',
    });
    expect((await get(`${api.url}/v1/anyone`, long)).status).toBe(401);
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
