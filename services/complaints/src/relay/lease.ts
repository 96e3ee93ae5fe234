import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';

export interface LeaseOptions {
  /** KV bucket holding the leases. Default `complaints_leases`. */
  bucket?: string;
  /** How long a lease outlives its last renewal. Default 10 s; it is renewed every third of it. */
  ttlMs?: number;
  /** Who holds it, for logs and the KV value. Default `<hostname>-<pid>-<random>`. */
  holderId?: string;
  /**
   * Replicas of the bucket when it is created (JETSTREAM_REPLICAS): at R1 on a cluster, the lease is
   * unreachable while its one node is down, and no replica could take over relaying. Default 1.
   */
  replicas?: number;
}

export const defaultLeaseBucket = 'complaints_leases';
export const defaultLeaseTtlMs = 10_000;

/**
 * A lease in NATS KV: one key, created only when absent (`create` = expected last sequence 0),
 * renewed by compare-and-set on the revision we wrote last, and gone `ttlMs` after the last renewal
 * (the bucket's `max_age`), so a replica that died is replaced without anyone deleting its key.
 */
export class KvLease {
  #revision = 0;
  #lastRenewedAt = 0;

  private constructor(
    private readonly kv: KV,
    readonly key: string,
    readonly holderId: string,
    readonly ttlMs: number,
  ) {}

  static async open(js: JetStreamClient, key: string, options: LeaseOptions = {}): Promise<KvLease> {
    const ttlMs = options.ttlMs ?? defaultLeaseTtlMs;
    if (!Number.isInteger(ttlMs) || ttlMs < 1_000) {
      throw new RangeError(`lease ttlMs must be an integer of at least 1000, got ${ttlMs}`);
    }
    if (!/^[-/=.\w]+$/.test(key)) throw new RangeError(`"${key}" is not a valid KV key`);
    // An existing bucket keeps its own max_age; the lease then lasts that long.
    const kv = await new Kvm(js).create(options.bucket ?? defaultLeaseBucket, {
      history: 1,
      ttl: ttlMs,
      replicas: options.replicas ?? 1,
    });
    const holderId = options.holderId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    return new KvLease(kv, key, holderId, ttlMs);
  }

  get held(): boolean {
    return this.#revision > 0;
  }

  /** Takes the lease if nobody holds it. True when we hold it now. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return this.renew();
    try {
      this.#revision = await this.kv.create(this.key, this.holderId);
      this.#lastRenewedAt = Date.now();
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw error;
    }
  }

  /**
   * Extends the lease. False once it is lost: someone else took it, or it may have expired because
   * renewals failed for two thirds of the TTL (we stop before the server could hand it on).
   */
  async renew(): Promise<boolean> {
    if (!this.held) return false;
    try {
      this.#revision = await this.kv.update(this.key, this.holderId, this.#revision);
      this.#lastRenewedAt = Date.now();
      return true;
    } catch (error) {
      if (isWrongLastSequence(error) || Date.now() - this.#lastRenewedAt >= (this.ttlMs * 2) / 3) {
        this.#revision = 0;
        return false;
      }
      throw error;
    }
  }

  /** Hands the lease back at once (on a clean stop), so another replica need not wait for expiry. */
  async release(): Promise<void> {
    if (!this.held) return;
    const revision = this.#revision;
    this.#revision = 0;
    try {
      await this.kv.delete(this.key, { previousSeq: revision });
    } catch (error) {
      // Someone else already holds it: nothing of ours to release.
      if (!isWrongLastSequence(error)) throw error;
    }
  }
}

function isWrongLastSequence(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamWrongLastSequence ||
      error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}
