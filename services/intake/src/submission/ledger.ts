import type { JetStreamClient } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';

/** The NATS KV bucket shared by every intake replica. */
export const LEDGER_BUCKET = 'intake-submissions';

export interface LedgerEntry {
  fingerprint: string;
  reference: string;
}

export type Claim = 'new' | 'same' | 'different';

/**
 * What intake has promised: per reference, the complaint id and the fingerprint of the normalised
 * body (idempotency across replicas: `create` is atomic on the server), which also threads e-mail
 * replies (reference → complaint id). Entries never expire by default: a key reused a year later is
 * still the same complaint.
 */
export interface Ledger {
  claim(complaintId: string, entry: LedgerEntry): Promise<Claim>;
  complaintIdOf(reference: string): Promise<string | undefined>;
}

/** `r.<reference>`: one entry, written once by an atomic `create`. */
interface ReferenceEntry {
  complaintId: string;
  fingerprint: string;
}

const decoder = new TextDecoder();

function isWrongLastSequence(error: unknown): boolean {
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
 * A claim is one round trip: `create` of `r.<reference>` holding the id and the fingerprint (the
 * reference derives from the id, so one key per submission key). Only on a conflict is the entry
 * read. Ledgers written before this layout hold `c.<id>` → `{fingerprint, reference}` and
 * `r.<reference>` → the bare id; both are still honoured.
 */
export function kvLedger(kv: KV): Ledger {
  const read = async (key: string): Promise<string | undefined> => {
    const entry = await kv.get(key);
    return entry && entry.operation === 'PUT' ? decoder.decode(entry.value) : undefined;
  };
  /** The entry of a reference in either layout (the earlier one has no fingerprint beside the id). */
  const readReference = async (reference: string): Promise<Partial<ReferenceEntry> | undefined> => {
    const stored = await read(`r.${reference}`);
    if (stored === undefined) return undefined;
    return stored.startsWith('{') ? (JSON.parse(stored) as ReferenceEntry) : { complaintId: stored };
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
  return {
    async claim(complaintId, entry) {
      if (await create(entry.reference, { complaintId, fingerprint: entry.fingerprint })) return 'new';
      const stored = await readReference(entry.reference);
      // Deleted or purged since the create failed: nobody holds the key now.
      if (stored === undefined) return 'new';
      if (stored.complaintId !== complaintId) {
        // Another complaint's reference (35 bits can collide): complaints, which keeps references
        // unique, refuses this filing; the ledger has nothing to say about it.
        return 'new';
      }
      let fingerprint = stored.fingerprint;
      if (fingerprint === undefined) {
        const earlier = await read(`c.${complaintId}`);
        if (earlier === undefined) return 'new';
        fingerprint = (JSON.parse(earlier) as LedgerEntry).fingerprint;
      }
      return fingerprint === entry.fingerprint ? 'same' : 'different';
    },
    complaintIdOf: async (reference) => (await readReference(reference))?.complaintId,
  };
}
