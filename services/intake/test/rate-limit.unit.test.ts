import { HttpProblem } from '@chp/platform';
import { createRateLimiter } from '../src/http/rate-limit.js';

describe('per-channel rate limit', () => {
  it('admits the burst, then answers 429 with Retry-After until tokens refill', () => {
    let now = 0;
    const limiter = createRateLimiter(
      { default: { perSecond: 100, burst: 100 }, channels: { email: { perSecond: 0.5, burst: 2 } } },
      () => now,
    );
    limiter.take('email');
    limiter.take('email');
    let problem: unknown;
    try {
      limiter.take('email');
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(HttpProblem);
    expect((problem as HttpProblem).status).toBe(429);
    expect((problem as HttpProblem).headers).toEqual({ 'Retry-After': '2' });
    // Other channels have their own bucket.
    expect(() => limiter.take('web')).not.toThrow();
    now = 2_000;
    expect(() => limiter.take('email')).not.toThrow();
  });
});
