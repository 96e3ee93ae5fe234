// Signing in through the real embedded OpenID provider, over HTTP, as a browser would; then the
// session reaching the services through the console's proxy, CSRF, token refresh and sign-out.

import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleScopes } from '@chp/identity';
import { createLogger } from '@chp/platform';
import { freePort, postgresServer } from '@chp/testing';
import session from 'express-session';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConsoleApp } from '../server/app.js';
import { discoverProvider } from '../server/auth.js';
import { type ConsoleConfig, consoleConfigSchema } from '../server/config.js';
import { openSessionStore } from '../server/session-store.js';
import { Browserless, formAction } from './support/browserless.js';
import { type LocalPlatform, startLocalPlatform } from './support/local-stack.js';

let dir: string;
let platform: LocalPlatform;
let server: Server;
let consoleUrl: string;
let config: ConsoleConfig;
let provider: oidc.Configuration;
const store = new session.MemoryStore();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chp-console-'));
  const port = await freePort();
  consoleUrl = `http://localhost:${port}`;
  // 30 s tokens: less than the console's refresh margin, so every API call refreshes first.
  platform = await startLocalPlatform(dir, { consolePort: port, accessTokenTtlSeconds: 30 });
  config = consoleConfigSchema.parse({
    PORT: String(port),
    PUBLIC_URL: consoleUrl,
    OIDC_ISSUER: platform.identity.issuer,
    OIDC_CLIENT_ID: platform.identity.consoleClient.clientId,
    OIDC_CLIENT_SECRET: platform.identity.consoleClient.clientSecret,
    OIDC_SCOPE: consoleScopes,
    SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
    PROJECTIONS_URL: platform.stack.urls.projections,
    COMPLAINTS_URL: platform.stack.urls.complaints,
    INTAKE_URL: platform.stack.urls.intake,
    NOTIFICATIONS_URL: platform.stack.urls.notifications,
    STATIC_DIR: join(dir, 'no-app'),
  });
  provider = await discoverProvider(config);
  server = await serveConsole(store);
}, 300_000);

/** The console on its port with a session store (the provider knows this URL's callback). */
async function serveConsole(sessionStore: session.Store, sessionStoreKind?: string): Promise<Server> {
  const app = createConsoleApp({
    config,
    logger: createLogger({ service: 'console', level: 'warn' }),
    provider: () => provider,
    sessionStore,
    ...(sessionStoreKind ? { sessionStoreKind } : {}),
  });
  return new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, '127.0.0.1', () => resolve(s));
  });
}

function closeServer(s: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    s.closeAllConnections();
    s.close((error) => (error ? reject(error) : resolve()));
  });
}

afterAll(async () => {
  if (server) await closeServer(server);
  await platform?.stop();
  await rm(dir, { recursive: true, force: true });
});

function password(role: string): string {
  const value = platform.identity.newPasswords?.[role];
  if (!value) throw new Error(`no generated password for ${role}`);
  return value;
}

