import { connect } from '@chp/messaging';
import { type NatsHandle, nats } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { kvLedger, type Ledger } from '../src/submission/ledger.js';

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

describe('the KV ledger', () => {
  it('claims a new submission with one write, then answers same or different for its key', async () => {
    const { ledger, writes } = await freshLedger();
    expect(await ledger.claim(id, { fingerprint: 'f1', reference: 'C-7KX2-9QMA' })).toBe('new');
    expect(await writes()).toBe(1);
    expect(await ledger.claim(id, { fingerprint: 'f1', reference: 'C-7KX2-9QMA' })).toBe('same');
    expect(await ledger.claim(id, { fingerprint: 'f2', reference: 'C-7KX2-9QMA' })).toBe('different');
    expect(await writes()).toBe(1);
    expect(await ledger.complaintIdOf('C-7KX2-9QMA')).toBe(id);
    expect(await ledger.complaintIdOf('C-0000-0000')).toBeUndefined();
  });

  it('lets exactly one of concurrent claims of one key be new', async () => {
    const { ledger } = await freshLedger();
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => ledger.claim(id, { fingerprint: 'f1', reference: 'C-7KX2-9QMA' })),
    );
    expect(claims.filter((c) => c === 'new')).toHaveLength(1);
    expect(claims.filter((c) => c === 'same')).toHaveLength(7);
  });

  it('honours entries written in the earlier layout (c.<id> with the fingerprint, r.<reference> → id)', async () => {
    const { kv, ledger } = await freshLedger();
    await kv.create(`c.${id}`, JSON.stringify({ fingerprint: 'f1', reference: 'C-7KX2-9QMA' }));
    await kv.put('r.C-7KX2-9QMA', id);
    expect(await ledger.claim(id, { fingerprint: 'f1', reference: 'C-7KX2-9QMA' })).toBe('same');
    expect(await ledger.claim(id, { fingerprint: 'f2', reference: 'C-7KX2-9QMA' })).toBe('different');
    expect(await ledger.complaintIdOf('C-7KX2-9QMA')).toBe(id);
  });

  it("leaves a reference that another complaint holds to complaints, keeping the holder's entry", async () => {
    const { ledger } = await freshLedger();
    expect(await ledger.claim(id, { fingerprint: 'f1', reference: 'C-7KX2-9QMA' })).toBe('new');
    expect(await ledger.claim(other, { fingerprint: 'f9', reference: 'C-7KX2-9QMA' })).toBe('new');
    expect(await ledger.complaintIdOf('C-7KX2-9QMA')).toBe(id);
    expect(await ledger.claim(id, { fingerprint: 'f2', reference: 'C-7KX2-9QMA' })).toBe('different');
  });
});
