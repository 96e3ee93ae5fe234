import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import {
  createRemoteJWKSet,
  decodeJwt,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
// The file, not config/index.js: config/base.ts takes AuthOptions from the http barrel (no cycle).
import { parseDuration } from '../config/env.js';
import { HttpProblem } from './problems.js';

export const roles = ['channel', 'agent', 'supervisor', 'admin', 'service'] as const;
export type Role = (typeof roles)[number];

/** Who is calling. `role` is the role the actor acts in: the first of its roles the route allows. */
export interface Actor {
  id: string;
  role: Role;
  roles: readonly Role[];
}

declare global {
  // Declaration merging: express's Request type gains `actor`.
  namespace Express {
    interface Request {
      /** Set when the request carries a valid bearer token. */
      actor?: Actor;
    }
  }
}

export interface AuthOptions {
  /** HS256 shared secret. Exactly one of `secret` and `jwksUrl`. */
  secret?: string;
  /** JWKS endpoint for asymmetric keys (RS*, PS*, ES*, EdDSA). */
  jwksUrl?: string;
  /** Required and checked when set (`iss`). */
  issuer?: string;
  /** Required and checked when set (`aud`). */
  audience?: string;
  /**
   * Longest life a token may have, in seconds: `exp - iat` (or `exp - now` without `iat`). Every
   * token must carry `exp`; a leaked token with a far `exp` would otherwise work for years.
   * Default 24 h.
   */
  maxLifetimeSeconds?: number;
  /** Allowed clock skew for `exp`/`nbf`, in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /**
   * HS256 tokens of one service-to-service purpose, accepted beside the main key: a token whose
   * `aud` is `audience` is verified with `secret` alone, and its actor holds only the read-only
   * `service` role, whatever it claims. The key that signs them mints nothing else, so it can be
   * given to the one service that calls (projections reading complaints' feed) even in production,
   * where the main key is a JWKS.
   */
  serviceTokens?: { secret: string; audience: string };
  /** `realm` in `WWW-Authenticate`; the service name by default. */
  realm?: string;
}

export interface TokenVerifier {
  /** The actor of a token, or a 401 (bad token) / 503 (keys unavailable) `HttpProblem`. */
  verify(token: string): Promise<Actor>;
}

/**
 * `aud` of the tokens projections signs with `FEED_TOKEN_SECRET` to read complaints' event feed
 * (`serviceTokens` in complaints): one key, one purpose.
 */
export const feedTokenAudience = 'chp-complaints-feed';

/** A token's longest life unless configured (`JWT_MAX_LIFETIME`): a working day and then some. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

const asymmetric = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

// RFC 6750: a bad token is 401 with error="invalid_token" and a description.
function invalidToken(realm: string, description: string, cause?: unknown): HttpProblem {
  return new HttpProblem(
    {
      status: 401,
      kind: 'unauthorized',
      title: 'Unauthorized',
      detail: description,
      headers: {
        'WWW-Authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`,
      },
    },
    { cause },
  );
}

function describeJoseError(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'The token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as { claim?: unknown; reason?: unknown };
      return reason === 'missing'
        ? `The token has no ${String(claim)} claim`
        : `The token's ${String(claim)} claim is not accepted`;
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The token signature is not valid';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'The token was not signed by a known key';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'The token algorithm is not accepted';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'The token is malformed';
    default:
      // ERR_JWKS_TIMEOUT, ERR_JWKS_INVALID, network failures: our problem, not the caller's.
      return undefined;
  }
}

function isRole(value: unknown): value is Role {
  return (roles as readonly unknown[]).includes(value);
}

function actorFrom(payload: JWTPayload, realm: string): Actor {
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw invalidToken(realm, 'The token has no subject');
  const claimed: unknown[] = Array.isArray(payload.roles) ? payload.roles : [payload.roles];
  // Unknown roles (from a shared identity provider) are ignored; the token's order is kept.
  const held = [...new Set(claimed.filter(isRole))];
  const first = held[0];
  if (!first) throw invalidToken(realm, `The token carries none of the roles ${roles.join(', ')}`);
  return { id: payload.sub, role: first, roles: held };
}

/** Verifies bearer tokens against an HS256 secret or a JWKS URL (and `serviceTokens`' secret). */
export function createTokenVerifier(options: AuthOptions): TokenVerifier {
  if ((options.secret === undefined) === (options.jwksUrl === undefined)) {
    throw new Error('Auth needs exactly one of `secret` (HS256) or `jwksUrl`');
  }
  const realm = options.realm ?? 'api';
  const main = keyVerifier(options, realm);
  const service = options.serviceTokens;
  if (!service) return { verify: (token) => main(token).then((payload) => actorFrom(payload, realm)) };
  const purpose = keyVerifier(
    {
      secret: service.secret,
      audience: service.audience,
      ...(options.maxLifetimeSeconds !== undefined ? { maxLifetimeSeconds: options.maxLifetimeSeconds } : {}),
      ...(options.clockToleranceSeconds !== undefined
        ? { clockToleranceSeconds: options.clockToleranceSeconds }
        : {}),
    },
    realm,
  );
  return {
    async verify(token) {
      // Which key is chosen by the unverified audience; the chosen key then verifies everything.
      if (!audienceIs(token, service.audience)) return actorFrom(await main(token), realm);
      const payload = await purpose(token);
      return actorFrom({ ...payload, roles: ['service'] }, realm);
    },
  };
}

function audienceIs(token: string, audience: string): boolean {
  let aud: unknown;
  try {
    aud = decodeJwt(token).aud;
  } catch (error) {
    // Not a JWT at all: the main key refuses it with the usual 401.
    if (error instanceof Error) return false;
    throw error;
  }
  return aud === audience || (Array.isArray(aud) && aud.includes(audience));
}

/** The payload of a token verified with one key, under the token rules; 401 or 503 otherwise. */
function keyVerifier(options: AuthOptions, realm: string): (token: string) => Promise<JWTPayload> {
  // A KeyObject made once: given raw bytes, jose imports the key again on every verification.
  const key: KeyObject | JWTVerifyGetKey = options.secret
    ? createSecretKey(Buffer.from(options.secret, 'utf8'))
    : createRemoteJWKSet(new URL(options.jwksUrl as string), { timeoutDuration: 3_000 });
  const algorithms = options.secret ? ['HS256'] : asymmetric;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  // jose requires `iss` and `aud` when they are to be checked; `exp` is required always.
  const checks = {
    algorithms,
    clockTolerance,
    requiredClaims: ['exp'],
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };

  return async (token) => {
    let payload: JWTPayload;
    try {
      // Two overloads (key or key resolver); both accept either at runtime.
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, checks));
    } catch (error) {
      const description = describeJoseError(error);
      if (description) throw invalidToken(realm, description, error);
      throw new HttpProblem(
        {
          status: 503,
          kind: 'auth-unavailable',
          title: 'Service Unavailable',
          detail: 'Tokens cannot be verified right now (signing keys unavailable)',
          headers: { 'Retry-After': '5' },
        },
        { cause: error },
      );
    }
    const exp = payload.exp as number;
    const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
    if (exp - from > maxLifetime + clockTolerance) {
      throw invalidToken(realm, `The token lives longer than the ${maxLifetime} s allowed`);
    }
    return payload;
  };
}

