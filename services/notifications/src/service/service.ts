import { streams } from '@chp/contracts';
import { PersonalDataOpener, type SqlDriver } from '@chp/eventstore';
import {
  type ConsumerRunner,
  type MessagingLogger,
  type RetryBackoff,
  requestDataKeys,
  silentLogger,
} from '@chp/messaging';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { consumeComplaintEvents, type HandlerDeps, handleComplaintEvent } from '../consumer/index.js';
import { type DeliverySettings, SendSlots } from '../delivery/index.js';
import { Directory } from '../directory/index.js';
import { UnsettledEmails } from '../operator/index.js';
import type { PlanSettings } from '../planning/index.js';
import { subscribePortalLinks } from '../portal-links/index.js';
import type { Mailer } from '../sending/index.js';
import { SentLog } from '../sent-log/index.js';

export interface NotificationsServiceOptions {
  nc: NatsConnection;
  storage: SqlDriver;
  mailer: Mailer;
  delivery: DeliverySettings;
  plan: PlanSettings;
  maxAttempts: number;
  concurrency?: number;
  /** Messages between their claim and the end of their send at once (SMTP: the pool's connections); unbounded when omitted. */
  sendSlots?: number;
  retryBackoff?: RetryBackoff;
  /** Delay before looking again at a send in flight elsewhere or an event ahead of its filing. */
  recheckMs?: number;
  ackWaitMs?: number;
  durable?: string;
  logger?: MessagingLogger;
  now?: () => Date;
}

export interface NotificationsService {
  sentLog: SentLog;
  directory: Directory;
  runner: ConsumerRunner;
  /** The operators' desk for `unknown` rows (the admin routes). */
  unsettledEmails: UnsettledEmails;
  /** Stops consuming (in-flight sends finish and are recorded). Closes neither NATS nor storage. */
  stop(): Promise<void>;
}

/** The consumer with its sent log, directory and mailer: what `main` runs and the tests restart. */
export async function startNotifications(
  options: NotificationsServiceOptions,
): Promise<NotificationsService> {
  const sentLog = new SentLog(options.storage);
  const directory = new Directory(options.storage);
  const logger = options.logger ?? silentLogger;
  const deliveryDeps = {
    sentLog,
    mailer: options.mailer,
    js: jetstream(options.nc),
    now: options.now ?? (() => new Date()),
    settings: options.delivery,
    ...(options.sendSlots ? { sendSlots: new SendSlots(options.sendSlots) } : {}),
  };
  // One set of dependencies for the consumer and an operator's resend: both open sealed fields.
  const deps: HandlerDeps = {
    ...deliveryDeps,
    directory,
    plan: options.plan,
    maxDeliver: options.maxAttempts,
    recheckMs: options.recheckMs ?? 1_000,
    logger,
    opener: new PersonalDataOpener((kids) => requestDataKeys(options.nc, kids)),
  };
  const runner = await consumeComplaintEvents({
    nc: options.nc,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.retryBackoff ? { retryBackoff: options.retryBackoff } : {}),
    ...(options.ackWaitMs ? { ackWaitMs: options.ackWaitMs } : {}),
    ...(options.durable ? { durable: options.durable } : {}),
    deps,
  });
  const portalLinks = subscribePortalLinks({
    nc: options.nc,
    directory,
    delivery: deliveryDeps,
    defaultTimeZone: options.plan.defaultTimeZone,
    logger,
  });
  const jsm = await jetstreamManager(options.nc);
  const unsettledEmails = new UnsettledEmails({
    sentLog,
    // `$JS.API.STREAM.MSG.GET.COMPLAINTS` (the permission table's line for notifications).
    readEvent: async (seq) => (await jsm.streams.getMessage(streams.complaints, { seq }))?.data ?? undefined,
    // As the event's last delivery: the resent row ends `sent` or `failed`, never waiting for a redelivery.
    handle: ({ data, streamSequence }) =>
      handleComplaintEvent(deps, { data, streamSequence, deliveryCount: deps.maxDeliver }),
  });
  return {
    sentLog,
    directory,
    runner,
    unsettledEmails,
    async stop() {
      portalLinks.unsubscribe();
      await runner.stop();
    },
  };
}
