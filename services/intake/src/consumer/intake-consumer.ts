import { type Actor, channels, streams, subjects } from '@chp/contracts';
import {
  ack,
  buildDeadLetter,
  type ConsumedMessage,
  type ConsumerRunner,
  errorFields,
  type MessagingLogger,
  publishDeadLetter,
  retry,
  runConsumer,
  silentLogger,
} from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  ComplaintsUnavailable,
  claim,
  FilingRefused,
  fileClaimed,
  fingerprint,
  IdempotencyConflict,
  type SubmissionDeps,
} from '../submission/index.js';
import { channelOfSubject, decodeIntakeMessage, Undeliverable } from './decode.js';
import { deadLetters, submissions } from './metrics.js';

export const INTAKE_DURABLE = 'intake';

export interface IntakeConsumerOptions {
  nc: NatsConnection;
  deps: SubmissionDeps;
  concurrency?: number;
  retryBackoff?: { baseMs?: number; maxMs?: number };
  logger?: MessagingLogger;
}

/**
 * The subject's channel when it is one we know, else `unknown`: metric labels and dead-letter
 * subjects would otherwise grow a new series for every random subject a sender makes up.
 */
function channelLabel(subject: string): string {
  const channel = channelOfSubject(subject);
  return (channels as readonly string[]).includes(channel) ? channel : 'unknown';
}

const actorOfChannel = (channel: string): Actor => ({ id: `nats:${channel}`, role: 'channel' });

/**
 * The durable INTAKE consumer on `intake.complaints.>`: files each valid message, dead-letters an
 * invalid one to `intake.dead.<channel>` (original bytes and reasons), and naks with backoff while
 * complaints is unavailable, forever (`maxDeliver: -1`): a submission is never given up on while
 * complaints is down. A handler that throws anything else is dead-lettered after the runner's
 * `maxHandlerFailures` (5), so that a poison message cannot hold the consumer's ack-pending slots.
 */
export async function runIntakeConsumer(options: IntakeConsumerOptions): Promise<ConsumerRunner> {
  const { deps } = options;
  const logger = options.logger ?? silentLogger;

  // The runner's dead-letter subject is one per consumer; intake's are per channel, so intake
  // publishes them itself with the runner's own builder and acks only after the PubAck.
  const deadLetter = async (message: ConsumedMessage<Uint8Array>, error: Undeliverable) => {
    // The subject keeps the channel as sent (an operator looks for it); metrics get the bounded label.
    const subjectChannel = channelOfSubject(message.subject).replace(/[^a-zA-Z0-9_-]/g, '_') || 'unknown';
    const channel = channelLabel(message.subject);
    const letter = buildDeadLetter({
      msg: message.msg,
      consumer: INTAKE_DURABLE,
      reason: `${error.kind}: ${error.message}`,
      issues: error.issues,
      deadAt: deps.now(),
    });
    try {
      await publishDeadLetter(deps.js, subjects.intake.dead(subjectChannel), letter, message.context);
    } catch (publishError) {
      logger.error({ ...errorFields(publishError), channel }, 'dead letter not stored; will retry');
      return retry(undefined, 'dead letter not stored');
    }
    deadLetters.inc({ channel, reason: error.kind });
    submissions.inc({ channel, transport: 'nats', result: 'dead_letter' });
    logger.warn(
      { channel, reason: error.message, seq: message.streamSequence },
      'intake message dead-lettered',
    );
    return ack();
  };

  return runConsumer({
    nc: options.nc,
    stream: streams.intake,
    durable: INTAKE_DURABLE,
    filterSubject: subjects.intake.all,
    schema: 'raw',
    // The runner's own give-ups: a handler that kept throwing (a bug, not a bad message).
    deadLetterSubject: subjects.intake.dead('unrouted'),
    maxDeliver: -1,
    concurrency: options.concurrency ?? 32,
    // Once filed (or dead-lettered), the submission and its personal data leave INTAKE (SECURITY.md).
    deleteSettled: true,
    retryBackoff: options.retryBackoff ?? { baseMs: 1_000, maxMs: 30_000 },
    logger,
    handler: async (message) => {
      const channel = channelLabel(message.subject);
      try {
        const decoded = decodeIntakeMessage(deps, message.subject, message.data);
        if (decoded.kind === 'queued') {
          const { complaintId, reference, submission } = decoded.message.queued;
          const forged = await deps.ledger.mismatch(
            complaintId,
            reference,
            fingerprint(submission, deps.defaultLanguage),
          );
          if (forged)
            throw new Undeliverable('forged', `queued submission not recorded by intake: ${forged}`);
        }
        const queued =
          decoded.kind === 'queued' ? decoded.message.queued : await claim(deps, decoded.prepared);
        await fileClaimed(deps, queued, actorOfChannel(channel));
        submissions.inc({ channel, transport: 'nats', result: 'filed' });
        return ack();
      } catch (error) {
        if (error instanceof Undeliverable) return deadLetter(message, error);
        if (error instanceof IdempotencyConflict) {
          return deadLetter(message, new Undeliverable('idempotency', error.message));
        }
        if (error instanceof FilingRefused) {
          return deadLetter(message, new Undeliverable('schema', error.message, error.error.issues));
        }
        if (error instanceof ComplaintsUnavailable) return retry(undefined, error.message);
        throw error; // the runner retries a throw
      }
    },
  });
}
