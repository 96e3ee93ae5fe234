import { streams, subjects } from '@chp/contracts';
import { ack, type ConsumerRunner, type MessagingLogger, reject, retry, runConsumer } from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  ComplaintsUnavailable,
  FilingRefused,
  IdempotencyConflict,
  type SubmissionDeps,
  SubmissionInvalid,
} from '../submission/index.js';
import { handleMail, UnusableMail } from './handle-mail.js';

export const EMAIL_DURABLE = 'intake-email';

/** The durable consumer of `intake.email.raw`: each mail handled as over HTTP, retried while complaints is down. */
export function runMailConsumer(options: {
  nc: NatsConnection;
  deps: SubmissionDeps;
  retryBackoff?: { baseMs?: number; maxMs?: number };
  logger?: MessagingLogger;
}): Promise<ConsumerRunner> {
  return runConsumer({
    nc: options.nc,
    stream: streams.intake,
    durable: EMAIL_DURABLE,
    filterSubject: subjects.intake.emailRaw,
    schema: 'raw',
    deadLetterSubject: subjects.intake.dead('email'),
    maxDeliver: -1,
    concurrency: 8,
    // Once filed (or dead-lettered), the submission and its personal data leave INTAKE (SECURITY.md).
    deleteSettled: true,
    retryBackoff: options.retryBackoff ?? { baseMs: 1_000, maxMs: 30_000 },
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (message) => {
      try {
        await handleMail(options.deps, Buffer.from(message.data));
        return ack();
      } catch (error) {
        if (error instanceof ComplaintsUnavailable) return retry(undefined, error.message);
        if (error instanceof UnusableMail) return reject(`unusable mail: ${error.message}`);
        if (
          error instanceof SubmissionInvalid ||
          error instanceof IdempotencyConflict ||
          error instanceof FilingRefused
        ) {
          return reject(error.message);
        }
        throw error;
      }
    },
  });
}
