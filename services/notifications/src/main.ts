// Composition only: the sent log, the mailer, the consumer and the HTTP endpoints, closed in the
// reverse order of the work flowing in. runNatsService (@chp/messaging, over platform's runService)
// does the configuration, logging, telemetry, NATS, listening and shutdown common to every service.
import { cloudEventSources } from '@chp/contracts';
import { ensurePlatformStreams } from '@chp/messaging';
import { runNatsService } from '@chp/messaging/service';
import { loggableError } from '@chp/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import { notificationsConfigSchema } from './config.js';
import { createNotificationsApp } from './http/index.js';
import { platformLinkSigner, resolutionLinks } from './links/index.js';
import { outboxMailer, smtpMailer } from './sending/index.js';
import { startNotifications } from './service/index.js';
import { openStorage } from './storage/index.js';

runNatsService({
  name: 'notifications',
  configSchema: notificationsConfigSchema,
  async wire({ config, logger, nc }) {
    const signer = platformLinkSigner(config.CUSTOMER_LINK_SECRET, config.INTAKE_PUBLIC_URL);
    const storage = await openStorage(config.SENT_LOG_URL, {
      onError: (error, context) =>
        logger.warn({ err: loggableError(error), context }, 'sent log recovered from an error'),
    });
    const mailer = config.SMTP_URL
      ? smtpMailer({
          url: config.SMTP_URL,
          maxConnections: config.SMTP_MAX_CONNECTIONS,
          rateLimitPerSecond: config.SMTP_RATE_LIMIT,
        })
      : outboxMailer(config.OUTBOX_DIR);
    await ensurePlatformStreams(await jetstreamManager(nc), {
      replicas: config.JETSTREAM_REPLICAS,
      user: 'notifications',
    });

    const service = await startNotifications({
      nc,
      storage,
      mailer,
      // One message between intent and result per pooled connection: a crash cuts off at most these.
      ...(config.SMTP_URL ? { sendSlots: config.SMTP_MAX_CONNECTIONS } : {}),
      delivery: {
        from: config.MAIL_FROM,
        ...(config.MAIL_REPLY_TO ? { replyTo: config.MAIL_REPLY_TO } : {}),
        messageIdDomain: config.MESSAGE_ID_DOMAIN,
        sendLeaseMs: config.SEND_LEASE,
        source: cloudEventSources.notifications,
      },
      plan: {
        alertRoutes: config.ALERT_ROUTES,
        defaultTimeZone: config.DEFAULT_TIME_ZONE,
        staffLanguage: config.STAFF_LANGUAGE,
        resolutionLinks: resolutionLinks(signer, config.CUSTOMER_LINK_TTL),
      },
      maxAttempts: config.MAX_ATTEMPTS,
      concurrency: config.CONSUMER_CONCURRENCY,
      logger,
    });

    return {
      app: createNotificationsApp({
        storage,
        nc,
        logger,
        unsettledEmails: service.unsettledEmails,
        // Public keys only (JWT_SECRET is no variable of this service): verifying, never minting.
        ...(config.JWT_JWKS_URL
          ? {
              auth: {
                jwksUrl: config.JWT_JWKS_URL,
                maxLifetimeSeconds: config.JWT_MAX_LIFETIME / 1000,
                ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
                ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
              },
            }
          : {}),
      }),
      listening: { mailer: mailer.kind, sentLog: storage.kind },
      closers: [{ name: 'consumer', close: () => service.stop() }],
      resources: [
        { name: 'mailer', close: () => mailer.close() },
        { name: 'sent log', close: () => storage.close() },
      ],
    };
  },
});
