import { randomBytes, randomUUID } from 'node:crypto';
import { newDataKey } from './envelope.js';
import type { DataKey, KeyLookup, KeyStore } from './keys.js';

interface KeyRow {
  subjectId: string;
  key: Buffer | undefined;
}

/** The key store in memory: for tests and `memory://` event stores. */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, KeyRow>();
  private readonly live = new Map<string, string>();
  private readonly streams = new Map<string, { kid: string; subjectId: string }>();
  private readonly secret = randomBytes(32);

  async getOrCreateKey(subjectId: string, streamName: string): Promise<DataKey> {
    let kid = this.live.get(subjectId);
    if (kid === undefined) {
      kid = randomUUID();
      this.keys.set(kid, { subjectId, key: newDataKey() });
      this.live.set(subjectId, kid);
    }
    if (!this.streams.has(streamName)) this.streams.set(streamName, { kid, subjectId });
    const key = this.keys.get(kid)?.key;
    if (key === undefined) throw new Error(`key ${kid} vanished`);
    return { kid, key };
  }

  async getKey(kid: string): Promise<KeyLookup> {
    const row = this.keys.get(kid);
    if (row === undefined) return undefined;
    return row.key ?? 'erased';
  }

  async keyOfStream(streamName: string): Promise<DataKey | 'erased' | undefined> {
    const link = this.streams.get(streamName);
    if (link === undefined) return undefined;
    const kid = this.live.get(link.subjectId);
    const key = kid === undefined ? undefined : this.keys.get(kid)?.key;
    return kid === undefined || key === undefined ? 'erased' : { kid, key };
  }

  async streamsOfCustomer(streamName: string): Promise<string[]> {
    const link = this.streams.get(streamName);
    if (link === undefined) return [];
    return [...this.streams].filter(([, l]) => l.subjectId === link.subjectId).map(([name]) => name);
  }

  async eraseCustomerOf(streamName: string): Promise<void> {
    const link = this.streams.get(streamName);
    if (link === undefined) return;
    for (const row of this.keys.values()) if (row.subjectId === link.subjectId) row.key = undefined;
    this.live.delete(link.subjectId);
  }

  async subjectSecret(): Promise<Buffer> {
    return this.secret;
  }

  async close(): Promise<void> {
    // Nothing to release: the keys go with the object.
  }
}
