import { randomUUID } from 'node:crypto';
import { type ComplaintCommandOf, ContractError, complaintStreamName } from '@chp/contracts';
import { type EventStore, MemoryEventStore, WrongExpectedVersion } from '@chp/eventstore';
import {
  ConcurrencyConflict,
  complaintIdOfReference,
  createCommandHandler,
  createTestClock,
  eventIdFor,
  fileComplaint,
} from '../src/application/index.js';
import { loadPoliciesFile } from '../src/sla/index.js';
import { fileRequest, referenceOf } from './support/builders.js';

const policies = loadPoliciesFile();
const agent = () => ({
  commandId: randomUUID(),
  actor: { id: 'agent-alice', role: 'agent' as const },
  correlationId: 'c-1',
});
const note = (complaintId: string, metadata = agent()): ComplaintCommandOf<'AddNote'> => ({
  type: 'AddNote',
  data: { complaintId, noteId: randomUUID(), visibility: 'internal', text: 'note' },
  metadata,
});

function setup(store: EventStore = new MemoryEventStore()) {
  const clock = createTestClock('2026-03-02T09:00:00Z');
  const handler = createCommandHandler({ store, clock, policies });
  const file = async () => {
    const request = fileRequest();
    await fileComplaint({ store, handler, clock }, { type: 'FileComplaint', ...request });
    return request.data.complaintId;
  };
  return { store, clock, handler, file };
}

/** A store whose appends always lose the race, as under a writer that never stops; filing (createStreams) works. */
function alwaysConflicting(inner: MemoryEventStore): EventStore & { appends: number } {
  const wrapper = Object.create(inner) as EventStore & { appends: number };
  wrapper.appends = 0;
  wrapper.createStreams = (streams) => inner.createStreams(streams);
  wrapper.appendToStream = async (streamName, events, options) => {
    if (!streamName.startsWith('complaint-')) return inner.appendToStream(streamName, events, options);
    wrapper.appends++;
    throw new WrongExpectedVersion(streamName, options?.expectedRevision ?? 'any', 99n);
  };
  return wrapper;
}

