// The real platform for the console's tests: the embedded OpenID provider, nats-server and the four
// services as processes, wired as `npm start` wires them (services trust the provider's JWKS), and a
// real SMTP server (`smtpSink` of @chp/testing) that notifications sends the customers' e-mails to.
import { join } from 'node:path';
import { apiResource, type IdentityProvider, startIdentityProvider } from '@chp/identity';
import { jwksEnv, type Stack, type StackOptions, startStack } from '@chp/stack';
import { freePort, type SmtpSink, smtpSink } from '@chp/testing';

export interface LocalPlatform {
  identity: IdentityProvider;
  stack: Stack;
  /** Every e-mail notifications sent, as the SMTP server received it. */
  mail: SmtpSink;
  stop(): Promise<void>;
}

export async function startLocalPlatform(
  dir: string,
  options: {
    consolePort: number;
    accessTokenTtlSeconds?: number;
    /** Variables for every service (after the JWKS wiring), e.g. `LOG_LEVEL`. */
    env?: Record<string, string>;
    /** Variables for one service, e.g. the benchmark's PostgreSQL stores. */
    serviceEnv?: StackOptions['serviceEnv'];
  },
): Promise<LocalPlatform> {
  const consoleUrl = `http://localhost:${options.consolePort}`;
  const mail = await smtpSink();
  const identity = await startIdentityProvider({
    dataDir: join(dir, 'identity'),
    port: 0,
    consoleRedirectUris: [`${consoleUrl}/auth/callback`],
    consolePostLogoutRedirectUris: [`${consoleUrl}/`],
    ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
  });
  try {
    const serviceToken = await identity.signToken({
      subject: 'test-service',
      roles: ['service'],
      expiresInSeconds: 3600,
    });
    const stack = await startStack({
      dataDir: join(dir, 'stack'),
      nats: { port: -1 },
      smtpUrl: mail.url,
      ports: {
        complaints: await freePort(),
        projections: await freePort(),
        notifications: await freePort(),
        knowledge: await freePort(),
        intake: await freePort(),
      },
      env: {
        ...jwksEnv({ issuer: identity.issuer, jwksUrl: identity.jwksUrl, audience: apiResource }),
        ...options.env,
      },
      serviceEnv: {
        ...options.serviceEnv,
        projections: { COMPLAINTS_TOKEN: serviceToken, ...options.serviceEnv?.projections },
      },
    });
    return {
      identity,
      stack,
      mail,
      async stop() {
        await stack.stop();
        await identity.close();
        await mail.close();
      },
    };
  } catch (error) {
    await identity.close();
    await mail.close();
    throw error;
  }
}
