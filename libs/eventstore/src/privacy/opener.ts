import { MAX_DATA_KEYS_PER_REQUEST, parseJson } from '@chp/contracts';
import { Expiring, revealPersonalData, sealedKeyIdOf } from './cipher.js';
import type { KeyLookup } from './keys.js';

/** Fetches data keys by id, many at once: each id maps to its key, `erased`, or undefined (unknown). */
export type DataKeyFetcher = (kids: readonly string[]) => Promise<ReadonlyMap<string, KeyLookup>>;

export interface PersonalDataOpenerOptions {
  /**
   * How long a fetched key (or its erasure) is kept. An erasure shows in a consumer within this;
   * the consumers re-project erased complaints from the feed anyway. Default 30 s.
   */
  ttlMs?: number;
}

const DEFAULT_TTL_MS = 30_000;
/** Ids per fetch at most (`MAX_DATA_KEYS_PER_REQUEST` of the request). */
const MAX_KIDS_PER_FETCH = MAX_DATA_KEYS_PER_REQUEST;

/**
 * Opens the sealed personal fields of events published by complaints' relay (see SECURITY.md,
 * "Personal data"), for the consumers that need the clear text. Keys come from `fetch` (a request
 * to complaints), cached for a short while; the ids asked for in the same tick go in one request,
 * and an id already asked for is not asked again while its answer is awaited.
 */
export class PersonalDataOpener {
  private readonly cache: Expiring<KeyLookup | 'unknown'>;
  private readonly pending = new Map<string, Promise<KeyLookup>>();
  private queued: { kids: Set<string>; answer: Promise<ReadonlyMap<string, KeyLookup>> } | undefined;

  constructor(
    private readonly fetch: DataKeyFetcher,
    options: PersonalDataOpenerOptions = {},
  ) {
    this.cache = new Expiring(options.ttlMs ?? DEFAULT_TTL_MS);
  }

  /**
   * The event's data with its personal fields opened; the stand-ins once the key is erased (or is
   * unknown). Data without a sealed patch (events published before encryption) is returned as is.
   */
  open(data: unknown, eventId: string): Promise<unknown> {
    if (sealedKeyIdOf(data) === undefined) return Promise.resolve(data);
    return revealPersonalData(data, eventId, (kid) => this.key(kid));
  }

  /**
   * A CloudEvent (JSON text, bytes or object) with its data opened (see `open`; the event id is
   * the context the patch was sealed with). Throws ContractError when the input is not JSON, and
   * what the key fetch throws (a transient failure: retry the message).
   */
  async openCloudEvent(input: unknown): Promise<unknown> {
    const json = parseJson(input);
    if (typeof json !== 'object' || json === null) return json;
    const { id, data } = json as { id?: unknown; data?: unknown };
    if (typeof id !== 'string' || sealedKeyIdOf(data) === undefined) return json;
    return { ...json, data: await this.open(data, id) };
  }

  /** Forgets every key (after an erasure this process learnt of). */
  forget(): void {
    this.cache.clear();
  }

  private key(kid: string): Promise<KeyLookup> {
    const cached = this.cache.get(kid);
    if (cached !== undefined) return Promise.resolve(cached === 'unknown' ? undefined : cached);
    const pending = this.pending.get(kid);
    if (pending !== undefined) return pending;
    const answer = this.batch(kid).then((keys) => {
      const key = keys.get(kid);
      this.cache.set(kid, key ?? 'unknown');
      return key;
    });
    const settled = answer.finally(() => this.pending.delete(kid));
    this.pending.set(kid, settled);
    return settled;
  }

  /** Adds `kid` to the request sent at the end of this tick. */
  private batch(kid: string): Promise<ReadonlyMap<string, KeyLookup>> {
    if (this.queued === undefined || this.queued.kids.size >= MAX_KIDS_PER_FETCH) {
      const kids = new Set<string>();
      const answer = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.queued?.kids === kids) this.queued = undefined;
        return this.fetch([...kids]);
      });
      this.queued = { kids, answer };
    }
    this.queued.kids.add(kid);
    return this.queued.answer;
  }
}
