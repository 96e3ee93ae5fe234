// Composition only: the store, the HTTP API and the NATS handlers, closed in the reverse order of
// the work flowing in. runNatsService (@chp/messaging, over platform's runService) does the
// configuration, logging, telemetry, NATS, listening and shutdown common to every service.
import { createEventStore, ProtectingEventStore } from '@chp/eventstore';
import { ensurePlatformStreams } from '@chp/messaging';
import { runNatsService } from '@chp/messaging/service';
import {
  authOptionsFrom,
  feedTokenAudience,
  loggableError,
  rateLimitFrom,
  trustProxyFrom,
} from '@chp/platform';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createCommandHandler, systemClock } from './application/index.js';
import { complaintsConfigSchema } from './config.js';
import { complaintsReadiness, createComplaintsApp } from './http/index.js';
import { consumeNotifications, serveDataKeys, serveNatsCommands } from './nats/index.js';
import { DeadLetterDesk } from './operator/index.js';
import {
  defaultKeyStoreUrl,
  dropMessagesOf,
  protectPersonalData,
  streamsHoldingCustomers,
} from './privacy/index.js';
import { startRelay } from './relay/index.js';
import { startRetentionSweep } from './retention/index.js';
import { loadPoliciesFile, withDefaultRegion } from './sla/index.js';
import { startSlaMonitor } from './sla-monitor/index.js';

runNatsService({
  name: 'complaints',
  configSchema: complaintsConfigSchema,
  async wire({ config, logger, nc }) {
    const policies = withDefaultRegion(loadPoliciesFile(config.SLA_POLICIES_FILE), config.SLA_DEFAULT_REGION);
    const events = await createEventStore(config.EVENT_STORE_URL, {
      // The relay and the SLA monitor are woken by every append here: gather 10 ms of them per read.
      gatherMs: 10,
      onError: (error, context) =>
        logger.warn({ err: loggableError(error), context }, 'event store recovered from an error'),
    });
    // Personal fields are encrypted with a key per customer, kept apart from the events (SECURITY.md).
    const store = config.PERSONAL_DATA_ENCRYPTION
      ? await protectPersonalData(events, config.KEY_STORE_URL ?? defaultKeyStoreUrl(config.EVENT_STORE_URL))
      : events;
    const jsm = await jetstreamManager(nc);
    await ensurePlatformStreams(jsm, {
      replicas: config.JETSTREAM_REPLICAS,
      user: 'complaints',
    });

    const clock = systemClock;
    const handler = createCommandHandler({
      store,
      clock,
      policies,
      maxAttempts: config.COMMAND_MAX_ATTEMPTS,
      ...(store instanceof ProtectingEventStore ? { erasure: store.cipher } : {}),
      // An erased customer's dead letters and proofs of sending go too: they hold the customer in clear.
      dropTraces: async (traces) => {
        for (const stream of streamsHoldingCustomers) {
          const dropped = await dropMessagesOf(jsm, stream, traces);
          if (dropped.deleted > 0)
            logger.info({ stream, ...dropped }, "erasure deleted the customer's messages");
        }
      },
    });
    const services = serveNatsCommands({
      nc,
      store,
      handler,
      clock,
      logger,
      receivedAtBounds: { maxAgeMs: config.RECEIVED_AT_MAX_AGE, clockSkewMs: config.RECEIVED_AT_CLOCK_SKEW },
    });
    // The relay publishes events sealed; their consumers ask here for the keys that open them.
    if (store instanceof ProtectingEventStore)
      services.push(serveDataKeys({ nc, keys: store.cipher.keys, logger }));
    const notifications = config.NOTIFICATIONS_CONSUMER_ENABLED
      ? await consumeNotifications({ nc, handler, logger })
      : undefined;

    // One replica relays at a time (a NATS KV lease); the others stand by.
    const relay = config.RELAY_ENABLED
      ? startRelay({
          // The stored form: personal fields as stand-ins, their originals sealed (SECURITY.md).
          store: store instanceof ProtectingEventStore ? store.raw : store,
          js: jetstream(nc),
          logger,
          lease: { replicas: config.JETSTREAM_REPLICAS },
        })
      : undefined;
    // Every replica may run it: a breach or escalation is appended with the expected revision, once.
    const monitor = config.SLA_MONITOR_ENABLED
      ? startSlaMonitor({ store, handler, clock, policies, logger })
      : undefined;

    // Every replica may sweep: an erasure is idempotent, and refused under a legal hold.
    const retention = config.RETENTION_SWEEP_ENABLED
      ? startRetentionSweep({
          store,
          handler,
          clock,
          policy: config.RETENTION_POLICY,
          ...(store instanceof ProtectingEventStore ? { erasure: store.cipher } : {}),
          logger,
          intervalMs: config.RETENTION_SWEEP_INTERVAL,
        })
      : undefined;

    const app = createComplaintsApp({
      store,
      handler,
      clock,
      policies,
      auth: {
        ...authOptionsFrom(config),
        ...(config.FEED_TOKEN_SECRET
          ? { serviceTokens: { secret: config.FEED_TOKEN_SECRET, audience: feedTokenAudience } }
          : {}),
      },
      rateLimit: rateLimitFrom(config),
      ...trustProxyFrom(config),
      logger,
      readiness: complaintsReadiness({ store, nc }),
      ...(relay ? { relay } : {}),
      deadLetters: await DeadLetterDesk.open(nc, { replicas: config.JETSTREAM_REPLICAS }),
    });
    return {
      app,
      listening: { store: store.kind },
      closers: [
        { name: 'nats commands', close: async () => void (await Promise.all(services.map((s) => s.stop()))) },
        ...(notifications ? [{ name: 'notifications consumer', close: () => notifications.stop() }] : []),
        ...(monitor ? [{ name: 'sla monitor', close: () => monitor.stop() }] : []),
        ...(retention ? [{ name: 'retention sweep', close: () => retention.stop() }] : []),
        ...(relay ? [{ name: 'relay', close: () => relay.stop() }] : []),
      ],
      resources: [{ name: 'event store', close: () => store.close() }],
    };
  },
});
