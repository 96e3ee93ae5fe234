import { type NatsUserName, natsInboxPrefix } from '@chp/contracts';
import type { BaseConfig } from '@chp/platform';
import type { ConnectOptions, NatsAuth, NatsTls } from './connect.js';

/** The NATS variables of a service's parsed config (`serviceConfigSchema` in @chp/platform). */
export type NatsConfig = Pick<
  BaseConfig,
  | 'NATS_URL'
  | 'SERVICE_NAME'
  | 'NATS_CREDS'
  | 'NATS_NKEY_SEED'
  | 'NATS_USER'
  | 'NATS_PASSWORD'
  | 'NATS_TLS_CA'
  | 'NATS_TLS_CERT'
  | 'NATS_TLS_KEY'
>;

/**
 * `connect()` options from a service's config: its servers, credentials, TLS, and the reply prefix of
 * its NATS user, the one its permissions in @chp/contracts (`natsPermissions`) allow it to read.
 */
export function natsConnectOptions(config: NatsConfig, user: NatsUserName): ConnectOptions {
  return {
    servers: config.NATS_URL,
    name: config.SERVICE_NAME,
    inboxPrefix: natsInboxPrefix(user),
    ...(natsAuthFrom(config) ? { auth: natsAuthFrom(config) } : {}),
    ...(natsTlsFrom(config) ? { tls: natsTlsFrom(config) } : {}),
  };
}

/** The credentials the config names, if any (the schema allows at most one kind). */
export function natsAuthFrom(config: NatsConfig): NatsAuth | undefined {
  if (config.NATS_CREDS) return { credsFile: config.NATS_CREDS };
  if (config.NATS_NKEY_SEED) return { nkeySeed: config.NATS_NKEY_SEED };
  if (config.NATS_USER && config.NATS_PASSWORD)
    return { user: config.NATS_USER, password: config.NATS_PASSWORD };
  return undefined;
}

function natsTlsFrom(config: NatsConfig): NatsTls | undefined {
  if (!config.NATS_TLS_CA && !config.NATS_TLS_CERT) return undefined;
  return {
    ...(config.NATS_TLS_CA ? { caFile: config.NATS_TLS_CA } : {}),
    ...(config.NATS_TLS_CERT ? { certFile: config.NATS_TLS_CERT } : {}),
    ...(config.NATS_TLS_KEY ? { keyFile: config.NATS_TLS_KEY } : {}),
  };
}