/** Starts at the console's sign-in and walks the provider's redirects to its login form. */
async function openLoginForm(agent: Browserless, returnTo = '/queue') {
  const { response, url } = await agent.follow(
    `${consoleUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
  );
  expect(response.status).toBe(200);
  expect(url.startsWith(platform.identity.issuer)).toBe(true);
  return { html: await response.text(), url };
}

async function signIn(
  role: string,
  returnTo = '/queue',
  expected = `${consoleUrl}/queue`,
): Promise<Browserless> {
  const agent = new Browserless();
  const form = await openLoginForm(agent, returnTo);
  const { response, url } = await agent.follow(formAction(form.html, form.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: role, password: password(role) }).toString(),
  });
  // Back at the console, on the page the sign-in started from.
  expect(url).toBe(expected);
  await response.body?.cancel();
  return agent;
}

async function sessionOf(agent: Browserless) {
  const response = await agent.request(`${consoleUrl}/auth/session`);
  return {
    status: response.status,
    body: (await response.json()) as { user?: { id: string; roles: string[] }; csrfToken?: string },
  };
}

function storedRefreshTokens(): Promise<string[]> {
  return new Promise((resolve, reject) =>
    store.all((error, sessions) =>
      error
        ? reject(error)
        : resolve(
            Object.values(sessions ?? {}).flatMap((s) =>
              s.tokens?.refreshToken ? [s.tokens.refreshToken] : [],
            ),
          ),
    ),
  );
}

function storedAccessTokens(): Promise<string[]> {
  return new Promise((resolve, reject) =>
    store.all((error, sessions) =>
      error
        ? reject(error)
        : resolve(Object.values(sessions ?? {}).flatMap((s) => (s.tokens ? [s.tokens.accessToken] : []))),
    ),
  );
}

describe('signing in through the embedded provider', () => {
  test('a wrong password is refused on the login form, and no session is made', async () => {
    const agent = new Browserless();
    const form = await openLoginForm(agent);
    const refused = await agent.request(formAction(form.html, form.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'agent', password: 'not-the-password' }).toString(),
    });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('The user name or the password is wrong.');
    expect((await sessionOf(agent)).status).toBe(401);
  });

  test('an agent signs in, holds only a cookie, and reads the queue through the proxy with a refreshed token', async () => {
    const agent = await signIn('agent');
    const me = await sessionOf(agent);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: 'agent', roles: ['agent'], team: 'cards' });
    expect(me.body.csrfToken).toMatch(/^[\w-]{40,}$/);

    const before = await storedAccessTokens();
    const list = await agent.request(`${consoleUrl}/api/projections/v1/complaints?limit=5`);
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ items: [], nextCursor: null });
    // The 30-second token was within the refresh margin: the session now holds a new one.
    const after = await storedAccessTokens();
    expect(after.filter((token) => !before.includes(token))).toHaveLength(1);
  });

  test("the operators' APIs are for admins: 403 for others before forwarding, forwarded for an admin", async () => {
    const supervisor = await signIn('supervisor');
    for (const path of ['/api/complaints/admin/v1/relay', '/api/complaints/admin/v1/dead-letters']) {
      const refused = await supervisor.request(`${consoleUrl}${path}`);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { detail: string }).detail).toContain('admin');
    }
    const admin = await signIn('admin');
    const relay = await admin.request(`${consoleUrl}/api/complaints/admin/v1/relay`);
    expect(relay.status).toBe(200);
    expect(await relay.json()).toMatchObject({ checkpointId: 'complaints-relay', lag: { atLeast: false } });
    const letters = await admin.request(`${consoleUrl}/api/complaints/admin/v1/dead-letters`);
    expect(letters.status).toBe(200);
    expect(await letters.json()).toMatchObject({ letters: [] });
    // Notifications' admin API (verified there with the provider's public keys): admins only here too.
    const unsettled = '/api/notifications/admin/v1/unsettled-emails';
    expect((await supervisor.request(`${consoleUrl}${unsettled}`)).status).toBe(403);
    const emails = await admin.request(`${consoleUrl}${unsettled}`);
    expect(emails.status).toBe(200);
    expect(await emails.json()).toMatchObject({ items: [] });
    // Only its admin API is forwarded: not its metrics.
    expect((await admin.request(`${consoleUrl}/api/notifications/metrics`)).status).toBe(404);
  });

  test('the session cookie is HttpOnly and SameSite, and no token reaches the browser', async () => {
    const agent = new Browserless();
    const form = await openLoginForm(agent);
    const back = await agent.request(formAction(form.html, form.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'supervisor', password: password('supervisor') }).toString(),
    });
    let response = back;
    let url = formAction(form.html, form.url);
    const cookies: string[] = [];
    const bodies: string[] = [];
    while (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location') ?? '', url).href;
      response = await agent.request(url);
      if (url.startsWith(consoleUrl)) cookies.push(...response.headers.getSetCookie());
      bodies.push(await response.clone().text());
    }
    const sessionCookie = cookies.find((c) => c.startsWith('chp.sid='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    const me = await agent.request(`${consoleUrl}/auth/session`);
    const text = await me.text();
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT in anything the browser sees
    expect(bodies.join('')).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  test("a download of a complaint's file is forwarded to intake with the agent's token", async () => {
    const agent = await signIn('agent');
    const complaintId = '00000000-0000-5000-8000-000000000000';
    const attachmentId = '11111111-1111-4111-8111-111111111111';
    const res = await agent.request(
      `${consoleUrl}/api/intake/v1/complaints/${complaintId}/attachments/${attachmentId}`,
    );
    // Intake answers for itself: the agent's role passed, and no such file is tied to that complaint.
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ detail: 'no such attachment of this complaint' });
  });

  test('a mutating request without the CSRF token is refused before it reaches a service', async () => {
    const agent = await signIn('agent');
    const { body } = await sessionOf(agent);
    const id = '00000000-0000-5000-8000-000000000000';
    const forged = await agent.request(`${consoleUrl}/api/complaints/v1/complaints/${id}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ detail: 'The request lacks a valid X-CSRF-Token header' });

    const wrong = await agent.request(`${consoleUrl}/api/complaints/v1/complaints/${id}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(43) },
      body: '{}',
    });
    expect(wrong.status).toBe(403);

    // With the token it reaches the complaints service, which answers for itself (no such complaint).
    const sent = await agent.request(`${consoleUrl}/api/complaints/v1/complaints/${id}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': body.csrfToken ?? '' },
      body: '{}',
    });
    const answer = (await sent.json()) as { detail?: string };
    expect(answer.detail).not.toBe('The request lacks a valid X-CSRF-Token header');
    expect(sent.status).not.toBe(401);
  });

  test('the operator API is for admins only: an agent gets a 403 problem on any path under it', async () => {
    const agent = await signIn('agent');
    for (const path of ['/api/admin/overview', '/api/admin/anything-else']) {
      const refused = await agent.request(`${consoleUrl}${path}`);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await refused.json()).toMatchObject({
        status: 403,
        detail: 'This needs one of the roles admin',
      });
    }
    expect((await new Browserless().request(`${consoleUrl}/api/admin/overview`)).status).toBe(401);

    const admin = await signIn('admin', '/admin', `${consoleUrl}/admin`);
    const overview = await admin.request(`${consoleUrl}/api/admin/overview`);
    expect(overview.status).toBe(200);
    expect(await overview.json()).toMatchObject({
      user: { id: 'admin', roles: ['admin'], team: null },
      parts: [
        { name: 'identity provider', ready: true },
        { name: 'projections', ready: true, detail: 'ready' },
        { name: 'complaints', ready: true, detail: 'ready' },
        // This test's console runs without NATS.
        { name: 'live updates', ready: false },
      ],
      sessionStore: 'custom',
    });
  });

  test('a return address off the site is not followed after sign-in (no open redirect)', async () => {
    for (const returnTo of ['//evil.example/phish', 'https://evil.example/', '/\\evil.example']) {
      await signIn('agent', returnTo, `${consoleUrl}/`);
    }
  });

  test('without a session the API is 401, and pages are served', async () => {
    const stranger = new Browserless();
    expect((await stranger.request(`${consoleUrl}/api/projections/v1/complaints`)).status).toBe(401);
    // The live feed too: no events without a session.
    expect((await stranger.request(`${consoleUrl}/api/events`)).status).toBe(401);
    expect((await stranger.request(`${consoleUrl}/auth/session`)).status).toBe(401);
    // Every forwarded API wants a session; a path the console does not serve is a 404.
    expect((await stranger.request(`${consoleUrl}/api/knowledge/v1/answers`)).status).toBe(401);
    expect((await stranger.request(`${consoleUrl}/api/intake/v1/complaints`)).status).toBe(401);
    expect((await stranger.request(`${consoleUrl}/api/nowhere/v1/articles`)).status).toBe(404);
  });

  test('sign-out needs the CSRF token, ends the session, revokes the refresh token and points at the provider to end its own', async () => {
    const before = await storedRefreshTokens();
    const agent = await signIn('agent');
    const { body } = await sessionOf(agent);
    const [refreshToken] = (await storedRefreshTokens()).filter((token) => !before.includes(token));
    if (!refreshToken) throw new Error('the session holds no refresh token');
    expect((await agent.request(`${consoleUrl}/auth/logout`, { method: 'POST' })).status).toBe(403);
    expect((await sessionOf(agent)).status).toBe(200);

    const out = await agent.request(`${consoleUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken ?? '' },
    });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    expect(endSessionUrl.startsWith(`${platform.identity.issuer}/session/end`)).toBe(true);
    expect((await sessionOf(agent)).status).toBe(401);
    expect((await agent.request(`${consoleUrl}/api/projections/v1/complaints`)).status).toBe(401);
    await expect(oidc.refreshTokenGrant(provider, refreshToken)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  test('the pages carry a strict Content-Security-Policy: scripts from the console only', async () => {
    const response = await new Browserless().request(`${consoleUrl}/queue`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

// Last in the file: it replaces the console (the provider knows its one callback URL) by consoles
// with a kept session store, stopped and started again as a restart or a second replica would be.
describe('a kept session survives a restart of the console', () => {
  const logger = createLogger({ service: 'console', level: 'warn' });

  async function survives(url: string, kind: string): Promise<void> {
    await closeServer(server);
    let sessions = await openSessionStore(url, logger);
    server = await serveConsole(sessions.store, sessions.kind);
    const agent = await signIn('agent');
    const before = await sessionOf(agent);
    expect(before.status).toBe(200);

    await closeServer(server);
    await sessions.close();
    sessions = await openSessionStore(url, logger);
    expect(sessions.kind).toBe(kind);
    server = await serveConsole(sessions.store, sessions.kind);
    try {
      const after = await sessionOf(agent);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      // The kept tokens still reach the services (refreshed on the way: 30-second tokens).
      const list = await agent.request(`${consoleUrl}/api/projections/v1/complaints?limit=1`);
      expect(list.status).toBe(200);
      // Signing out ends the kept session too.
      const out = await agent.request(`${consoleUrl}/auth/logout`, {
        method: 'POST',
        headers: { 'x-csrf-token': before.body.csrfToken ?? '' },
      });
      expect(out.status).toBe(200);
      expect((await sessionOf(agent)).status).toBe(401);
    } finally {
      await closeServer(server);
      await sessions.close();
      server = await serveConsole(store);
    }
  }

  test('in PGlite under a directory only its owner may read (npm start)', async () => {
    const location = join(dir, 'console-sessions');
    await survives(`pglite://${location}`, 'pglite');
    expect((await stat(location)).mode & 0o777).toBe(0o700);
  });

  test('in PostgreSQL (shared by replicas)', async (context) => {
    const database = await postgresServer();
    if (!database.available) {
      console.warn(`skipping the PostgreSQL session store: ${database.reason}`);
      context.skip();
      return;
    }
    try {
      await survives(database.url, 'postgresql');
    } finally {
      await database.close();
    }
  });
});
