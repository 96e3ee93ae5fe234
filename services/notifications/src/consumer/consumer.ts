import { streams, subjects } from '@chp/contracts';
import { PersonalDataOpener } from '@chp/eventstore';
import { type ConsumerRunner, type RetryBackoff, requestDataKeys, runConsumer } from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { complaintEventHandler, type HandlerDeps } from './handler.js';

export const notificationsDurable = 'notifications';

export interface ConsumeOptions {
  nc: NatsConnection;
  deps: HandlerDeps;
  concurrency?: number;
  retryBackoff?: RetryBackoff;
  ackWaitMs?: number;
  durable?: string;
}

/** Consumes every complaint event from JetStream `COMPLAINTS` with the notifications handler. */
export function consumeComplaintEvents(options: ConsumeOptions): Promise<ConsumerRunner> {
  const durable = options.durable ?? notificationsDurable;
  return runConsumer({
    nc: options.nc,
    stream: streams.complaints,
    durable,
    filterSubject: subjects.complaints.allEvents,
    schema: 'raw',
    handler: complaintEventHandler({
      ...options.deps,
      opener: options.deps.opener ?? new PersonalDataOpener((kids) => requestDataKeys(options.nc, kids)),
    }),
    deadLetterSubject: subjects.deadLetters.of('notifications', durable),
    maxDeliver: options.deps.maxDeliver,
    logger: options.deps.logger,
    now: options.deps.now,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.retryBackoff ? { retryBackoff: options.retryBackoff } : {}),
    ...(options.ackWaitMs ? { ackWaitMs: options.ackWaitMs } : {}),
  });
}
