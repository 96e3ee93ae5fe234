import { kvBuckets } from '@chp/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { isWrongLastSequence } from '../submission/index.js';
import type { PortalView } from './view.js';

const decoder = new TextDecoder();

/** The portal's views (`v.<complaintId>`), and references to ids (`r.<reference>`). */
export interface ViewStore {
  get(complaintId: string): Promise<{ view: PortalView; revision: number } | undefined>;
  idOf(reference: string): Promise<string | undefined>;
  /** Writes a view over the KV revision read (0: none yet); false when someone wrote in between. */
  put(view: PortalView, kvRevision: number): Promise<boolean>;
}

/** Links kept in a complaint's index (`c.<complaintId>`); more live at once would be odd (rate limits). */
const MAX_INDEXED_LINKS = 200;

/**
 * One-time links (`l.<linkId>` → complaint id) and each complaint's index of them (`c.<complaintId>`
 * → link ids), in a bucket whose entries expire on their own.
 */
export interface LinkStore {
  create(linkId: string, complaintId: string): Promise<void>;
  /** The link's complaint, deleting the link: a second use finds nothing. */
  consume(linkId: string): Promise<string | undefined>;
  /** Purges every link of a complaint (its customer was erased); the number purged. */
  revoke(complaintId: string): Promise<number>;
}

export async function openViewStore(js: JetStreamClient, replicas = 1): Promise<ViewStore> {
  const kv: KV = await new Kvm(js).create(kvBuckets.intakePortal, { history: 1, replicas });
  const read = async (key: string) => {
    const entry = await kv.get(key);
    return entry && entry.operation === 'PUT'
      ? { text: decoder.decode(entry.value), revision: entry.revision }
      : undefined;
  };
  return {
    async get(complaintId) {
      const stored = await read(`v.${complaintId}`);
      return stored ? { view: JSON.parse(stored.text) as PortalView, revision: stored.revision } : undefined;
    },
    async idOf(reference) {
      return (await read(`r.${reference}`))?.text;
    },
    async put(view, kvRevision) {
      try {
        if (kvRevision === 0) {
          await kv.create(`v.${view.complaintId}`, JSON.stringify(view));
          await kv.put(`r.${view.reference}`, view.complaintId);
        } else {
          await kv.update(`v.${view.complaintId}`, JSON.stringify(view), kvRevision);
        }
        return true;
      } catch (error) {
        if (isWrongLastSequence(error)) return false;
        throw error;
      }
    },
  };
}

export async function openLinkStore(js: JetStreamClient, ttlMs: number, replicas = 1): Promise<LinkStore> {
  const kv: KV = await new Kvm(js).create(kvBuckets.intakePortalLinks, { history: 1, replicas, ttl: ttlMs });
  return {
    async create(linkId, complaintId) {
      await kv.create(`l.${linkId}`, complaintId);
      // The complaint's links, for an erasure to purge (the index expires with the bucket's TTL, and
      // is renewed by every new link; live links are few, so the list stays short).
      for (;;) {
        const index = await kv.get(`c.${complaintId}`);
        const live = index?.operation === 'PUT' ? (JSON.parse(decoder.decode(index.value)) as string[]) : [];
        const next = JSON.stringify([...live.slice(-MAX_INDEXED_LINKS + 1), linkId]);
        try {
          if (index?.operation === 'PUT') await kv.update(`c.${complaintId}`, next, index.revision);
          else await kv.create(`c.${complaintId}`, next);
          return;
        } catch (error) {
          if (!isWrongLastSequence(error)) throw error;
        }
      }
    },
    async consume(linkId) {
      const entry = await kv.get(`l.${linkId}`);
      if (entry?.operation !== 'PUT') return undefined;
      try {
        // Only the first of two concurrent uses deletes the revision it read.
        await kv.delete(`l.${linkId}`, { previousSeq: entry.revision });
      } catch (error) {
        if (isWrongLastSequence(error)) return undefined;
        throw error;
      }
      return decoder.decode(entry.value);
    },
    async revoke(complaintId) {
      // The complaint's index names its links (listing the bucket's keys would need a consumer, which
      // intake's NATS user may not create). A purge is a rollup message on the key's own subject: it
      // removes every earlier revision from the stream, not only hides it.
      const index = await kv.get(`c.${complaintId}`);
      const linkIds = index?.operation === 'PUT' ? (JSON.parse(decoder.decode(index.value)) as string[]) : [];
      for (const linkId of linkIds) await kv.purge(`l.${linkId}`);
      if (index) await kv.purge(`c.${complaintId}`);
      return linkIds.length;
    },
  };
}
