import { referenceCandidate } from '@chp/contracts';
import { connect } from '@chp/messaging';
import { type NatsHandle, nats } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  kvLedger,
  type Ledger,
  MAX_REFERENCE_CANDIDATES,
  NoFreeReference,
} from '../src/submission/ledger.js';

let server: NatsHandle;
let nc: NatsConnection;
let bucket = 0;

beforeAll(async () => {
  server = await nats();
  nc = await connect({ servers: server.url, name: 'ledger-test' });
});
afterAll(async () => {
  await nc.drain();
  await server.stop();
});

/** A fresh bucket per test, so that its stream counts only this test's writes. */
async function freshLedger(): Promise<{ kv: KV; ledger: Ledger; writes: () => Promise<number> }> {
  bucket += 1;
  const name = `ledger-test-${bucket}`;
  const kv = await new Kvm(jetstream(nc)).create(name, { history: 1 });
  const jsm = await jetstreamManager(nc);
  const writes = async () => Number((await jsm.streams.info(`KV_${name}`)).state.last_seq);
  return { kv, ledger: kvLedger(kv), writes };
}

const id = '0b6f7c2e-5d1a-5e3b-9c4d-2a1b3c4d5e6f';
const other = '7a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d';
const first = referenceCandidate(id, 0);
const second = referenceCandidate(id, 1);

/** Another complaint holds `reference` (35-bit references do clash), as a claim of its own wrote it. */
const squat = (kv: KV, reference: string, holder = other) =>
  kv.create(`r.${reference}`, JSON.stringify({ complaintId: holder, fingerprint: 'f9' }));

describe('the KV ledger', () => {
  it('claims a new submission with one write, then answers same or different for its key', async () => {
    const { ledger, writes } = await freshLedger();
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'new', reference: first });
    expect(await writes()).toBe(1);
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'same', reference: first });
    expect(await ledger.claim(id, 'f2')).toEqual({ outcome: 'different', reference: first });
    expect(await writes()).toBe(1);
    expect(await ledger.complaintIdOf(first)).toBe(id);
    expect(await ledger.complaintIdOf('C-0000-0000')).toBeUndefined();
  });

  it('lets exactly one of concurrent claims of one key be new, all with one reference', async () => {
    const { ledger } = await freshLedger();
    const claims = await Promise.all(Array.from({ length: 8 }, () => ledger.claim(id, 'f1')));
    expect(claims.filter((c) => c.outcome === 'new')).toHaveLength(1);
    expect(claims.filter((c) => c.outcome === 'same')).toHaveLength(7);
    expect(new Set(claims.map((c) => c.reference))).toEqual(new Set([first]));
  });

  it('honours entries written in the earlier layout (c.<id> with the fingerprint, r.<reference> → id)', async () => {
    const { kv, ledger } = await freshLedger();
    await kv.create(`c.${id}`, JSON.stringify({ fingerprint: 'f1', reference: first }));
    await kv.put(`r.${first}`, id);
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'same', reference: first });
    expect(await ledger.claim(id, 'f2')).toEqual({ outcome: 'different', reference: first });
    expect(await ledger.complaintIdOf(first)).toBe(id);
  });

  it("moves to the next candidate when another complaint holds the first, and keeps that key's answers", async () => {
    const { kv, ledger } = await freshLedger();
    await squat(kv, first);
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'new', reference: second });
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'same', reference: second });
    expect(await ledger.claim(id, 'f2')).toEqual({ outcome: 'different', reference: second });
    // Each reference threads to its own complaint.
    expect(await ledger.complaintIdOf(first)).toBe(other);
    expect(await ledger.complaintIdOf(second)).toBe(id);
  });

  it('never gives one reference to both sides of a race for it', async () => {
    const { kv, ledger } = await freshLedger();
    // Whoever creates the key first holds it; the claim takes the second candidate when it lost.
    const [claimed] = await Promise.all([ledger.claim(id, 'f1'), squat(kv, first).catch(() => undefined)]);
    const holder = await ledger.complaintIdOf(first);
    expect(claimed?.reference).toBe(holder === id ? first : second);
  });

  it('follows complaints when it reserved another reference than the promised one', async () => {
    const { ledger } = await freshLedger();
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'new', reference: first });
    const granted = referenceCandidate(id, 3);
    await ledger.recordReference(id, first, granted, 'f1');
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'same', reference: granted });
    expect(await ledger.claim(id, 'f2')).toEqual({ outcome: 'different', reference: granted });
    expect(await ledger.complaintIdOf(granted)).toBe(id);
    // The promised reference belongs to someone the store knows and the ledger does not.
    expect(await ledger.complaintIdOf(first)).toBeUndefined();
  });

  it('gives back a refused claim as made, and only that: the corrected body is then new', async () => {
    const { ledger } = await freshLedger();
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'new', reference: first });
    // Another body's release, or another complaint's, leaves the claim alone.
    await ledger.release(id, first, 'f2');
    await ledger.release(other, first, 'f1');
    expect(await ledger.claim(id, 'f1')).toEqual({ outcome: 'same', reference: first });
    await ledger.release(id, first, 'f1');
    expect(await ledger.complaintIdOf(first)).toBeUndefined();
    expect(await ledger.claim(id, 'f2')).toEqual({ outcome: 'new', reference: first });
    expect(await ledger.complaintIdOf(first)).toBe(id);
    // A claim redirected to the reference complaints granted is never given back.
    const granted = referenceCandidate(id, 3);
    await ledger.recordReference(id, first, granted, 'f2');
    await ledger.release(id, first, 'f2');
    expect(await ledger.claim(id, 'f2')).toEqual({ outcome: 'same', reference: granted });
  });

  it('says so when every candidate is held', async () => {
    const { kv, ledger } = await freshLedger();
    for (let attempt = 0; attempt < MAX_REFERENCE_CANDIDATES; attempt++)
      await squat(kv, referenceCandidate(id, attempt));
    await expect(ledger.claim(id, 'f1')).rejects.toThrow(NoFreeReference);
  });
});