const bearer = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

export interface AuthenticateOptions {
  /**
   * Called with a request whose token was refused, before its 401 goes out: the HTTP kit charges the
   * sender's address here, so that guessing tokens is rate-limited. A throw (a 429) replaces the 401.
   */
  onRefused?: (req: Request) => void;
}

/**
 * Sets `req.actor` when the request carries a valid bearer token; a present but invalid token is
 * 401 at once. Requests without a token pass through, so public routes stay public; guard the
 * others with `requireRole`. A request already authenticated (by the kit) is not verified again.
 */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  return async (req, _res, next) => {
    const match = bearer.exec(req.headers.authorization ?? '');
    if (req.actor || !match?.[1]) {
      next();
      return;
    }
    try {
      req.actor = await verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 401) options.onRefused?.(req);
      throw error;
    }
    next();
  };
}

/**
 * 401 without a valid token, 403 when the actor has none of `allowed` (any role when empty).
 * On success `req.actor.role` is the first of the actor's roles that the route allows.
 */
export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    const realm = req.app.locals.realm ?? 'api';
    if (!actor) {
      throw new HttpProblem({
        status: 401,
        kind: 'unauthorized',
        title: 'Unauthorized',
        detail: 'A bearer token is required',
        headers: { 'WWW-Authenticate': `Bearer realm="${realm}"` },
      });
    }
    const acting = allowed.length === 0 ? actor.role : actor.roles.find((role) => allowed.includes(role));
    if (!acting) {
      throw new HttpProblem({
        status: 403,
        kind: 'forbidden',
        title: 'Forbidden',
        detail: `This needs one of the roles ${allowed.join(', ')}; the token has ${actor.roles.join(', ')}`,
        headers: { 'WWW-Authenticate': `Bearer realm="${realm}", error="insufficient_scope"` },
      });
    }
    req.actor = { ...actor, role: acting };
    next();
  };
}

/** The authenticated actor of a request behind `requireRole`; 401 if there is none. */
export function actorOf(req: Express.Request): Actor {
  if (!req.actor) {
    throw new HttpProblem({
      status: 401,
      kind: 'unauthorized',
      title: 'Unauthorized',
      detail: 'Not authenticated',
    });
  }
  return req.actor;
}

export interface SignTokenOptions {
  secret: string;
  subject: string;
  roles: readonly Role[];
  /** `30s`, `2m`, `1h`, `1d`, or seconds (negative gives an already expired token). Default `1h`. */
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
  now?: Date;
}

/** Mints an HS256 token, for tests and for `npm start` to print a token per role. */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const expiresIn = options.expiresIn ?? '1h';
  const seconds = typeof expiresIn === 'number' ? expiresIn : (parseDuration(expiresIn) ?? Number.NaN) / 1000;
  if (!Number.isFinite(seconds)) throw new Error(`signToken: bad expiresIn ${String(expiresIn)}`);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let jwt = new SignJWT({ roles: [...options.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.round(seconds));
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
