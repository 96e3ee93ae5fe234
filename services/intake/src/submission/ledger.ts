import {
  claimReference,
  MAX_REFERENCE_CANDIDATES,
  NoFreeReference,
  referenceCandidate,
} from '@chp/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';

/** The NATS KV bucket shared by every intake replica. */
export const LEDGER_BUCKET = 'intake-submissions';

/** The candidate walk lives in contracts, shared with complaints' reservations. */
export { MAX_REFERENCE_CANDIDATES, NoFreeReference };

export type Claim =
  /** First sight of this submission key: `reference` is now promised to it and to nobody else. */
  | { outcome: 'new'; reference: string }
  /** The key was claimed before with the same body: the same answer again. */
  | { outcome: 'same'; reference: string }
  /** The key was claimed before with another body (HTTP 422). */
  | { outcome: 'different'; reference: string };

/**
 * What intake has promised, shared by every replica: per reference, the complaint holding it and the
 * fingerprint of its normalised body. That gives idempotency across replicas (`create` is atomic on
 * the server), a reference that no other submission through intake is promised (the 202 answer
 * states it before complaints has seen the filing), and e-mail threading (reference → complaint).
 * Entries never expire by default: a key reused a year later is still the same complaint.
 */
export interface Ledger {
  claim(complaintId: string, fingerprint: string): Promise<Claim>;
  /**
   * Records that complaints reserved `actual` instead of the promised reference. That happens only
   * when something other than this ledger's claims took the promised one in the event store (a
   * filing that bypassed intake, a ledger bucket lost): the store proves uniqueness, so the ledger
   * follows it. The promised reference then no longer threads to this complaint.
   */
  recordReference(complaintId: string, promised: string, actual: string, fingerprint: string): Promise<void>;
  /**
   * Gives back a claim whose filing complaints refused as invalid (nothing was filed), so that the
   * corrected submission under the same key is new rather than a 422 "different body". Only the
   * claim as made is removed (same complaint and fingerprint, not since redirected), atomically.
   */
  release(complaintId: string, reference: string, fingerprint: string): Promise<void>;
  complaintIdOf(reference: string): Promise<string | undefined>;
  /**
   * Why a queued submission is not one this ledger promised (no entry for the reference, another
   * complaint's, another body), or undefined when it is. Anyone who could publish on INTAKE could
   * otherwise file under an id and reference of their choosing.
   */
  mismatch(complaintId: string, reference: string, fingerprint: string): Promise<string | undefined>;
  /** A complaint's claim, if it has one: the reference it holds and the fingerprint it was claimed with. */
  find(complaintId: string): Promise<{ reference: string; fingerprint: string | undefined } | undefined>;
}

/** `r.<reference>`: one entry, written once by an atomic `create`. */
interface ReferenceEntry {
  complaintId: string;
  fingerprint?: string;
  /** Set on a promised reference that complaints did not grant: the one it reserved instead. */
  actual?: string;
}

const decoder = new TextDecoder();

export function isWrongLastSequence(error: unknown): boolean {
  // `create` on an existing key fails with "wrong last sequence" (JetStream error 10071).
  return error instanceof Error && /wrong last sequence|10071|key exists/i.test(error.message);
}

export async function openLedger(js: JetStreamClient, options: { bucket?: string; replicas?: number } = {}) {
  const kv: KV = await new Kvm(js).create(options.bucket ?? LEDGER_BUCKET, {
    history: 1,
    replicas: options.replicas ?? 1,
  });
  return kvLedger(kv);
}

/**
 * A claim walks the complaint's reference candidates (`claimReference` in contracts, the walk the
 * complaints service reserves with) and `create`s `r.<candidate>` → `{complaintId, fingerprint}`:
 * - created: the submission is new and the candidate is its reference (one round trip, the usual
 *   case);
 * - held by this complaint: a repeat, `same` or `different` by fingerprint;
 * - held by another complaint (35 bits do clash): the next candidate.
 * Ledgers written before this layout hold `c.<id>` → `{fingerprint, reference}` and `r.<reference>`
 * → the bare id; both are still honoured.
 */
