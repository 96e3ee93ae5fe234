import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { ConsoleConfig } from './config.js';

export const consoleRoles = ['agent', 'supervisor', 'admin'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

export interface SessionUser {
  /** The provider's subject: an id, never logged with a name. */
  id: string;
  name: string;
  roles: ConsoleRole[];
  /** The team the user works in (the claim `OIDC_TEAM_CLAIM`), for the "my team's" queue. */
  team?: string;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
  /** Epoch ms when the access token runs out. */
  expiresAt: number;
}

declare module 'express-session' {
  interface SessionData {
    /** A sign-in in progress: PKCE verifier, state and nonce, and where to return. */
    pending?: { codeVerifier: string; state: string; nonce: string; returnTo: string };
    user?: SessionUser;
    tokens?: SessionTokens;
    csrfToken?: string;
  }
}

export const sessionCookie = 'chp.sid';

/**
 * The session: server-side (the browser holds an HttpOnly, SameSite=Lax cookie with its id only).
 * Lax, not Strict: the provider's redirect back to /auth/callback is a cross-site navigation that
 * must carry the cookie with the pending sign-in.
 */
export function sessionMiddleware(config: ConsoleConfig, store?: session.Store): RequestHandler {
  return session({
    name: sessionCookie,
    secret: config.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    ...(store ? { store } : {}),
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: new URL(config.PUBLIC_URL).protocol === 'https:',
      path: '/',
      maxAge: config.SESSION_IDLE_TIMEOUT,
    },
  });
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfMatches(req: Request): boolean {
  const expected = req.session.csrfToken;
  const given = req.get('x-csrf-token');
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Synchronizer-token CSRF check: a mutating request must echo the session's token (from
 * `GET /auth/session`) in `X-CSRF-Token`; another site can neither read it nor set the header.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (safeMethods.has(req.method) || csrfMatches(req)) {
    next();
    return;
  }
  res.status(403).type('application/problem+json').json({
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
    detail: 'The request lacks a valid X-CSRF-Token header',
  });
};

/** 401 without a signed-in session, 403 when the user holds none of `allowed`. */
export function requireRoles(...allowed: ConsoleRole[]): RequestHandler {
  return (req, res, next) => {
    const user = req.session.user;
    if (!user || !req.session.tokens) {
      res.status(401).type('application/problem+json').json({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Sign in first',
      });
      return;
    }
    if (!user.roles.some((role) => allowed.includes(role))) {
      res
        .status(403)
        .type('application/problem+json')
        .json({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail: `This needs one of the roles ${allowed.join(', ')}`,
        });
      return;
    }
    next();
  };
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/** The user's team at a dotted path (`team`, `org.team`): a string, or the first of a list; else none. */
export function teamFrom(claims: Record<string, unknown>, path: string): string | undefined {
  const value = claimAt(claims, path);
  const team = Array.isArray(value) ? value[0] : value;
  return typeof team === 'string' && team.trim() !== '' ? team.trim() : undefined;
}

/** The roles of a claims set at a dotted path (`roles`, `realm_access.roles`), known roles only. */
export function rolesFrom(claims: Record<string, unknown>, path: string): ConsoleRole[] {
  const value = claimAt(claims, path);
  const list: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
  return consoleRoles.filter((role) => list.includes(role));
}
