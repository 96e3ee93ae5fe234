import type { Logger } from '@chp/platform';
import { type Request, Router } from 'express';
import * as oidc from 'openid-client';
import type { ConsoleConfig } from './config.js';
import {
  newCsrfToken,
  requireCsrf,
  requireRoles,
  rolesFrom,
  type SessionTokens,
  type SessionUser,
  teamFrom,
} from './session.js';

/** Refresh an access token when less than this is left of it. */
const refreshMarginMs = 60_000;

/** Discovers the provider; http issuers (the embedded one) are allowed only for http consoles. */
export async function discoverProvider(config: ConsoleConfig): Promise<oidc.Configuration> {
  const insecure = new URL(config.OIDC_ISSUER).protocol === 'http:';
  return oidc.discovery(
    new URL(config.OIDC_ISSUER),
    config.OIDC_CLIENT_ID,
    undefined,
    oidc.ClientSecretPost(config.OIDC_CLIENT_SECRET),
    insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
}

/** A path on this site to return to after sign-in; anything else (`//evil`, `https://…`) is `/`. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

function tokensFrom(
  response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  previous?: SessionTokens,
): SessionTokens {
  return {
    accessToken: response.access_token,
    // A provider that does not rotate refresh tokens sends none on refresh: keep the one we have.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    idToken: response.id_token ?? previous?.idToken,
    expiresAt: Date.now() + (response.expiresIn() ?? 300) * 1000,
  };
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
}

export interface AuthRoutes {
  router: Router;
  /** The session's access token, refreshed first when it is about to run out; undefined: sign in again. */
  accessToken(req: Request): Promise<string | undefined>;
}

/** Sign-in (Authorization Code with PKCE), the session's user, sign-out and token refresh. */
export function authRoutes(
  config: ConsoleConfig,
  provider: () => oidc.Configuration,
  logger: Logger,
): AuthRoutes {
  const router = Router();
  const callbackUrl = new URL('/auth/callback', config.PUBLIC_URL).href;
  // One refresh per refresh token at a time: parallel API calls must not race a rotating provider.
  const refreshing = new Map<string, Promise<SessionTokens>>();

  // Public: starts a sign-in.
  router.get('/auth/login', async (req, res) => {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    req.session.pending = { codeVerifier, state, nonce, returnTo: safeReturnTo(req.query.returnTo) };
    await save(req);
    const url = oidc.buildAuthorizationUrl(provider(), {
      redirect_uri: callbackUrl,
      scope: config.OIDC_SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(config.OIDC_RESOURCE ? { resource: config.OIDC_RESOURCE } : {}),
    });
    res.redirect(303, url.href);
  });

  // Public: the provider's redirect back.
  router.get('/auth/callback', async (req, res) => {
    const pending = req.session.pending;
    if (!pending) {
      res.redirect(303, '/auth/login');
      return;
    }
    const current = new URL(req.originalUrl, config.PUBLIC_URL);
    let response: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      response = await oidc.authorizationCodeGrant(provider(), current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'sign-in refused');
      req.session.pending = undefined;
      res.status(400).type('text/plain').send('Sign-in failed. Go back to the console and try again.');
      return;
    }
    const claims: Record<string, unknown> = response.claims() ?? {};
    const team = teamFrom(claims, config.OIDC_TEAM_CLAIM);
    const user: SessionUser = {
      id: String(claims.sub),
      name: typeof claims.name === 'string' ? claims.name : String(claims.sub),
      roles: rolesFrom(claims, config.OIDC_ROLES_CLAIM),
      ...(team ? { team } : {}),
    };
    // A new session id after sign-in: a planted pre-login cookie must not become a signed-in one.
    await regenerate(req);
    req.session.user = user;
    req.session.tokens = tokensFrom(response);
    req.session.csrfToken = newCsrfToken();
    await save(req);
    logger.info({ user: user.id, roles: user.roles }, 'signed in');
    res.redirect(303, pending.returnTo);
  });

  // Any signed-in user: who they are, and the CSRF token for mutating requests.
  router.get('/auth/session', requireRoles('agent', 'supervisor', 'admin'), (req, res) => {
    res.set('Cache-Control', 'no-store').json({ user: req.session.user, csrfToken: req.session.csrfToken });
  });

  // Any signed-in user; CSRF-protected. Ends this session and returns the provider's sign-out URL.
  router.post('/auth/logout', requireRoles('agent', 'supervisor', 'admin'), requireCsrf, async (req, res) => {
    const idToken = req.session.tokens?.idToken;
    const refreshToken = req.session.tokens?.refreshToken;
    const user = req.session.user?.id;
    await new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
    // The refresh token would outlive the session otherwise (until the provider's own sign-out, if the
    // browser ever gets there): revoke it where the provider can.
    if (refreshToken && provider().serverMetadata().revocation_endpoint) {
      await oidc
        .tokenRevocation(provider(), refreshToken, { token_type_hint: 'refresh_token' })
        .catch((error: unknown) => {
          logger.warn(
            { user, err: { message: (error as Error).message } },
            'refresh token revocation failed',
          );
        });
    }
    res.clearCookie('chp.sid', { path: '/' });
    const configuration = provider();
    const endSession = configuration.serverMetadata().end_session_endpoint
      ? oidc.buildEndSessionUrl(configuration, {
          post_logout_redirect_uri: new URL('/', config.PUBLIC_URL).href,
          ...(idToken ? { id_token_hint: idToken } : {}),
        }).href
      : new URL('/', config.PUBLIC_URL).href;
    logger.info({ user }, 'signed out');
    res.set('Cache-Control', 'no-store').json({ endSessionUrl: endSession });
  });

  async function accessToken(req: Request): Promise<string | undefined> {
    const tokens = req.session.tokens;
    if (!tokens) return undefined;
    if (tokens.expiresAt - Date.now() > refreshMarginMs) return tokens.accessToken;
    const refreshToken = tokens.refreshToken;
    if (!refreshToken) return tokens.expiresAt > Date.now() ? tokens.accessToken : undefined;
    let flight = refreshing.get(refreshToken);
    if (!flight) {
      flight = oidc
        .refreshTokenGrant(provider(), refreshToken)
        .then((response) => tokensFrom(response, tokens))
        .finally(() => setTimeout(() => refreshing.delete(refreshToken), 5_000).unref());
      refreshing.set(refreshToken, flight);
    }
    try {
      req.session.tokens = await flight;
      await save(req);
      return req.session.tokens.accessToken;
    } catch (error) {
      logger.warn(
        { user: req.session.user?.id, err: { message: (error as Error).message } },
        'token refresh failed',
      );
      return tokens.expiresAt > Date.now() ? tokens.accessToken : undefined;
    }
  }

  return { router, accessToken };
}
