import { ConfigError, loadConfig, rateLimitFrom } from '@chp/platform';
import { intakeConfigSchema, receivedAtBoundsOf } from '../src/config.js';

const minimal = {
  JWT_SECRET: 'an-intake-jwt-secret-of-32-characters!!',
  CUSTOMER_LINK_SECRET: 'a-customer-link-secret-of-32-characters',
};

describe('intake configuration', () => {
  it('has defaults for everything but the secrets', () => {
    const config = loadConfig(intakeConfigSchema, minimal);
    expect(config).toMatchObject({
      PORT: 3001,
      DEFAULT_PHONE_REGION: 'GB',
      DEFAULT_LANGUAGE: 'en',
      FILE_TIMEOUT: 2000,
    });
    expect(config.INTAKE_PUBLIC_URL).toMatch(/^http:\/\/localhost:3001/);
  });

  it('parses per-client rate limits, by token subject', () => {
    const config = loadConfig(intakeConfigSchema, {
      ...minimal,
      RATE_LIMITS: 'web-form=100:200, mail-gw=0.5:2',
    });
    expect(rateLimitFrom(config).clients).toEqual({
      'web-form': { perSecond: 100, burst: 200 },
      'mail-gw': { perSecond: 0.5, burst: 2 },
    });
  });

  it('bounds receivedAt to a year back and five minutes ahead unless told otherwise', () => {
    expect(receivedAtBoundsOf(loadConfig(intakeConfigSchema, minimal))).toEqual({
      maxAgeMs: 365 * 86_400_000,
      clockSkewMs: 300_000,
    });
    const config = loadConfig(intakeConfigSchema, { ...minimal, RECEIVED_AT_MAX_AGE: '90d' });
    expect(receivedAtBoundsOf(config).maxAgeMs).toBe(90 * 86_400_000);
  });

  it('names each bad variable', () => {
    try {
      loadConfig(intakeConfigSchema, {
        JWT_SECRET: minimal.JWT_SECRET,
        RATE_LIMITS: 'fax=fast',
        DEFAULT_LANGUAGE: 'de',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.problems.map((p) => p.variable).sort()).toEqual([
        'CUSTOMER_LINK_SECRET',
        'DEFAULT_LANGUAGE',
        'RATE_LIMITS',
      ]);
    }
  });
});
