import type { Request, RequestHandler } from 'express';
import { HttpProblem } from './problems.js';

/** A token bucket: `perSecond` refill, up to `burst` requests at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimitOptions {
  /** Each authenticated client, by its token's subject. */
  client: RateLimit;
  /** Each address sending without a valid token: public routes, missing and refused tokens. */
  anonymous: RateLimit;
  /** Limits of particular clients by token subject (a partner with a contract for more). */
  clients?: Readonly<Record<string, RateLimit>>;
  /** Buckets remembered at once; the oldest is forgotten first (it starts full again). Default 100,000. */
  maxBuckets?: number;
  now?: () => number;
}

export interface RateLimiter {
  /** Takes a token from the bucket of the request's client (subject, else address) or throws 429. */
  take(req: Request): void;
  /** Takes a token from the bucket of the request's address, whoever the token names. */
  takeAnonymous(req: Request): void;
}

/**
 * The address a request is counted against. IPv6 clients get a /64 each from their provider, so a
 * client is its /64: one host could otherwise send from 2^64 addresses, each with a full bucket.
 */
export function addressOf(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip.replace(/^::ffff:/, '');
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Token buckets by any key (an address, an e-mail address), in this replica's memory: `take(key,
 * who, limit)` spends one token of the key's bucket or throws 429 problem+json with `Retry-After`.
 * The oldest bucket is forgotten first past `maxBuckets` (default 100,000).
 */
export function tokenBuckets(options: { maxBuckets?: number; now?: () => number } = {}): {
  take(key: string, who: string, limit: RateLimit): void;
} {
  const maxBuckets = options.maxBuckets ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const take = (key: string, who: string, limit: RateLimit): void => {
    const t = now();
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= maxBuckets) {
        const oldest = buckets.keys().next();
        if (!oldest.done) buckets.delete(oldest.value);
      }
      bucket = { tokens: limit.burst, at: t };
      buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
    bucket.at = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const waitSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    throw new HttpProblem({
      status: 429,
      kind: 'rate-limited',
      title: 'Too Many Requests',
      detail: `${who} may send ${limit.perSecond} requests per second (burst ${limit.burst}); retry in ${waitSeconds} s`,
      headers: { 'Retry-After': String(waitSeconds) },
    });
  };
  return { take };
}

/**
 * Token buckets per client in this replica's memory: N replicas admit up to N times the rate, so
 * divide the configured rate by the replica count. 429 problem+json with `Retry-After` past a limit.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { take } = tokenBuckets(options);
  const takeAnonymous = (req: Request) =>
    take(`address:${addressOf(req)}`, 'This address, without a valid token,', options.anonymous);

  return {
    take(req) {
      const subject = req.actor?.id;
      if (subject === undefined) return takeAnonymous(req);
      take(`client:${subject}`, `Client ${subject}`, options.clients?.[subject] ?? options.client);
    },
    takeAnonymous,
  };
}

/** Takes a token for every request that reaches it: put it after `authenticate`, before any body is read. */
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return (req, _res, next) => {
    limiter.take(req);
    next();
  };
}
