import {
  type ComplaintCloudEvent,
  cloudEventSources,
  type NotificationEvent,
  natsInboxPrefix,
  parseNotificationCloudEvent,
  streams,
  subjects,
} from '@chp/contracts';
import type { SqlDriver } from '@chp/eventstore';
import { connect, ensurePlatformStreams, publishCloudEvent } from '@chp/messaging';
import {
  type NatsHandle,
  nats,
  type PostgresHandle,
  postgres,
  type SmtpSink,
  smtpSink,
  waitFor,
} from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { platformLinkSigner, resolutionLinks } from '../../src/links/index.js';
import type { AlertRoutes } from '../../src/planning/index.js';
import { type Mailer, smtpMailer } from '../../src/sending/index.js';
import { type NotificationsService, startNotifications } from '../../src/service/index.js';
import { openStorage } from '../../src/storage/index.js';

export const alertRoutes: AlertRoutes = {
  default: { levels: { '1': ['duty-lead@example.com'] }, breaches: ['duty-lead@example.com'] },
  teams: {
    billing: {
      levels: { '1': ['billing-lead@example.com'], '2': ['billing-supervisor@example.com'] },
      breaches: ['billing-lead@example.com'],
    },
  },
};

export const linkSecret = 'notifications-test-link-secret-0123456789';
export const intakeUrl = 'https://intake.test';

export interface Harness {
  nc: NatsConnection;
  sink: SmtpSink;
  storage: SqlDriver;
  service: NotificationsService;
  /** Reports seen on `notifications.events.>`, in arrival order. */
  reports: NotificationEvent[];
  publish(event: ComplaintCloudEvent): Promise<void>;
  /** Publishes without a msgID, so JetStream stores a repeat as a second message. */
  publishAgain(event: ComplaintCloudEvent): Promise<void>;
  /** Resolves once the consumer has nothing pending or unacknowledged: every published event is settled. */
  settled(): Promise<void>;
  /** Stops the running service and starts a fresh one on the same durable, log and sink. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  maxAttempts?: number;
  concurrency?: number;
  ackWaitMs?: number;
  sendSlots?: number;
  mailer?: (sinkUrl: string) => Mailer;
  /** `STAFF_LANGUAGE`, the language of alerts (default `en`). */
  staffLanguage?: string;
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const server: NatsHandle = await nats();
  const nc = await connect({ servers: server.url, name: 'notifications-test' });
  await ensurePlatformStreams(await jetstreamManager(nc));
  // The tests' connection (`nc`) has no credentials: the test server's operator. Notifications runs
  // as its own NATS user, so that a permission it lacks fails these tests.
  const credentials = server.credentials('notifications');
  const serviceNc = await connect({
    servers: server.url,
    name: 'notifications',
    inboxPrefix: natsInboxPrefix('notifications'),
    ...(credentials ? { auth: credentials } : {}),
  });
  const sink = await smtpSink();
  const db: PostgresHandle = await postgres();
  const storage = await openStorage(db.url);
  const js = jetstream(nc);

  const reports: NotificationEvent[] = [];
  const subscription: Subscription = nc.subscribe(subjects.notifications.allEvents, {
    callback: (_error, msg) => {
      reports.push(parseNotificationCloudEvent(msg.data).event);
    },
  });

  const mailer = options.mailer
    ? options.mailer(sink.url)
    : smtpMailer({ url: sink.url, maxConnections: 4, rateLimitPerSecond: 10_000 });
  const start = () =>
    startNotifications({
      nc: serviceNc,
      storage,
      mailer,
      delivery: {
        from: 'Customer Care <care@complaints.test>',
        replyTo: 'replies@complaints.test',
        messageIdDomain: 'complaints.test',
        sendLeaseMs: 60_000,
        source: cloudEventSources.notifications,
      },
      plan: {
        alertRoutes,
        defaultTimeZone: 'Europe/London',
        staffLanguage: options.staffLanguage ?? 'en',
        resolutionLinks: resolutionLinks(platformLinkSigner(linkSecret, intakeUrl), 30 * 24 * 3_600_000),
      },
      maxAttempts: options.maxAttempts ?? 5,
      concurrency: options.concurrency ?? 8,
      // Short delays keep the suite quick; the tests assert outcomes, never durations.
      retryBackoff: { baseMs: 50, maxMs: 200 },
      recheckMs: 100,
      ...(options.ackWaitMs ? { ackWaitMs: options.ackWaitMs } : {}),
      ...(options.sendSlots ? { sendSlots: options.sendSlots } : {}),
    });

  const handle: Harness = {
    nc,
    sink,
    storage,
    service: await start(),
    reports,
    async publish(event) {
      await publishCloudEvent(js, subjects.complaints.event(event.type.split('.')[1] ?? ''), event);
    },
    async publishAgain(event) {
      await js.publish(subjects.complaints.event(event.type.split('.')[1] ?? ''), JSON.stringify(event));
    },
    async settled() {
      const jsm = await jetstreamManager(nc);
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(streams.complaints, handle.service.runner.durable);
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
        { timeoutMs: 15_000, description: () => 'the notifications consumer to settle' },
      );
    },
    async restart() {
      await handle.service.stop();
      handle.service = await start();
    },
    async close() {
      await handle.service.stop();
      subscription.unsubscribe();
      await mailer.close();
      await serviceNc.drain();
      await nc.drain();
      await storage.close();
      await db.close();
      await sink.close();
      await server.stop();
    },
  };
  return handle;
}
