import {
  type Actor,
  cachingVerifier,
  createTokenVerifier,
  HttpProblem,
  signToken,
  type TokenVerifier,
} from '@chp/platform';

const secret = 'token-cache-test-secret-of-at-least-32-chars';

/** The real HS256 verifier, counting the tokens it was asked to check. */
function counting(): TokenVerifier & { calls: number } {
  const real = createTokenVerifier({ secret, realm: 'intake' });
  const spy = {
    calls: 0,
    verify(token: string): Promise<Actor> {
      spy.calls += 1;
      return real.verify(token);
    },
  };
  return spy;
}

async function refusal(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('cached token verification', () => {
  it('verifies a token once and answers repeats, concurrent ones included, with the same actor', async () => {
    const inner = counting();
    const verifier = cachingVerifier(inner);
    const token = await signToken({ secret, subject: 'web-form', roles: ['channel'] });
    const actors = await Promise.all([verifier.verify(token), verifier.verify(token)]);
    const again = await verifier.verify(token);
    expect(inner.calls).toBe(1);
    expect(again).toEqual({ id: 'web-form', role: 'channel', roles: ['channel'] });
    expect(actors).toEqual([again, again]);
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('never remembers a refusal: a tampered token is checked and refused every time', async () => {
    const inner = counting();
    const verifier = cachingVerifier(inner);
    const token = await signToken({ secret, subject: 'web-form', roles: ['channel'] });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await refusal(verifier.verify(tampered))).status).toBe(401);
    expect((await refusal(verifier.verify(tampered))).status).toBe(401);
    expect(inner.calls).toBe(2);
  });

  it('checks a token again once its exp or the time limit has passed', async () => {
    let now = Date.UTC(2026, 2, 2, 12, 0, 0);
    const inner = counting();
    const verifier = cachingVerifier(inner, { ttlMs: 60_000, now: () => now });
    const issued = new Date(Date.now());
    const shortLived = await signToken({
      secret,
      subject: 'a',
      roles: ['channel'],
      expiresIn: 30,
      now: issued,
    });
    const longLived = await signToken({
      secret,
      subject: 'b',
      roles: ['channel'],
      expiresIn: '1h',
      now: issued,
    });
    now = issued.getTime();
    await verifier.verify(shortLived);
    await verifier.verify(longLived);
    now += 29_000;
    await verifier.verify(shortLived);
    await verifier.verify(longLived);
    expect(inner.calls).toBe(2);
    now += 2_000; // past the short token's exp: verified again (the real verifier still has its own clock)
    await verifier.verify(shortLived);
    expect(inner.calls).toBe(3);
    now += 30_000; // past the time limit of the long one
    await verifier.verify(longLived);
    expect(inner.calls).toBe(4);
  });

  it('holds at most maxEntries tokens, forgetting the oldest', async () => {
    const inner = counting();
    const verifier = cachingVerifier(inner, { maxEntries: 2 });
    const tokens = await Promise.all(
      ['a', 'b', 'c'].map((subject) => signToken({ secret, subject, roles: ['channel'] })),
    );
    for (const token of tokens) await verifier.verify(token);
    expect(inner.calls).toBe(3);
    await verifier.verify(tokens[2] as string);
    await verifier.verify(tokens[1] as string);
    expect(inner.calls).toBe(3);
    await verifier.verify(tokens[0] as string);
    expect(inner.calls).toBe(4);
  });
});
