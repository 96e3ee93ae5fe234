import { envVarNames, loadConfig } from '@chp/platform';
import { notificationsConfigSchema } from '../src/config.js';

const base = { CUSTOMER_LINK_SECRET: 'y'.repeat(32) };

describe('configuration', () => {
  it('reads public token keys only: a leak of its configuration mints no token', () => {
    expect(envVarNames(notificationsConfigSchema).filter((name) => name.startsWith('JWT_'))).toEqual([
      'JWT_AUDIENCE',
      'JWT_ISSUER',
      'JWT_JWKS_URL',
      'JWT_MAX_LIFETIME',
    ]);
    const config = loadConfig(notificationsConfigSchema, { ...base, JWT_SECRET: 'z'.repeat(40) });
    expect(config.SERVICE_NAME).toBe('notifications');
    expect(config).not.toHaveProperty('JWT_SECRET');
    expect(config.JWT_JWKS_URL).toBeUndefined();
    expect(
      loadConfig(notificationsConfigSchema, { ...base, JWT_JWKS_URL: 'https://idp.example/jwks' })
        .JWT_JWKS_URL,
    ).toBe('https://idp.example/jwks');
  });

  it('defaults to the .eml outbox and an embedded sent log', () => {
    const config = loadConfig(notificationsConfigSchema, base);
    expect(config).toMatchObject({
      PORT: 3004,
      OUTBOX_DIR: './.data/outbox',
      SENT_LOG_URL: 'pglite://./.data/notifications',
      DEFAULT_TIME_ZONE: 'UTC',
      ALERT_ROUTES: { teams: {} },
    });
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('parses alert routes and refuses bad ones with a reason', () => {
    const routes = { teams: { billing: { levels: { '2': ['sup@example.com'] } } } };
    expect(
      loadConfig(notificationsConfigSchema, { ...base, ALERT_ROUTES: JSON.stringify(routes) }).ALERT_ROUTES,
    ).toEqual({
      teams: { billing: { levels: { '2': ['sup@example.com'] }, breaches: [] } },
    });
    expect(() =>
      loadConfig(notificationsConfigSchema, {
        ...base,
        ALERT_ROUTES: '{"teams":{"x":{"levels":{"1":["nope"]}}}}',
      }),
    ).toThrow(/ALERT_ROUTES/);
    expect(() => loadConfig(notificationsConfigSchema, { ...base, ALERT_ROUTES: '{' })).toThrow(/not JSON/);
  });

  it('refuses a non-SMTP URL, an unknown time zone and a short link secret', () => {
    expect(() => loadConfig(notificationsConfigSchema, { ...base, SMTP_URL: 'http://mail' })).toThrow(
      /SMTP_URL/,
    );
    expect(() => loadConfig(notificationsConfigSchema, { ...base, DEFAULT_TIME_ZONE: 'Mars/Base' })).toThrow(
      /DEFAULT_TIME_ZONE/,
    );
    expect(() => loadConfig(notificationsConfigSchema, { ...base, CUSTOMER_LINK_SECRET: 'short' })).toThrow(
      /CUSTOMER_LINK_SECRET/,
    );
  });
});
