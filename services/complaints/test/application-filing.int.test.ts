// Filing on the PostgreSQL store (a server, and PGlite): a new complaint takes one statement that
// creates its reference reservation and its stream together; every other case falls back to the
// careful path (read, reserve, append) and leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { complaintStreamName } from '@chp/contracts';
import { createEventStore, type EventStore } from '@chp/eventstore';
import { type PostgresHandle, postgres } from '@chp/testing';
import {
  complaintIdOfReference,
  createCommandHandler,
  createTestClock,
  fileComplaint,
  referenceStreamName,
  reserveReference,
} from '../src/application/index.js';
import { loadPoliciesFile } from '../src/sla/index.js';
import { fileRequest, referenceOf } from './support/builders.js';

const policies = loadPoliciesFile();

type Counted = 'readStream' | 'readStreamIfExists' | 'aggregateStream' | 'appendToStream' | 'createStreams';

/** The store, counting the calls that reach the database. */
function counting(inner: EventStore): { store: EventStore; calls: Record<Counted, number> } {
  const calls: Record<Counted, number> = {
    readStream: 0,
    readStreamIfExists: 0,
    aggregateStream: 0,
    appendToStream: 0,
    createStreams: 0,
  };
  const wrapped = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property in calls) calls[property as Counted]++;
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: wrapped, calls };
}

function filer(on: EventStore) {
  const clock = createTestClock('2026-03-02T09:00:00Z');
  const handler = createCommandHandler({ store: on, clock, policies });
  return (request: ReturnType<typeof fileRequest>) =>
    fileComplaint({ store: on, handler, clock }, { type: 'FileComplaint', ...request });
}

// The server (or PGlite when none answers), and PGlite in memory: both adapters create the streams.
describe.each([
  ['PostgreSQL', () => postgres()],
  ['PGlite', () => postgres({ use: 'pglite', memory: true })],
])('filing on %s', (_name, open: () => Promise<PostgresHandle>) => {
  let database: PostgresHandle;
  let store: EventStore;
  beforeAll(async () => {
    database = await open();
    store = await createEventStore(database.url);
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
  });

  it('files a new complaint in one statement: its reservation and ComplaintFiled, nothing read first', async () => {
    const { store: counted, calls } = counting(store);
    const request = fileRequest();

    const result = await filer(counted)(request);

    expect(result).toMatchObject({ reference: request.data.reference, revision: 0, created: true });
    expect(calls).toEqual({
      readStream: 0,
      readStreamIfExists: 0,
      aggregateStream: 0,
      appendToStream: 0,
      createStreams: 1,
    });
    const [filed] = await store.readStream(complaintStreamName(request.data.complaintId));
    expect(filed).toMatchObject({ type: 'ComplaintFiled', revision: 0n });
    expect(await complaintIdOfReference(store, request.data.reference)).toBe(request.data.complaintId);
  });

  it('answers a re-filing with the existing reference and reserves nothing for the one it proposes', async () => {
    const file = filer(store);
    const first = fileRequest();
    await file(first);
    const proposed = referenceOf(randomUUID());

    const again = await file(fileRequest({ complaintId: first.data.complaintId, reference: proposed }));

    expect(again).toMatchObject({ reference: first.data.reference, revision: 0, created: false });
    await expect(store.readStream(referenceStreamName(proposed))).rejects.toThrow('does not exist');
    expect(await store.readStream(complaintStreamName(first.data.complaintId))).toHaveLength(1);
  });

  it('answers the very same command again with created: false, whether repeated or concurrent', async () => {
    const file = filer(store);
    const repeated = fileRequest();
    expect((await file(repeated)).created).toBe(true);
    expect(await file(repeated)).toMatchObject({ reference: repeated.data.reference, created: false });

    const concurrent = fileRequest();
    const results = await Promise.all([file(concurrent), file(concurrent), file(concurrent)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.reference))).toEqual(new Set([concurrent.data.reference]));
    expect(await store.readStream(complaintStreamName(concurrent.data.complaintId))).toHaveLength(1);
  });

  it('files with the reservation a crash left behind before ComplaintFiled', async () => {
    const request = fileRequest();
    await reserveReference(store, {
      complaintId: request.data.complaintId,
      requested: request.data.reference,
      at: new Date('2026-03-02T08:59:00Z'),
      metadata: request.metadata,
    });

    const result = await filer(store)(request);

    expect(result).toMatchObject({ reference: request.data.reference, created: true });
    expect(await store.readStream(referenceStreamName(request.data.reference))).toHaveLength(1);
    expect(await store.readStream(complaintStreamName(request.data.complaintId))).toHaveLength(1);
  });

  it('takes the next candidate when another complaint holds the proposed reference, and creates nothing else', async () => {
    const request = fileRequest();
    const squatter = randomUUID();
    await filer(store)(fileRequest({ complaintId: squatter, reference: request.data.reference }));

    const result = await filer(store)(request);

    expect(result.created).toBe(true);
    expect(result.reference).not.toBe(request.data.reference);
    expect(await complaintIdOfReference(store, request.data.reference)).toBe(squatter);
    expect(await complaintIdOfReference(store, result.reference)).toBe(request.data.complaintId);
  });
});
