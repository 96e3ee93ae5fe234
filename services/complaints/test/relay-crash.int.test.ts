// The relay is killed after publishing and before checkpointing, restarted, and each event is in
// JetStream COMPLAINTS exactly once, in order per complaint. The relay runs as a child process.
import { randomBytes } from 'node:crypto';
import { type ComplaintCloudEvent, complaintCloudEventSchema, streams } from '@chp/contracts';
import { createEventStore, type EventStore } from '@chp/eventstore';
import { connect, ensurePlatformStreams } from '@chp/messaging';
import { type NatsHandle, nats, type PostgresHandle, postgres } from '@chp/testing';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { killRelays, type Report, spawnRelay } from './support-relay/child';
import { appendComplaints } from './support-relay/events';

jest.setTimeout(90_000);

let server: NatsHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;
let pg: PostgresHandle;

beforeAll(async () => {
  server = await nats();
  nc = await connect({ servers: server.url });
  jsm = await jetstreamManager(nc);
  await ensurePlatformStreams(jsm);
  pg = await postgres();
});

afterAll(async () => {
  killRelays();
  await nc?.drain();
  await server?.stop();
  await pg?.close();
});

/** Opens the store only while the test needs it: an embedded PGlite allows one process at a time. */
async function withStore<T>(use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await createEventStore(pg.url);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

interface StoredMessage {
  seq: number;
  msgId: string | undefined;
  traceparent: string | undefined;
  event: ComplaintCloudEvent;
}

async function streamMessages(): Promise<StoredMessage[]> {
  const info = await jsm.streams.info(streams.complaints);
  const messages: StoredMessage[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(streams.complaints, { seq });
    if (!message) continue;
    messages.push({
      seq,
      msgId: message.header.get('Nats-Msg-Id'),
      traceparent: message.header.get('traceparent'),
      event: complaintCloudEventSchema.parse(message.json()) as ComplaintCloudEvent,
    });
  }
  return messages;
}

it('republishes from the checkpoint after a kill between publishing and checkpointing, and JetStream keeps each event once, in order', async () => {
  const checkpointId = `relay-crash-${randomBytes(4).toString('hex')}`;
  const { complaintIds, recorded, traceparents } = await withStore((store) => appendComplaints(store, 3, 10));
  const last = recorded.at(-1)?.position as string;
  const env = {
    EVENT_STORE_URL: pg.url,
    NATS_URL: server.url,
    RELAY_CHECKPOINT_ID: checkpointId,
    RELAY_CHECKPOINT_EVERY: '5',
    RELAY_LEASE_BUCKET: `leases_${checkpointId.replace(/-/g, '_')}`,
    RELAY_LEASE_TTL_MS: '1000',
  };

  // Given a relay that checkpoints up to event 10, then publishes everything without checkpointing
  const first = spawnRelay({ ...env, RELAY_HANG_AFTER: '10' });
  await first.waitForReport((r) => r.event === 'hanging', 'the relay to hold a checkpoint write');
  await first.waitForReport((r) => r.event === 'stats' && r.position === last, 'the relay to publish all 30');
  expect((await jsm.streams.info(streams.complaints)).state.messages).toBe(30);
  const checkpoint = await withStore((store) => store.checkpoints.load(checkpointId));
  const checkpointed = recorded.findIndex((e) => e.position === checkpoint) + 1;
  expect(checkpointed).toBeGreaterThanOrEqual(5);
  expect(checkpointed).toBeLessThanOrEqual(10);

  // When it is killed there, and a new relay starts (after the dead one's lease expires)
  expect(await first.stop('SIGKILL')).toBeNull();
  const second = spawnRelay(env);
  await second.waitForReport(
    (r) => r.event === 'stats' && r.position === last,
    'the restarted relay to catch up',
  );
  expect(await second.stop('SIGTERM')).toBe(0);
  const stopped = second.reports.find((r) => r.event === 'stopped') as Report;

  // Then it republished everything after the checkpoint, and JetStream dropped those repeats
  expect(stopped).toMatchObject({ published: 30 - checkpointed, duplicates: 30 - checkpointed });
  expect(await withStore((store) => store.checkpoints.load(checkpointId))).toBe(last);
  const messages = await streamMessages();
  expect(messages).toHaveLength(30);
  expect(messages.map((m) => m.event.id).sort()).toEqual(recorded.map((e) => e.id).sort());
  for (const message of messages) {
    expect(message.msgId).toBe(message.event.id);
    expect(message.traceparent).toBe(traceparents.get(message.event.subject ?? ''));
  }
  // in store order overall, so in revision order per complaint
  expect(messages.map((m) => m.event.id)).toEqual(recorded.map((e) => e.id));
  for (const id of complaintIds) {
    const revisions = messages.filter((m) => m.event.subject === id).map((m) => m.event.streamrevision);
    expect(revisions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }
});
