import { defaultPorts, localAudience, localIssuer, serviceEnvironment, serviceNames } from '../src/index.js';

const secrets = { jwtSecret: 'j'.repeat(43), customerLinkSecret: 'c'.repeat(43) };
const envOf = (name: (typeof serviceNames)[number], baseEnv: NodeJS.ProcessEnv = { PATH: '/bin' }) =>
  serviceEnvironment(name, {
    ports: defaultPorts,
    dataDir: '/data',
    natsUrl: 'nats://127.0.0.1:4222',
    secrets,
    baseEnv,
  });

describe('the keys npm start hands each service', () => {
  it('gives the token key, issuer and audience only to the services that verify tokens', () => {
    const holders = serviceNames.filter((name) => envOf(name).JWT_SECRET !== undefined).sort();
    expect(holders).toEqual(['complaints', 'intake', 'knowledge', 'projections']);
    for (const name of holders) {
      expect(envOf(name)).toMatchObject({ JWT_ISSUER: localIssuer, JWT_AUDIENCE: localAudience });
    }
    expect(Object.keys(envOf('notifications')).filter((key) => key.startsWith('JWT_'))).toEqual([]);
  });

  it("gives notifications the provider's public keys (npm start's JWKS) and never JWT_SECRET", () => {
    const jwks = {
      JWT_SECRET: '',
      JWT_JWKS_URL: 'http://localhost:3010/jwks',
      JWT_ISSUER: 'http://localhost:3010',
      JWT_AUDIENCE: 'chp-api',
    };
    const env = serviceEnvironment('notifications', {
      ports: defaultPorts,
      dataDir: '/data',
      natsUrl: 'nats://127.0.0.1:4222',
      secrets,
      baseEnv: { PATH: '/bin' },
      env: jwks,
    });
    expect(
      Object.keys(env)
        .filter((key) => key.startsWith('JWT_'))
        .sort(),
    ).toEqual(['JWT_AUDIENCE', 'JWT_ISSUER', 'JWT_JWKS_URL']);
    expect(env.JWT_JWKS_URL).toBe(jwks.JWT_JWKS_URL);
  });

  it('gives the feed-token key only to complaints (verifies) and projections (signs)', () => {
    const holders = serviceNames.filter((name) => envOf(name).FEED_TOKEN_SECRET !== undefined).sort();
    expect(holders).toEqual(['complaints', 'projections']);
    expect(envOf('complaints').FEED_TOKEN_SECRET).not.toBe(secrets.jwtSecret);
    expect(envOf('complaints').FEED_TOKEN_SECRET?.length).toBeGreaterThanOrEqual(32);
  });

  it('gives the customer-link key only to notifications (signs) and intake (verifies)', () => {
    const holders = serviceNames.filter((name) => envOf(name).CUSTOMER_LINK_SECRET !== undefined).sort();
    expect(holders).toEqual(['intake', 'notifications']);
  });

  it("keeps a key in the user's environment from the services that are not to hold it", () => {
    const leaky = {
      PATH: '/bin',
      JWT_SECRET: 'u'.repeat(40),
      CUSTOMER_LINK_SECRET: 'l'.repeat(40),
      LOG_LEVEL: 'debug',
    };
    expect(envOf('notifications', leaky).JWT_SECRET).toBeUndefined();
    expect(envOf('complaints', leaky).CUSTOMER_LINK_SECRET).toBeUndefined();
    // The stack's own key wins where one is held; other variables pass through.
    expect(envOf('complaints', leaky)).toMatchObject({ JWT_SECRET: secrets.jwtSecret, LOG_LEVEL: 'debug' });
  });
});
