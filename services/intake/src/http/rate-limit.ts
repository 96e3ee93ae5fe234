import { HttpProblem } from '@chp/platform';

/** Requests per second and burst, per channel; `default` for channels without their own. */
export interface RateLimits {
  default: { perSecond: number; burst: number };
  channels: Record<string, { perSecond: number; burst: number }>;
}

/**
 * A token bucket per channel, in this replica's memory: N replicas admit up to N times the rate,
 * so divide the configured rate by the replica count (see README).
 */
export function createRateLimiter(limits: RateLimits, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes a token or throws 429 with `Retry-After` (whole seconds, at least 1). */
    take(channel: string): void {
      const limit = limits.channels[channel] ?? limits.default;
      const t = now();
      const bucket = buckets.get(channel) ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
      bucket.at = t;
      buckets.set(channel, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      const waitSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
      throw new HttpProblem({
        status: 429,
        kind: 'rate-limited',
        title: 'Too Many Requests',
        detail: `channel ${channel} may submit ${limit.perSecond} complaints per second; retry in ${waitSeconds} s`,
        headers: { 'Retry-After': String(waitSeconds) },
      });
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
