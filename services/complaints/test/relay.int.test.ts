// The relay in-process against real NATS and a PostgreSQL (or PGlite) store: resuming from a
// checkpoint, what it skips and dead-letters, the lag metric, and the lease between two replicas.
import { randomBytes, randomUUID } from 'node:crypto';
import { complaintEventVersions, deadLetterSchema, streams } from '@chp/contracts';
import { createEventStore, type EventStore } from '@chp/eventstore';
import { connect, ensurePlatformStreams } from '@chp/messaging';
import { type NatsHandle, nats, type PostgresHandle, postgres, waitFor } from '@chp/testing';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { register } from 'prom-client';
import { type Relay, startRelay } from '../src/relay/index.js';
import { appendComplaints, complaintEvents, traceparentFor } from './support-relay/events';

let server: NatsHandle;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let pg: PostgresHandle;
let store: EventStore;
const relays: Relay[] = [];

beforeAll(async () => {
  server = await nats();
  nc = await connect({ servers: server.url });
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
});

// Each test gets an empty store and an empty COMPLAINTS stream (its dedupe memory included).
beforeEach(async () => {
  pg = await postgres();
  store = await createEventStore(pg.url, { pollIntervalMs: 100 });
  await jsm.streams.delete(streams.complaints).catch(() => false);
  await ensurePlatformStreams(jsm);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await store.close();
  await pg.close();
});

afterAll(async () => {
  await nc?.drain();
  await server?.stop();
});

const uniqueId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

function relay(options: Partial<Parameters<typeof startRelay>[0]> = {}): Relay {
  const started = startRelay({ store, js, lease: false, retryDelayMs: 50, ...options });
  relays.push(started);
  return started;
}

async function messageIds(stream: string = streams.complaints): Promise<string[]> {
  const info = await jsm.streams.info(stream);
  const ids: string[] = [];
  for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) ids.push(message.header.get('Nats-Msg-Id'));
  }
  return ids;
}

async function gauge(name: string, relayId: string): Promise<number | undefined> {
  const metric = register.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => v.labels.relay === relayId)?.value;
}

it('resumes after the stored checkpoint and moves it to the last event', async () => {
  const { recorded } = await appendComplaints(store, 2, 3);
  const checkpointId = uniqueId('resume');
  await store.checkpoints.store(checkpointId, recorded[2]?.position as string);

  const started = relay({ checkpointId });
  const last = recorded.at(-1)?.position;
  await waitFor(() => started.stats().position === last, {
    description: 'the relay to reach the last event',
  });
  await started.stop();

  expect(await messageIds()).toEqual(recorded.slice(3).map((e) => e.id));
  expect(started.stats()).toMatchObject({ published: 3, duplicates: 0 });
  expect(await store.checkpoints.load(checkpointId)).toBe(last);
});

it("skips a stream under the prefix that is not a complaint's and dead-letters an event it cannot decode, then goes on", async () => {
  const complaintId = randomUUID();
  const [filed, note] = complaintEvents(complaintId, 2, traceparentFor(complaintId));
  await store.appendToStream(`complaint-${complaintId}`, [filed!]);
  // Reservations are `reference-<REF>`; `complaint-ref-<REF>` (their first name) is under the prefix.
  await store.appendToStream('complaint-ref-C-7KX2-9QMG', [
    { id: randomUUID(), type: 'ReferenceReserved', data: { complaintId } },
  ]);
  const broken = {
    id: randomUUID(),
    type: 'NoteAdded',
    data: { by: { id: 'agent-7', role: 'agent' }, at: '2026-03-02T09:00:00Z' },
    metadata: {
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'a', role: 'agent' },
      schemaVersion: complaintEventVersions.NoteAdded,
    },
  };
  await store.appendToStream(`complaint-${complaintId}`, [broken, note!]);

  const checkpointId = uniqueId('skip');
  const started = relay({ checkpointId });
  await waitFor(() => started.stats().published === 2, { description: 'both good events published' });

  expect(await messageIds()).toEqual([filed!.id, note!.id]);
  expect(started.stats().deadLettered).toBe(1);
  const info = await jsm.streams.info(streams.deadLetters);
  const letter = deadLetterSchema.parse(
    (await jsm.streams.getMessage(streams.deadLetters, { seq: info.state.last_seq }))?.json(),
  );
  expect(letter).toMatchObject({ originalSubject: 'complaints.events.NoteAdded', consumer: checkpointId });
  expect(letter.reason).toContain(broken.id);
  expect(letter.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['data.noteId', 'data.text']));
  expect(JSON.parse(Buffer.from(letter.payloadBase64, 'base64').toString())).toMatchObject({ id: broken.id });
});

it('reports its lag behind the store head while it cannot publish, and zero once caught up', async () => {
  await jsm.streams.delete(streams.complaints);
  const { recorded } = await appendComplaints(store, 2, 2);
  const checkpointId = uniqueId('lag');

  const started = relay({ checkpointId, lagIntervalMs: 20 });
  await waitFor(async () => (await gauge('chp_relay_lag_events', checkpointId)) === 4, {
    description: 'a lag of 4 events',
  });
  await waitFor(async () => ((await gauge('chp_relay_lag_seconds', checkpointId)) ?? 0) > 0, {
    description: 'a lag in seconds',
  });
  expect(started.stats().published).toBe(0);

  await ensurePlatformStreams(jsm);
  await waitFor(async () => (await gauge('chp_relay_lag_events', checkpointId)) === 0, {
    description: 'no lag after the stream exists',
  });
  expect(await gauge('chp_relay_lag_seconds', checkpointId)).toBe(0);
  expect(await messageIds()).toEqual(recorded.map((e) => e.id));
});

it('with two replicas only the lease holder relays; the other takes over when it stops', async () => {
  const checkpointId = uniqueId('lease');
  const lease = { bucket: uniqueId('leases').replace(/-/g, '_'), ttlMs: 1_000 };
  const first = await appendComplaints(store, 2, 3);
  const a = relay({ checkpointId, lease });
  const b = relay({ checkpointId, lease });
  await waitFor(() => a.stats().published + b.stats().published === 6, { description: '6 events relayed' });
  const [leader, standby] = a.stats().leading ? [a, b] : [b, a];
  expect(standby.stats()).toMatchObject({ leading: false, published: 0 });

  await leader.stop();
  const second = await appendComplaints(store, 1, 2);
  await waitFor(() => standby.stats().published === 2, {
    description: 'the standby to relay the new events',
  });

  expect(standby.stats()).toMatchObject({ leading: true, duplicates: 0 });
  expect(await messageIds()).toEqual([...first.recorded, ...second.recorded].map((e) => e.id));
});
