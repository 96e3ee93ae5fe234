// deploy/compose.yaml points the console at Keycloak through a discovery URL on the container network
// (http://keycloak:8080/…/.well-known/openid-configuration), while the issuer in that document and in
// every token is the browser's address (http://localhost:8080/…). This runs the built server as the
// image runs it (`node services/console`, the package's main) against the real embedded provider,
// discovered at 127.0.0.1 while its issuer is localhost, and signs in: discovery takes the issuer from
// the document, and the ID token is checked against it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleScopes, type IdentityProvider, startIdentityProvider } from '@chp/identity';
import { freePort } from '@chp/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Browserless, formAction } from './support/browserless.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let identity: IdentityProvider;
let server: ChildProcess | undefined;
let consoleUrl: string;
let consolePort: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chp-console-discovery-'));
  consolePort = await freePort();
  consoleUrl = `http://localhost:${consolePort}`;
  identity = await startIdentityProvider({
    dataDir: dir,
    port: 0,
    consoleRedirectUris: [`${consoleUrl}/auth/callback`],
    consolePostLogoutRedirectUris: [`${consoleUrl}/`],
  });
  server = spawn(process.execPath, ['.'], {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(consolePort),
      PUBLIC_URL: consoleUrl,
      OIDC_ISSUER: `http://127.0.0.1:${identity.port}/.well-known/openid-configuration`,
      OIDC_CLIENT_ID: identity.consoleClient.clientId,
      OIDC_CLIENT_SECRET: identity.consoleClient.clientSecret,
      OIDC_SCOPE: consoleScopes,
      SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
      // No NATS here: the desk works without live updates (and says so in its log).
      NATS_URL: 'nats://127.0.0.1:1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 120_000);

afterAll(async () => {
  server?.kill('SIGTERM');
  await identity?.close();
  await rm(dir, { recursive: true, force: true });
});

test('signs in through a discovery URL whose host is not the issuer’s', async () => {
  expect(identity.issuer).toBe(`http://localhost:${identity.port}`);
  let ready = 0;
  for (let i = 0; i < 120 && ready !== 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    ready = await fetch(`http://127.0.0.1:${consolePort}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
  }
  expect(ready).toBe(200);

  const agent = new Browserless();
  const form = await agent.follow(`${consoleUrl}/auth/login?returnTo=/queue`);
  expect(form.response.status).toBe(200);
  const back = await agent.follow(formAction(await form.response.text(), form.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'agent', password: identity.newPasswords?.agent ?? '' }).toString(),
  });
  expect(back.url).toBe(`${consoleUrl}/queue`);
  await back.response.body?.cancel();
  const session = (await (await agent.request(`${consoleUrl}/auth/session`)).json()) as {
    user: { id: string; roles: string[] };
  };
  expect(session.user).toMatchObject({ id: 'agent', roles: ['agent'] });
});