describe('the command handler', () => {
  it('retries a conflict without an expected revision, up to its bound', async () => {
    const store = alwaysConflicting(new MemoryEventStore());
    const { handler, file } = setup(store);
    const complaintId = await file();
    await expect(handler.handle(note(complaintId))).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(store.appends).toBe(5);
  });

  it('never retries with an expected revision', async () => {
    const store = alwaysConflicting(new MemoryEventStore());
    const { handler, file } = setup(store);
    const complaintId = await file();
    await expect(handler.handle(note(complaintId), { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    expect(store.appends).toBe(1);
  });

  it('derives event ids from the command id and applies a command id once', async () => {
    const { handler, file, store } = setup();
    const complaintId = await file();
    const command = note(complaintId);
    const first = await handler.handle(command);
    const again = await handler.handle({ ...command, data: { ...command.data, noteId: randomUUID() } });

    expect(first.events.map((e) => e.id)).toEqual([eventIdFor(command.metadata.commandId, 0)]);
    expect(again).toMatchObject({ events: [], revision: first.revision });
    expect(await store.readStream(complaintStreamName(complaintId))).toHaveLength(2);
  });

  it('decides the command after a filing from the fold it kept, without reading the stream', async () => {
    const { handler, file, store } = setup();
    const complaintId = await file();
    const reads = [
      jest.spyOn(store, 'readStream'),
      jest.spyOn(store, 'readStreamIfExists'),
      jest.spyOn(store, 'aggregateStream'),
    ];
    const done = await handler.handle(note(complaintId));
    expect(done.events).toHaveLength(1);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('reads again when the fold it kept is stale, and applies the command once', async () => {
    const store = new MemoryEventStore();
    const { handler, file, clock } = setup(store);
    const other = createCommandHandler({ store, clock, policies });
    const complaintId = await file();
    const elsewhere = await other.handle(note(complaintId)); // another replica: our fold is stale
    const done = await handler.handle(note(complaintId));
    expect(done.revision).toBe(elsewhere.revision + 1n);
    // A command the other replica applied, repeated here on the stale fold, is applied once: the
    // store recognises the repeat at the expected revision (as when a repeat races a first read).
    const repeated = note(complaintId);
    const original = await other.handle(repeated);
    const again = await handler.handle({ ...repeated, data: { ...repeated.data, noteId: randomUUID() } });
    expect(again.revision).toBe(original.revision);
    expect(await store.readStream(complaintStreamName(complaintId))).toHaveLength(4);
    // Once its fold is current, a repeat appends nothing.
    expect((await handler.handle(repeated)).events).toEqual([]);
  });

  it('refuses to fold an event written at a version this code does not know', async () => {
    const { handler, file, store } = setup();
    const complaintId = await file();
    await store.appendToStream(complaintStreamName(complaintId), [
      {
        id: randomUUID(),
        type: 'NoteAdded',
        data: {},
        metadata: {
          correlationId: 'x',
          causationId: 'y',
          actor: { id: 'a', role: 'agent' },
          schemaVersion: 9,
        },
      },
    ]);
    await expect(handler.load(complaintId)).rejects.toBeInstanceOf(ContractError);
  });

  it('loads the longest prefix of events that happened by asOf', async () => {
    const { handler, file, clock } = setup();
    const complaintId = await file(); // at 09:00
    clock.advance(60_000);
    await handler.handle(note(complaintId)); // at 09:01
    expect((await handler.load(complaintId, { asOf: new Date('2026-03-02T09:00:30Z') }))?.revision).toBe(0n);
    expect((await handler.load(complaintId, { asOf: new Date('2026-03-02T09:01:00Z') }))?.revision).toBe(1n);
    expect(await handler.load(complaintId, { asOf: new Date('2026-03-02T08:59:59Z') })).toBeUndefined();
  });
});

describe('reference reservation', () => {
  it('gives two complaints proposing the same reference at once two different references', async () => {
    const { store, handler, clock } = setup();
    const first = fileRequest();
    const second = fileRequest({ reference: first.data.reference });
    const results = await Promise.all(
      [first, second].map((r) => fileComplaint({ store, handler, clock }, { type: 'FileComplaint', ...r })),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(2);
    for (const result of results) {
      expect(await complaintIdOfReference(store, result.reference)).toBe(result.complaintId);
    }
  });
});

describe('filing on a store that cannot create streams together (as EventStoreDB)', () => {
  /** The memory store without its optional createStreams. */
  const withoutCreateStreams = (): EventStore =>
    new Proxy(new MemoryEventStore(), {
      get(target, property) {
        if (property === 'createStreams') return undefined;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  it('files a new complaint, answers a re-filing from what was filed, and reserves nothing for it', async () => {
    const { store, handler, clock } = setup(withoutCreateStreams());
    const file = (r: ReturnType<typeof fileRequest>) =>
      fileComplaint({ store, handler, clock }, { type: 'FileComplaint', ...r });
    const first = fileRequest();
    expect(await file(first)).toMatchObject({ reference: first.data.reference, revision: 0, created: true });
    expect(await file(first)).toMatchObject({ reference: first.data.reference, created: false });

    const proposed = referenceOf(randomUUID());
    const again = await file(fileRequest({ complaintId: first.data.complaintId, reference: proposed }));
    expect(again).toMatchObject({ reference: first.data.reference, created: false });
    expect(await complaintIdOfReference(store, proposed)).toBeUndefined();
    expect(await store.readStream(complaintStreamName(first.data.complaintId))).toHaveLength(1);
  });

  it('takes the next candidate when another complaint holds the proposed reference', async () => {
    const { store, handler, clock } = setup(withoutCreateStreams());
    const file = (r: ReturnType<typeof fileRequest>) =>
      fileComplaint({ store, handler, clock }, { type: 'FileComplaint', ...r });
    const request = fileRequest();
    const squatter = randomUUID();
    await file(fileRequest({ complaintId: squatter, reference: request.data.reference }));

    const result = await file(request);

    expect(result.created).toBe(true);
    expect(result.reference).not.toBe(request.data.reference);
    expect(await complaintIdOfReference(store, request.data.reference)).toBe(squatter);
    expect(await complaintIdOfReference(store, result.reference)).toBe(request.data.complaintId);
  });
});
