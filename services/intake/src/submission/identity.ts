import { createHash } from 'node:crypto';
import { type IntakeSubmission, type Language, nameBasedUuid } from '@chp/contracts';

// A fixed namespace for intake's UUIDv5 complaint ids; changing it would re-file every repeat.
const NAMESPACE = '6f1c2a4e5b7d4c8e9a0b1c2d3e4f5a6b';

/** RFC 9562 UUIDv5 of `name` in intake's namespace (see `nameBasedUuid` in `@chp/contracts`). */
export const uuidV5 = (name: string): string => nameBasedUuid(NAMESPACE, name);

export interface SubmissionIdentity {
  /** The scoped idempotency key the id derives from. */
  key: string;
  complaintId: string;
  /**
   * The id the same submission had when keys were scoped by channel alone, for ledger entries
   * written before keys were scoped by client (see `claim`).
   */
  legacyComplaintId: string;
}

/**
 * Who a submission's keys belong to: the authenticated client (the token's subject) over HTTP, or
 * the channel where no client is authenticated (NATS subjects, mail from the e-mail gateway).
 */
export type SubmissionClient = { token: string } | { channel: string };

const scopeOf = (client: SubmissionClient): string[] =>
  'token' in client ? ['token', client.token] : ['channel', client.channel];

/**
 * The idempotency key is the client's own (`Idempotency-Key`, a CloudEvent id) or, without one,
 * the channel's external reference; both are scoped by the client, so that one client's key never
 * finds another client's complaint. The scope and key are JSON-encoded: no subject can imitate
 * another's scope with a separator.
 */
export function identify(
  submission: IntakeSubmission,
  idempotencyKey?: string,
  client: SubmissionClient = { channel: submission.channel },
): SubmissionIdentity {
  const hasKey = idempotencyKey !== undefined && idempotencyKey !== '';
  const key = hasKey
    ? `key:${JSON.stringify([...scopeOf(client), idempotencyKey])}`
    : `ref:${JSON.stringify([...scopeOf(client), submission.channel, submission.externalRef])}`;
  const legacy = hasKey
    ? `key:${submission.channel}:${idempotencyKey}`
    : `ref:${submission.channel}:${submission.externalRef}`;
  return { key, complaintId: uuidV5(key), legacyComplaintId: uuidV5(legacy) };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * SHA-256 of the normalised submission with sorted keys: equal bodies, equal fingerprints. A language
 * intake found itself (detected or the default) counts as `defaultLanguage`, which is what intake put
 * there before it detected languages, and its source is left out: a retry across that upgrade, and a
 * body whose language only the detector read, fingerprint as they did.
 */
export function fingerprint(submission: IntakeSubmission, defaultLanguage: Language): string {
  const { preferredLanguageSource, ...customer } = submission.customer;
  if (preferredLanguageSource === 'detected' || preferredLanguageSource === 'default') {
    customer.preferredLanguage = defaultLanguage;
  }
  return createHash('sha256')
    .update(JSON.stringify(canonical({ ...submission, customer })))
    .digest('base64url');
}
