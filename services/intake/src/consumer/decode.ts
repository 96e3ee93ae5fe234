import {
  assertJsonTextDepth,
  ContractError,
  channels,
  type IntakeMessage,
  type Issue,
  intakeCloudEventTypes,
  JsonBoundsError,
  parseIntakeMessage,
  toIssues,
} from '@chp/contracts';
import {
  normaliseSubmission,
  type Prepared,
  prepare,
  type SubmissionDeps,
  SubmissionInvalid,
} from '../submission/index.js';

/** Why a message cannot be filed, for its dead letter. */
export class Undeliverable extends Error {
  constructor(
    readonly kind:
      | 'not_utf8'
      | 'json'
      | 'too_deep'
      | 'schema'
      | 'unknown_channel'
      | 'channel_mismatch'
      | 'idempotency'
      | 'forged',
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'Undeliverable';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The channel token of `intake.complaints.<channel>`. */
export function channelOfSubject(subject: string): string {
  return subject.split('.').slice(2).join('.') || 'unknown';
}

type DecodeDeps = Pick<SubmissionDeps, 'defaultRegion' | 'defaultLanguage' | 'detectLanguage'> &
  Partial<Pick<SubmissionDeps, 'now' | 'receivedAtBounds'>>;

export type Decoded =
  | { kind: 'submission'; prepared: Prepared; key: string | undefined }
  | { kind: 'queued'; message: Extract<IntakeMessage, { kind: 'queued' }> };

/**
 * Bytes of `intake.complaints.<channel>` → a prepared submission or intake's own queued one.
 * Plain bodies and CloudEvent `data` are normalised like HTTP bodies; throws {@link Undeliverable}.
 */
export function decodeIntakeMessage(deps: DecodeDeps, subject: string, bytes: Uint8Array): Decoded {
  const channel = channelOfSubject(subject);
  if (!(channels as readonly string[]).includes(channel)) {
    throw new Undeliverable(
      'unknown_channel',
      `unknown channel "${channel}"; expected one of ${channels.join(', ')}`,
    );
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    throw new Undeliverable('not_utf8', `payload is not valid UTF-8 (${(error as Error).message})`);
  }
  try {
    // Before anything walks it: normalising is recursive, and a stack overflow would be retried.
    assertJsonTextDepth(text);
  } catch (error) {
    if (error instanceof JsonBoundsError) throw new Undeliverable('too_deep', `payload ${error.message}`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Undeliverable('json', `payload is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || !('specversion' in json)) {
    const prepared = prepareOrThrow(deps, json, undefined);
    assertChannel(channel, prepared.submission.channel);
    return { kind: 'submission', prepared, key: undefined };
  }
  const envelope = json as Record<string, unknown>;
  let message: IntakeMessage;
  try {
    // A channel's submission is normalised like an HTTP body; intake's own queued one already was.
    const normalised =
      envelope.type === intakeCloudEventTypes.submitted
        ? { ...envelope, data: normaliseSubmission(envelope.data, { ...deps, acceptLanguage: undefined }) }
        : envelope;
    message = parseIntakeMessage(normalised);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    throw new Undeliverable('schema', error.message, error.issues);
  }
  if (message.kind === 'queued') {
    assertChannel(channel, message.queued.submission.channel);
    return { kind: 'queued', message };
  }
  const prepared = prepareOrThrow(
    deps,
    message.submission,
    message.kind === 'submitted' ? message.envelope.id : undefined,
  );
  assertChannel(channel, prepared.submission.channel);
  return {
    kind: 'submission',
    prepared,
    key: message.kind === 'submitted' ? message.envelope.id : undefined,
  };
}

function prepareOrThrow(deps: DecodeDeps, raw: unknown, idempotencyKey: string | undefined): Prepared {
  try {
    return prepare(deps, raw, { idempotencyKey });
  } catch (error) {
    if (error instanceof SubmissionInvalid) {
      throw new Undeliverable('schema', 'invalid submission', toIssues(error.error.issues));
    }
    throw error;
  }
}

function assertChannel(subjectChannel: string, bodyChannel: string): void {
  if (subjectChannel !== bodyChannel) {
    throw new Undeliverable(
      'channel_mismatch',
      `published on intake.complaints.${subjectChannel} but the body says channel "${bodyChannel}"`,
    );
  }
}
