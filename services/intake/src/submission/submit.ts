import {
  type Actor,
  assertJsonDepth,
  defaultReceivedAtBounds,
  type FileComplaintResult,
  type IntakeAnswer,
  type IntakeSubmission,
  intakeSubmissionSchema,
  JsonBoundsError,
  type Language,
  type QueuedSubmission,
  type ReceivedAtBounds,
  receivedAtProblem,
} from '@chp/contracts';
import { z } from 'zod';
import type { AttachmentStore } from '../attachments/index.js';
import type { DetectLanguage } from '../language/index.js';
import {
  ComplaintsUnavailable,
  type FilerDeps,
  FilingRefused,
  fileComplaint,
  queueSubmission,
} from './filer.js';
import { fingerprint, identify, type SubmissionClient, type SubmissionIdentity } from './identity.js';
import type { Ledger } from './ledger.js';
import { normaliseSubmission } from './normalise.js';

/** The submission broke the schema after normalisation; `error` names each field. */
export class SubmissionInvalid extends Error {
  constructor(readonly error: z.ZodError) {
    super(`invalid submission: ${error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
    this.name = 'SubmissionInvalid';
  }
}

/** The idempotency key was used before with a different body. */
export class IdempotencyConflict extends Error {
  constructor(
    readonly identity: SubmissionIdentity,
    /** The reference the key's first submission holds. */
    readonly reference: string,
  ) {
    super(
      `idempotency key ${identity.key} was already used with a different submission (complaint ${identity.complaintId}); send the original body or a new key`,
    );
    this.name = 'IdempotencyConflict';
  }
}

export interface SubmissionDeps extends FilerDeps {
  ledger: Ledger;
  defaultRegion: string;
  defaultLanguage: Language;
  /** Reads the language of a submission that states none (`loadLanguageDetector`); absent, the default. */
  detectLanguage?: DetectLanguage | undefined;
  /** `{complaintId}` is replaced; a path or an absolute URL. */
  statusUrlTemplate: string;
  now: () => Date;
  /** How old or how far ahead a channel's `receivedAt` may be. Default: one year, five minutes. */
  receivedAtBounds?: ReceivedAtBounds;
  /**
   * The authserv-ids of our receiving mail gateway (`EMAIL_AUTHSERV_ID`): only its
   * `Authentication-Results` verdict counts. None means no reply is authenticated.
   */
  trustedAuthServIds?: readonly string[];
  /** Where the files of inbound mail go (`ATTACHMENTS_STORE`); absent, mail's files are not kept. */
  attachments?: AttachmentStore;
}

export interface Prepared {
  submission: IntakeSubmission;
  identity: SubmissionIdentity;
  fingerprint: string;
}

/** A 400-worthy problem found outside the schema, as the zod error the schema would have given. */
function invalidField(path: PropertyKey[], message: string, input: unknown): SubmissionInvalid {
  return new SubmissionInvalid(new z.ZodError([{ code: 'custom', path, message, input }]));
}

type PrepareDeps = Pick<SubmissionDeps, 'defaultRegion' | 'defaultLanguage' | 'detectLanguage'> &
  Partial<Pick<SubmissionDeps, 'now' | 'receivedAtBounds'>>;

/** Normalises, validates and derives the id; throws {@link SubmissionInvalid}. */
export function prepare(
  deps: PrepareDeps,
  raw: unknown,
  options: {
    idempotencyKey?: string | undefined;
    acceptLanguage?: string | undefined;
    /** Whose keys these are (the token's subject); the channel when no client is authenticated. */
    client?: SubmissionClient | undefined;
  } = {},
): Prepared {
  try {
    // Normalising walks the body recursively: bound its depth first (the edges did, this is for callers that did not).
    assertJsonDepth(raw);
  } catch (error) {
    if (error instanceof JsonBoundsError) throw invalidField([], error.message, undefined);
    throw error;
  }
  const normalised = normaliseSubmission(raw, {
    defaultRegion: deps.defaultRegion,
    defaultLanguage: deps.defaultLanguage,
    detectLanguage: deps.detectLanguage,
    acceptLanguage: options.acceptLanguage,
  });
  // reportInput: a missing field ("is required") is told from a wrong one (its own message).
  const parsed = intakeSubmissionSchema.safeParse(normalised, { reportInput: true });
  if (!parsed.success) throw new SubmissionInvalid(parsed.error);
  const { receivedAt } = parsed.data;
  if (receivedAt !== undefined) {
    const now = deps.now?.() ?? new Date();
    const problem = receivedAtProblem(receivedAt, now, deps.receivedAtBounds ?? defaultReceivedAtBounds);
    if (problem) throw invalidField(['receivedAt'], problem, receivedAt);
  }
  return {
    submission: parsed.data,
    identity: identify(parsed.data, options.idempotencyKey, options.client),
    fingerprint: fingerprint(parsed.data, deps.defaultLanguage),
  };
}

/**
 * A submission claimed before keys were scoped by client: the same body under the same key and
 * channel answers with that complaint again (a retry across the upgrade). Anything else under an
 * old key is new in the client's scope: a different body is no conflict and reveals nothing.
 */
async function claimedBeforeScoping(
  deps: Pick<SubmissionDeps, 'ledger'>,
  prepared: Prepared,
): Promise<{ complaintId: string; reference: string } | undefined> {
  const { legacyComplaintId } = prepared.identity;
  if (legacyComplaintId === prepared.identity.complaintId) return undefined;
  const earlier = await deps.ledger.find(legacyComplaintId);
  if (earlier === undefined || earlier.fingerprint !== prepared.fingerprint) return undefined;
  return { complaintId: legacyComplaintId, reference: earlier.reference };
}

/**
 * Records the promise in the ledger, which settles the reference; throws {@link IdempotencyConflict}
 * on a reused key. Keys are the client's own, so a conflict only ever names the client's complaint.
 */
export async function claim(
  deps: Pick<SubmissionDeps, 'ledger' | 'now'>,
  prepared: Prepared,
): Promise<QueuedSubmission> {
  const { identity, submission } = prepared;
  const earlier = await claimedBeforeScoping(deps, prepared);
  const { outcome, reference } = earlier
    ? { outcome: 'same' as const, reference: earlier.reference }
    : await deps.ledger.claim(identity.complaintId, prepared.fingerprint);
  if (outcome === 'different') throw new IdempotencyConflict(identity, reference);
  return {
    complaintId: earlier?.complaintId ?? identity.complaintId,
    reference,
    receivedAt: submission.receivedAt ?? deps.now().toISOString(),
    idempotencyKey: identity.key.slice(0, 200),
    submission,
  };
}

/**
 * Files a claimed submission. Complaints grants the promised reference unless something outside
 * the ledger took it first; then the ledger learns the one it reserved, so that replies thread.
 */
export async function fileClaimed(
  deps: Pick<SubmissionDeps, 'ledger' | 'nc' | 'js' | 'fileTimeoutMs' | 'defaultLanguage'>,
  queued: QueuedSubmission,
  actor: Actor,
): Promise<FileComplaintResult> {
  let result: FileComplaintResult;
  try {
    result = await fileComplaint(deps, queued, actor);
  } catch (error) {
    // Refused as invalid (an unknown SLA region): nothing was filed, so the key is free again.
    if (error instanceof FilingRefused && error.error.kind === 'validation') {
      await deps.ledger.release(
        queued.complaintId,
        queued.reference,
        fingerprint(queued.submission, deps.defaultLanguage),
      );
    }
    throw error;
  }
  if (result.reference !== queued.reference) {
    await deps.ledger.recordReference(
      queued.complaintId,
      queued.reference,
      result.reference,
      fingerprint(queued.submission, deps.defaultLanguage),
    );
  }
  return result;
}

export function statusUrlOf(template: string, complaintId: string): string {
  return template.replaceAll('{complaintId}', complaintId);
}

/**
 * Files now when complaints answers in time (`filed`, HTTP 201), otherwise queues on INTAKE with the
 * same id and reference (`queued`, HTTP 202). Refusals by complaints propagate as `FilingRefused`.
 */
export async function submit(deps: SubmissionDeps, prepared: Prepared, actor: Actor): Promise<IntakeAnswer> {
  const queued = await claim(deps, prepared);
  const statusUrl = statusUrlOf(deps.statusUrlTemplate, queued.complaintId);
  try {
    const result = await fileClaimed(deps, queued, actor);
    return {
      status: 'filed',
      complaintId: result.complaintId,
      reference: result.reference,
      acknowledgeBy: result.acknowledgeBy,
      statusUrl,
    };
  } catch (error) {
    if (!(error instanceof ComplaintsUnavailable)) throw error;
  }
  await queueSubmission(deps.js, queued);
  return { status: 'queued', complaintId: queued.complaintId, reference: queued.reference, statusUrl };
}
