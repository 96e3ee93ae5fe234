import { createHmac } from 'node:crypto';
import {
  applyPersonalPatch,
  customerContactOf,
  holdsPersonalData,
  maskPersonalData,
  type PersonalPatch,
  personalDataKey,
  withoutPersonalPatch,
} from '@chp/contracts';
import type { EventData, RecordedEvent } from '../port.js';
import { isEnvelope, open, seal } from './envelope.js';
import type { DataKey, KeyLookup, KeyStore } from './keys.js';

/** How long a key (or its erasure) is remembered: another replica's erasure shows within this. */
const KEY_CACHE_MS = 60_000;
const KEY_CACHE_MAX = 10_000;

/** The complaint stream's first event files it: its customer decides whose key the stream uses. */
const FILING_TYPE = 'ComplaintFiled';

/** A UUID-shaped HMAC of the customer's contact under the key store's secret: not personal data by itself. */
export function subjectIdOf(secret: Buffer, contact: string): string {
  const hex = createHmac('sha256', secret).update(contact, 'utf8').digest('hex').slice(0, 32).split('');
  hex[12] = '8'; // version 8 (custom)
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A bounded map whose entries expire. */
export class Expiring<V> {
  constructor(private readonly ttlMs = KEY_CACHE_MS) {}
  private readonly entries = new Map<string, { value: V; until: number }>();
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  set(key: string, value: V): void {
    if (this.entries.size >= KEY_CACHE_MAX) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  clear(): void {
    this.entries.clear();
  }
}

/**
 * An event's data as written: the sealed patch (`personalDataKey`) opened with the key `keyById`
 * gives and applied; the masked stand-ins when the key is erased or unknown. Data without a patch
 * (written before encryption) is returned as it is, the same object.
 */
export async function revealPersonalData(
  data: unknown,
  eventId: string,
  keyById: (kid: string) => Promise<KeyLookup>,
): Promise<unknown> {
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, personalDataKey)) return data;
  const envelope = (data as Record<string, unknown>)[personalDataKey];
  const masked = withoutPersonalPatch(data);
  if (!isEnvelope(envelope)) return masked;
  const key = await keyById(envelope.kid);
  if (!(key instanceof Buffer)) return masked;
  return applyPersonalPatch(masked, open(key, envelope, eventId) as PersonalPatch);
}

/** The key id of an event's sealed patch, if it has one. */
export function sealedKeyIdOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const envelope = (data as Record<string, unknown>)[personalDataKey];
  return isEnvelope(envelope) ? envelope.kid : undefined;
}

/** Reads the data of a stream's filing event (decrypted), for streams the key store has no record of. */
export type FilingReader = (streamName: string) => Promise<unknown>;

/**
 * Encrypts the personal fields of events as they are appended and decrypts them as they are read,
 * with the customer's data key from a `KeyStore` (see SECURITY.md, "Personal data").
 */
export class PersonalDataCipher {
  private readonly byKid = new Expiring<KeyLookup>();
  private readonly byStream = new Expiring<DataKey | 'erased'>();

  constructor(readonly keys: KeyStore) {}

  /**
   * The stored form of new events of a stream: personal fields masked, their originals sealed
   * under the customer's key beside them. After the customer's erasure, only the masked form.
   */
  async protect(
    streamName: string,
    events: readonly EventData[],
    readFiling?: FilingReader,
  ): Promise<EventData[]> {
    if (!events.some((event) => holdsPersonalData(event.type))) return [...events];
    const filing = events.find((event) => event.type === FILING_TYPE);
    const key = await this.keyFor(streamName, filing?.data, readFiling);
    return events.map((event) => {
      // A stream of no known customer (not a complaint's) is stored as it is.
      if (!holdsPersonalData(event.type) || key === undefined) return event;
      const { masked, patch } = maskPersonalData(event.type, event.data);
      if (patch.length === 0 || key === 'erased') return { ...event, data: masked };
      const sealed = seal(key.key, key.kid, patch, event.id);
      return { ...event, data: { ...(masked as object), [personalDataKey]: sealed } };
    });
  }

  /**
   * The event as written: its personal fields decrypted; once the key is deleted, the masked
   * stand-ins. Events written before encryption (no envelope) are returned as they are.
   */
  async reveal<E extends RecordedEvent>(event: E): Promise<E> {
    const data = await revealPersonalData(event.data, event.id, (kid) => this.keyById(kid));
    return data === event.data ? event : { ...event, data };
  }

  async revealAll<E extends RecordedEvent>(events: readonly E[]): Promise<E[]> {
    return Promise.all(events.map((event) => this.reveal(event)));
  }

  /** The streams of the customer a stream belongs to, that one included. */
  streamsOfCustomer(streamName: string): Promise<string[]> {
    return this.keys.streamsOfCustomer(streamName);
  }

  /** Deletes the key of the customer the stream belongs to; returns all of that customer's streams. */
  async eraseCustomerOf(streamName: string): Promise<string[]> {
    const streams = await this.keys.streamsOfCustomer(streamName);
    for (const stream of streams) this.byStream.delete(stream);
    await this.keys.eraseCustomerOf(streamName);
    // Keys cached by id may belong to the customer without this process knowing: forget them all.
    this.byKid.clear();
    return streams;
  }

  private async keyById(kid: string): Promise<KeyLookup> {
    const cached = this.byKid.get(kid);
    if (cached !== undefined) return cached;
    const found = await this.keys.getKey(kid);
    if (found !== undefined) this.byKid.set(kid, found);
    return found;
  }

  /** The stream's key: the filing's customer's (created if new), else the one recorded for the stream. */
  private async keyFor(
    streamName: string,
    filing: unknown,
    readFiling: FilingReader | undefined,
  ): Promise<DataKey | 'erased' | undefined> {
    const cached = this.byStream.get(streamName);
    if (cached !== undefined) return cached;
    let key: DataKey | 'erased' | undefined =
      filing === undefined ? await this.keys.keyOfStream(streamName) : undefined;
    if (key === undefined) {
      // A new complaint, or one filed before encryption: its customer gets (or has) a key.
      const contact = customerContactOf(filing ?? (await readFiling?.(streamName)));
      if (contact !== undefined) {
        const subject = subjectIdOf(await this.keys.subjectSecret(), contact);
        key = await this.keys.getOrCreateKey(subject, streamName);
      }
    }
    if (key !== undefined) {
      this.byStream.set(streamName, key);
      if (key !== 'erased') this.byKid.set(key.kid, key.key);
    }
    return key;
  }
}
