// Composition only: the ledger, the INTAKE and e-mail consumers, and the HTTP API, closed in the
// reverse order of the work flowing in. runNatsService (@chp/messaging, over platform's runService)
// does the configuration, logging, telemetry, NATS, listening and shutdown common to every service.
import { ensurePlatformStreams } from '@chp/messaging';
import { runNatsService } from '@chp/messaging/service';
import {
  authOptionsFrom,
  cachingVerifier,
  createTokenVerifier,
  rateLimitFrom,
  trustProxyFrom,
} from '@chp/platform';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { attachmentStoreFrom } from './attachments/index.js';
import { intakeConfigSchema, receivedAtBoundsOf } from './config.js';
import { runIntakeConsumer } from './consumer/index.js';
import { emailRouter, runMailConsumer } from './email/index.js';
import { attachmentsRouter, createIntakeApp } from './http/index.js';
import { loadLanguageDetector } from './language/index.js';
import { customerLinksRouter } from './links/index.js';
import { openPortal } from './portal/index.js';
import { openLedger, type SubmissionDeps } from './submission/index.js';

runNatsService({
  name: 'intake',
  configSchema: intakeConfigSchema,
  async wire({ config, logger, nc }) {
    await ensurePlatformStreams(await jetstreamManager(nc), {
      replicas: config.JETSTREAM_REPLICAS,
      user: 'intake',
    });
    const js = jetstream(nc);

    const attachments = attachmentStoreFrom(config);
    const deps: SubmissionDeps = {
      nc,
      js,
      ledger: await openLedger(js, { replicas: config.JETSTREAM_REPLICAS }),
      defaultRegion: config.DEFAULT_PHONE_REGION,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      detectLanguage: await loadLanguageDetector(),
      fileTimeoutMs: config.FILE_TIMEOUT,
      statusUrlTemplate: config.STATUS_URL_TEMPLATE,
      now: () => new Date(),
      receivedAtBounds: receivedAtBoundsOf(config),
      trustedAuthServIds: config.EMAIL_AUTHSERV_ID,
      attachments,
    };
    const retryBackoff = { baseMs: config.RETRY_BASE, maxMs: config.RETRY_MAX };
    const consumer = await runIntakeConsumer({
      nc,
      deps,
      concurrency: config.CONSUMER_CONCURRENCY,
      retryBackoff,
      logger,
    });
    const mail = await runMailConsumer({ nc, deps, retryBackoff, logger });

    const portal = await openPortal({ config, submissions: deps, nc, js, logger });

    // Channels send many requests with one token: each is verified once, then remembered a minute.
    const verifier = cachingVerifier(
      createTokenVerifier({ realm: config.SERVICE_NAME, ...authOptionsFrom(config) }),
    );
    const app = createIntakeApp({
      submissions: deps,
      nc,
      auth: verifier,
      rateLimit: rateLimitFrom(config),
      ...trustProxyFrom(config),
      logger,
      rawRouters: [
        attachmentsRouter({ submissions: deps, attachments }),
        emailRouter(deps, verifier),
        customerLinksRouter({
          nc,
          secret: config.CUSTOMER_LINK_SECRET,
          timeoutMs: config.FILE_TIMEOUT,
          now: () => new Date(),
        }),
        ...portal.routers,
      ],
    });
    return {
      app,
      listening: { publicUrl: config.INTAKE_PUBLIC_URL },
      closers: [
        { name: 'intake consumer', close: () => consumer.stop() },
        { name: 'mail consumer', close: () => mail.stop() },
        { name: 'portal projection', close: () => portal.projection.stop() },
      ],
    };
  },
});
