import { streams, subjects } from '@chp/contracts';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { type ConsumerRunner, connect, ensurePlatformStreams } from '@chp/messaging';
import { type NatsHandle, nats, type PostgresHandle, postgres, waitFor } from '@chp/testing';
import { type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { startProjectionConsumer } from '../src/consumer/index.js';
import { httpEventFeed } from '../src/feed/index.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import { migrate } from '../src/store/index.js';
import { EventLog, toEnvelope } from './support/events.js';
import { type FeedServer, feedServer } from './support/feed-server.js';

describe('projection consumer on real NATS and PostgreSQL', () => {
  let server: NatsHandle;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let database: PostgresHandle;
  let db: SqlDriver;
  let feed: FeedServer;
  let runner: ConsumerRunner;
  const log = new EventLog();

  beforeAll(async () => {
    server = await nats();
    nc = await connect({ servers: server.url });
    await ensurePlatformStreams(await jetstreamManager(nc));
    js = jetstream(nc);
    database = await postgres();
    db = await openSqlDriver(database.url);
    await migrate(db);
    feed = await feedServer(() => log.events);
    runner = await startProjectionConsumer({
      nc,
      db,
      feed: httpEventFeed({ baseUrl: feed.url, token: () => 'feed-token' }),
      gapDelayMs: 100,
      repairFromDelivery: 3,
    });
  });
  afterAll(async () => {
    await runner.stop();
    await nc.drain();
    await server.stop();
    await feed.close();
    await db.close();
    await database.close();
  });

  // Published without a msgID so that JetStream keeps repeats: the consumer must ignore them.
  const publish = async (event: ProjectedEvent) => {
    await js.publish(subjects.complaints.event(event.event.type), JSON.stringify(toEnvelope(event)));
  };
  const revisionOf = async (id: string): Promise<number | undefined> => {
    const [row] = await db.query<{ revision: number }>(
      'SELECT revision FROM complaint_summary WHERE complaint_id = $1::uuid',
      [id],
    );
    return row?.revision;
  };
  const timelineOf = async (id: string) =>
    (
      await db.query<{ revision: number }>(
        'SELECT revision FROM complaint_timeline WHERE complaint_id = $1::uuid ORDER BY revision',
        [id],
      )
    ).map((r) => r.revision);

  it('applies a duplicate once and an out-of-order revision after its predecessor', async () => {
    const complaint = log
      .complaint()
      .add('ComplaintAcknowledged', {})
      .add('ComplaintAssigned', { team: 'billing' })
      .add('NoteAdded', { noteId: crypto.randomUUID(), visibility: 'internal', text: 'x' });
    const [e0, e1, e2, e3] = complaint.events as [
      ProjectedEvent,
      ProjectedEvent,
      ProjectedEvent,
      ProjectedEvent,
    ];
    for (const event of [e0, e0, e2, e1, e1, e3, e0]) await publish(event);
    await waitFor(async () => (await revisionOf(complaint.id)) === 3, { description: 'revision 3' });
    expect(await timelineOf(complaint.id)).toEqual([0, 1, 2, 3]);
    const [row] = await db.query<{ notes_count: number; team: string }>(
      'SELECT notes_count, team FROM complaint_summary WHERE complaint_id = $1::uuid',
      [complaint.id],
    );
    expect(row).toEqual({ notes_count: 1, team: 'billing' });
  });

  it('repairs a gap that JetStream never fills from the complaints feed, starting at the row', async () => {
    const complaint = log
      .complaint()
      .add('ComplaintAcknowledged', {})
      .add('ComplaintTriaged', { category: 'billing', priority: 'high', severity: 'minor' })
      .add('ComplaintAssigned', { team: 'cards' });
    const [e0, , , e3] = complaint.events as ProjectedEvent[];
    if (!e0 || !e3) throw new Error('events');
    await publish(e0);
    await waitFor(async () => (await revisionOf(complaint.id)) === 0, { description: 'revision 0' });
    await publish(e3); // revisions 1 and 2 were lost on the way
    await waitFor(async () => (await revisionOf(complaint.id)) === 3, {
      description: 'repaired to revision 3',
    });
    expect(await timelineOf(complaint.id)).toEqual([0, 1, 2, 3]);
    expect(feed.requests).toContain(e0.position);
  });

  it('dead-letters a message that is not a complaint event, and keeps the checkpoint', async () => {
    await js.publish(subjects.complaints.event('Bogus'), '{"nope":1}');
    const jsm = await jetstreamManager(nc);
    await waitFor(async () => (await jsm.streams.info(streams.deadLetters)).state.messages > 0, {
      description: 'a dead letter',
    });
    const [checkpoint] = await db.query<{ stream_sequence: string }>(
      `SELECT stream_sequence::text FROM projection_checkpoint WHERE name = 'complaints'`,
    );
    expect(Number(checkpoint?.stream_sequence)).toBeGreaterThanOrEqual(8);
  });
});
