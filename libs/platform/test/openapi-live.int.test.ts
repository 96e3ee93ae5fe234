import type { Server } from 'node:http';
import {
  createHttpApp,
  finalize,
  listen,
  type OpenApiDocument,
  type Role,
  requireRole,
  roles,
  signToken,
  urlOf,
} from '@chp/platform';
import { liveAuthMismatches, servedAuthMismatches } from '@chp/testing';

const secret = 'openapi-live-test-secret-of-32-characters';
const tokenSignedWith = (key: string) => (held: string[]) =>
  signToken({ secret: key, subject: 'someone', roles: held as Role[] });
const token = tokenSignedWith(secret);

function liveApp() {
  const app = createHttpApp({ service: 'live', auth: { secret } });
  app.get('/v1/agents-only', requireRole('agent'), (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/v1/public', (_req, res) => {
    res.json({ ok: true });
  });
  return finalize(app);
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = await listen(liveApp(), 0, '127.0.0.1');
  base = urlOf(server);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const documentOf = (paths: OpenApiDocument['paths']): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 'live', version: '1' },
  paths,
  components: {},
});
const bearer = (allowed: string[]) => ({ security: [{ bearer: allowed }], responses: { '200': {} } });

test('a document that says what the app does has no mismatches', async () => {
  const document = documentOf({
    '/v1/agents-only': { get: bearer(['agent']) },
    '/v1/public': { get: { security: [], responses: { '200': {} } } },
  });
  expect(await liveAuthMismatches(document, { base, roles, token })).toEqual([]);
});

test('wrong roles, an open route documented as bearer, an unknown role and an undocumented status are named', async () => {
  const document = documentOf({
    '/v1/agents-only': { get: bearer(['supervisor', 'auditor']) },
    '/v1/public': { get: bearer(['agent']) },
    '/v1/missing': { get: { security: [], responses: { '200': {} } } },
  });
  expect(await liveAuthMismatches(document, { base, roles, token })).toEqual([
    'GET /v1/agents-only: unknown role auditor',
    expect.stringMatching(
      /^GET \/v1\/agents-only: with roles channel,agent,admin,service answered 200, not 403$/,
    ),
    expect.stringMatching(/^GET \/v1\/public: without a token answered 200 .*not 401 problem\+json$/),
    expect.stringMatching(/^GET \/v1\/public: with roles .* answered 200, not 403$/),
    'GET /v1/missing: open, but answered 404 (documents 200)',
  ]);
});

test('servedAuthMismatches serves the app for the check; tokens not signed with its secret are refused', async () => {
  const agentsOnly = (allowed: string[]) => documentOf({ '/v1/agents-only': { get: bearer(allowed) } });
  expect(await servedAuthMismatches(agentsOnly(['agent']), liveApp(), { roles, token })).toEqual([]);
  // A wrong secret: every token is refused, so the role check answers 401 where 403 is documented.
  expect(
    await servedAuthMismatches(agentsOnly(['agent']), liveApp(), {
      roles,
      token: tokenSignedWith(`${secret}-not-the-app's`),
    }),
  ).toEqual([expect.stringMatching(/^GET \/v1\/agents-only: with roles .* answered 401, not 403$/)]);
});
