/**
 * The key store port: one data key per customer ("subject"), kept apart from the events so that
 * deleting it erases the customer's personal data from every copy of the events (crypto-shredding).
 * Adapters: SQL (PostgreSQL, PGlite) and memory; a KMS or Vault adapter implements the same port.
 */

/** A customer's live data key. */
export interface DataKey {
  kid: string;
  key: Buffer;
}

/** What a key id resolves to: the key, `erased` (deleted with its customer), or undefined (unknown). */
export type KeyLookup = Buffer | 'erased' | undefined;

export interface KeyStore {
  /**
   * The customer's live key, created when they have none (a first complaint, or the first after an
   * erasure), and the complaint stream recorded as theirs. `subjectId` is a UUID that is not
   * personal data (see `subjectIdOf`).
   */
  getOrCreateKey(subjectId: string, streamName: string): Promise<DataKey>;
  /** A key by its id. */
  getKey(kid: string): Promise<KeyLookup>;
  /** The key of the customer a stream belongs to; undefined for a stream it has no record of. */
  keyOfStream(streamName: string): Promise<DataKey | 'erased' | undefined>;
  /** The streams of the customer a stream belongs to, that one included (empty when unknown). */
  streamsOfCustomer(streamName: string): Promise<string[]>;
  /** Deletes every key of the customer a stream belongs to. Idempotent. */
  eraseCustomerOf(streamName: string): Promise<void>;
  /**
   * A secret kept beside the keys, created on first use: subject ids are its HMAC of the customer's
   * contact, so that they cannot be computed from an e-mail address without it.
   */
  subjectSecret(): Promise<Buffer>;
  close(): Promise<void>;
}
