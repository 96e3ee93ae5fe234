import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { importJWK, SignJWT } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { FileStore } from './file-adapter.js';
import { loginPage, logoutPage, pageCsp } from './pages.js';
import { type LocalRole, loadOrCreateState, passwordMatches, type StoredAccount, teamOf } from './state.js';

/** The resource indicator of the platform's APIs: the `aud` of every access token the provider issues. */
export const apiResource = 'urn:chp:api';
/** The scopes the console asks the embedded provider for. */
export const consoleScopes = 'openid profile roles offline_access api';
export const consoleClientId = 'console';

export interface IdentityProviderOptions {
  /** Where the key, the console's client secret and the hashed passwords live (`identity.json`). */
  dataDir: string;
  /** 0: a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The issuer URL; `http://localhost:<port>` by default. */
  issuer?: string;
  /** The console's sign-in callbacks, e.g. `http://localhost:3000/auth/callback`. */
  consoleRedirectUris: string[];
  /** Where the console may send the browser after sign-out. */
  consolePostLogoutRedirectUris: string[];
  /** Lifetime of an access token; default 300 s (the console refreshes it before it runs out). */
  accessTokenTtlSeconds?: number;
}

export interface LocalAccount {
  username: string;
  roles: readonly LocalRole[];
  team: string | undefined;
}

export interface IdentityProvider {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly port: number;
  readonly consoleClient: { clientId: string; clientSecret: string };
  readonly accounts: readonly LocalAccount[];
  /** The passwords, when this start generated them (first start); undefined afterwards. */
  readonly newPasswords: Readonly<Record<string, string>> | undefined;
  /** A bearer token signed with the provider's key, for CLI use (`npm start` prints one per role). */
  signToken(options: {
    subject: string;
    roles: readonly string[];
    expiresInSeconds: number;
  }): Promise<string>;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the embedded OpenID provider (oidc-provider) with the local accounts. */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const { state, newPasswords } = await loadOrCreateState(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  const port = await listen(server, options.port, host);
  const issuer = options.issuer ?? `http://localhost:${port}`;
  const accounts = new Map<string, StoredAccount>(state.accounts.map((a) => [a.username, a]));
  const accessTokenTTL = options.accessTokenTtlSeconds ?? 300;
  // Sessions, grants and refresh tokens survive a restart of `npm start`.
  const stored = await FileStore.open(join(options.dataDir, 'sessions.json'));

  const configuration: Configuration = {
    adapter: (name: string) => stored.adapter(name),
    clients: [
      {
        client_id: consoleClientId,
        client_secret: state.consoleClientSecret,
        redirect_uris: options.consoleRedirectUris,
        post_logout_redirect_uris: options.consolePostLogoutRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    cookies: { keys: state.cookieKeys },
    jwks: { keys: [state.signingKey as never] },
    scopes: ['openid', 'profile', 'roles', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles', 'team'] },
    // Scope claims (name, roles, team) in the ID token too: the console reads them from there.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AccessToken: accessTokenTTL,
      IdToken: 3600,
      RefreshToken: 14 * 86_400,
      Session: 14 * 86_400,
      Grant: 14 * 86_400,
      Interaction: 600,
    },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => {
          const team = teamOf(account);
          return {
            sub: id,
            name: account.name,
            preferred_username: id,
            roles: account.roles,
            ...(team ? { team } : {}),
          };
        },
      };
    },
    async extraTokenClaims(_ctx, token) {
      // The services read the actor's roles from `roles` (libs/platform's auth).
      const account = 'accountId' in token && token.accountId ? accounts.get(token.accountId) : undefined;
      return account ? { roles: account.roles } : undefined;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The console is first-party: its users are not asked to consent to it.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      if (client.clientId !== consoleClientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(consoleScopes.split(' ').filter((s) => s !== 'api'));
      grant.addResourceScope(apiResource, 'api');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.set('Content-Security-Policy', pageCsp);
          ctx.body = logoutPage(form);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== apiResource) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience: apiResource,
            accessTokenTTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };
  const provider = new Provider(issuer, configuration);

  const app = express();
  app.disable('x-powered-by');
  app.use('/interaction', (_req, res, next) => {
    res.set({ 'Content-Security-Policy': pageCsp, 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' });
    next();
  });
  app.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    res.type('html').send(loginPage(details.uid));
  });
  app.post(
    '/interaction/:uid/login',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const details = await provider.interactionDetails(req, res);
      const body = req.body as { username?: unknown; password?: unknown };
      const username = typeof body.username === 'string' ? body.username : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const account = accounts.get(username);
      if (!account || !(await passwordMatches(account, password))) {
        res
          .status(401)
          .type('html')
          .send(loginPage(details.uid, { username, error: 'The user name or the password is wrong.' }));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: username } },
        { mergeWithLastSubmission: false },
      );
    },
  );
  app.use(provider.callback());
  server.on('request', app);

  const key = await importJWK(state.signingKey, 'RS256');
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    port,
    consoleClient: { clientId: consoleClientId, clientSecret: state.consoleClientSecret },
    accounts: state.accounts.map((a) => ({ username: a.username, roles: a.roles, team: teamOf(a) })),
    newPasswords,
    async signToken({ subject, roles, expiresInSeconds }) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ roles: [...roles] })
        .setProtectedHeader({ alg: 'RS256', kid: state.signingKey.kid as string, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(apiResource)
        .setSubject(subject)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .sign(key);
    },
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      await stored.flushed();
    },
  };
}
