import type { Actor, TokenVerifier } from './auth.js';

export interface TokenCacheOptions {
  /** Most tokens remembered at once; the oldest is forgotten first. Default 10,000. */
  maxEntries?: number;
  /** Longest a verification is trusted, also for tokens without `exp`. Default 60 s. */
  ttlMs?: number;
  now?: () => number;
}

/** `exp` of a JWT in epoch ms, read without verifying (the caller verifies); undefined if none. */
function expiryOf(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' ? exp * 1_000 : undefined;
  } catch (error) {
    // Not JSON: the verifier refuses the token and the entry goes with it.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Remembers verified bearer tokens: a channel or an agent's desktop sends many requests with one
 * token, and checking its signature each time (jose: decode, HMAC or a JWKS key) was a large share of
 * a cheap request's CPU. `createHttpApp` wraps the verifier it builds from `AuthOptions` in this. A verification is trusted until the token's `exp` and at most `ttlMs` (so a
 * key withdrawn from a JWKS stops working within that time); a refusal is never remembered, and
 * concurrent requests with one new token share one verification.
 */
export function cachingVerifier(verifier: TokenVerifier, options: TokenCacheOptions = {}): TokenVerifier {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { actor: Promise<Actor>; until: number }>();
  return {
    verify(token) {
      const t = now();
      const hit = entries.get(token);
      if (hit && hit.until > t) return hit.actor;
      if (hit) entries.delete(token);
      const until = Math.min(expiryOf(token) ?? Number.POSITIVE_INFINITY, t + ttlMs);
      const actor = verifier.verify(token).then((verified) => Object.freeze(verified));
      if (until <= t) return actor;
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      const entry = { actor, until };
      entries.set(token, entry);
      actor.catch(() => {
        if (entries.get(token) === entry) entries.delete(token);
      });
      return actor;
    },
  };
}