export function kvLedger(kv: KV): Ledger {
  /** A key's value and the revision it was written at, unless absent or deleted. */
  const readRevision = async (key: string): Promise<{ value: string; revision: number } | undefined> => {
    const entry = await kv.get(key);
    return entry && entry.operation === 'PUT'
      ? { value: decoder.decode(entry.value), revision: entry.revision }
      : undefined;
  };
  const read = async (key: string): Promise<string | undefined> => (await readRevision(key))?.value;
  /** A reference's entry in either layout (the earlier one has no fingerprint beside the id). */
  const parseEntry = (stored: string): ReferenceEntry =>
    stored.startsWith('{') ? (JSON.parse(stored) as ReferenceEntry) : { complaintId: stored };
  const readReference = async (reference: string): Promise<ReferenceEntry | undefined> => {
    const stored = await read(`r.${reference}`);
    return stored === undefined ? undefined : parseEntry(stored);
  };
  const create = async (reference: string, value: ReferenceEntry): Promise<boolean> => {
    try {
      await kv.create(`r.${reference}`, JSON.stringify(value));
      return true;
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error;
      return false;
    }
  };
  /** The fingerprint a complaint was first claimed with, from either layout. */
  const fingerprintOf = async (complaintId: string, entry: ReferenceEntry) => {
    if (entry.fingerprint !== undefined) return entry.fingerprint;
    const earlier = await read(`c.${complaintId}`);
    return earlier === undefined ? undefined : (JSON.parse(earlier) as { fingerprint: string }).fingerprint;
  };

  return {
    claim(complaintId, fingerprint) {
      return claimReference(complaintId, async (reference): Promise<Claim | undefined> => {
        for (;;) {
          if (await create(reference, { complaintId, fingerprint })) return { outcome: 'new', reference };
          const stored = await readReference(reference);
          // Deleted or purged since the create failed: take it again.
          if (stored === undefined) continue;
          if (stored.complaintId !== complaintId) return undefined; // another complaint's: the next candidate
          const granted = stored.actual ?? reference;
          const first = await fingerprintOf(complaintId, stored);
          if (first === undefined || first === fingerprint) return { outcome: 'same', reference: granted };
          return { outcome: 'different', reference: granted };
        }
      });
    },
    async recordReference(complaintId, promised, actual, fingerprint) {
      if (promised === actual) return;
      await kv.put(`r.${promised}`, JSON.stringify({ complaintId, fingerprint, actual }));
      if (await create(actual, { complaintId, fingerprint })) return;
      const stored = await readReference(actual);
      if (stored?.complaintId !== complaintId) {
        await kv.put(`r.${actual}`, JSON.stringify({ complaintId, fingerprint }));
      }
    },
    async release(complaintId, reference, fingerprint) {
      const stored = await readRevision(`r.${reference}`);
      if (stored === undefined) return;
      // An entry of the earlier layout has no fingerprint, so it is never given back.
      const held = parseEntry(stored.value);
      if (held.complaintId !== complaintId || held.fingerprint !== fingerprint || held.actual) return;
      try {
        await kv.delete(`r.${reference}`, { previousSeq: stored.revision });
      } catch (error) {
        if (!isWrongLastSequence(error)) throw error; // changed meanwhile: no longer this claim
      }
    },
    async mismatch(complaintId, reference, fingerprint) {
      const stored = await readReference(reference);
      if (stored === undefined) return `no ledger entry for reference ${reference}`;
      if (stored.complaintId !== complaintId) {
        return `reference ${reference} was promised to another complaint, not ${complaintId}`;
      }
      const first = await fingerprintOf(complaintId, stored);
      // An entry of the earliest layout has no fingerprint: the id and reference are all it can vouch for.
      if (first !== undefined && first !== fingerprint) {
        return `the submission differs from the one recorded for reference ${reference}`;
      }
      return undefined;
    },
    async find(complaintId) {
      // A claim takes the first candidate free at the time, so the walk stops at a free one.
      for (let attempt = 0; attempt < MAX_REFERENCE_CANDIDATES; attempt++) {
        const candidate = referenceCandidate(complaintId, attempt);
        const stored = await readReference(candidate);
        if (stored === undefined) return undefined;
        if (stored.complaintId === complaintId) {
          return {
            reference: stored.actual ?? candidate,
            fingerprint: await fingerprintOf(complaintId, stored),
          };
        }
      }
      return undefined;
    },
    async complaintIdOf(reference) {
      const stored = await readReference(reference);
      // A promised reference complaints gave to someone else is not this complaint's.
      return stored === undefined || (stored.actual ?? reference) !== reference
        ? undefined
        : stored.complaintId;
    },
  };
}
