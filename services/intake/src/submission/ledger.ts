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
 * What intake has promised: complaint id → fingerprint of the normalised body (idempotency across
 * replicas: `create` is atomic on the server), and reference → complaint id (threading e-mail
 * replies). Entries never expire by default: a key reused a year later is still the same complaint.
 */
export interface Ledger {
  claim(complaintId: string, entry: LedgerEntry): Promise<Claim>;
  complaintIdOf(reference: string): Promise<string | undefined>;
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

export function kvLedger(kv: KV): Ledger {
  const read = async (key: string): Promise<string | undefined> => {
    const entry = await kv.get(key);
    return entry && entry.operation === 'PUT' ? decoder.decode(entry.value) : undefined;
  };
  return {
    async claim(complaintId, entry) {
      try {
        await kv.create(`c.${complaintId}`, JSON.stringify(entry));
        // The reference only ever maps to this id (both derive from the same key): put is safe.
        await kv.put(`r.${entry.reference}`, complaintId);
        return 'new';
      } catch (error) {
        if (!isWrongLastSequence(error)) throw error;
      }
      const stored = await read(`c.${complaintId}`);
      if (stored === undefined) return 'new';
      const previous = JSON.parse(stored) as LedgerEntry;
      if (previous.fingerprint !== entry.fingerprint) return 'different';
      await kv.put(`r.${entry.reference}`, complaintId);
      return 'same';
    },
    complaintIdOf: (reference) => read(`r.${reference}`),
  };
}
