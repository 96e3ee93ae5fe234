import { subjects } from '@chp/contracts';
import type { SqlDriver } from '@chp/eventstore';
import { connect, ensurePlatformStreams, publishCloudEvent } from '@chp/messaging';
import { type NatsHandle, nats, waitFor } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { startProjectionConsumer } from '../src/consumer/index.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import { checkpointOf, jetStreamLag } from '../src/status/index.js';
import { applyBatch, liveTables } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
import { toEnvelope } from './support/events.js';
import { listFeed } from './support/feed-server.js';
import { generateHistory } from './support/generate.js';

const dump = async (db: SqlDriver) => ({
  summary: await db.query(
    `SELECT to_jsonb(s) - 'search' AS row FROM complaint_summary s ORDER BY complaint_id`,
  ),
  timeline: await db.query(
    `SELECT to_jsonb(t) AS row FROM complaint_timeline t ORDER BY complaint_id, revision`,
  ),
});

describe('rebuild from the complaints feed', () => {
  const { log, facts } = generateHistory(2_000, 11);
  let feedEvents: ProjectedEvent[] = [];
  let h: QueryHarness;
  let server: NatsHandle;
  let nc: NatsConnection;
  beforeAll(async () => {
    h = await startQueryHarness(listFeed(() => feedEvents));
    server = await nats();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc.drain();
    await server.stop();
    await h.close();
  });

  it('gives tables identical to the incremental build, answering queries throughout, losing no live event', async () => {
    // Incremental: the history published as the relay publishes it, and again 1,000 events of it
    // without a msgID (repeats JetStream keeps), then the service's consumer with small batches,
    // so that it catches up in many batches, two at a time on PostgreSQL.
    const jsm = await jetstreamManager(nc);
    await ensurePlatformStreams(jsm);
    const js = jetstream(nc);
    // In event-time order, as the store would have appended them: complaints interleave.
    const stream = [...log.events].sort((a, b) => Date.parse(a.event.data.at) - Date.parse(b.event.data.at));
    for (let i = 0; i < stream.length; i += 500) {
      await Promise.all(
        stream
          .slice(i, i + 500)
          .map((e) => publishCloudEvent(js, subjects.complaints.event(e.event.type), toEnvelope(e))),
      );
    }
    for (const e of stream.slice(3_000, 4_000)) {
      await js.publish(subjects.complaints.event(e.event.type), JSON.stringify(toEnvelope(e)));
    }
    // The read model, counting the batch transactions in flight at once.
    const inFlight = { now: 0, most: 0 };
    const counted: SqlDriver = {
      ...h.db,
      async transaction(work) {
        inFlight.most = Math.max(inFlight.most, ++inFlight.now);
        try {
          return await h.db.transaction(work);
        } finally {
          inFlight.now--;
        }
      },
    };
    const consumer = await startProjectionConsumer({
      nc,
      db: counted,
      feed: listFeed(() => log.events),
      maxBatch: 200,
    });
    const lag = jetStreamLag(jsm, 'projections');
    await waitFor(
      async () => {
        const [checkpoint, now] = await Promise.all([checkpointOf(h.db), lag()]);
        return (
          checkpoint?.eventsApplied === log.events.length && now?.pending === 0 && now.unacknowledged === 0
        );
      },
      { timeoutMs: 60_000, description: 'the consumer to apply the whole history' },
    );
    await consumer.stop();
    // Two batches applied at once on PostgreSQL; PGlite has one connection, so one at a time.
    expect(inFlight.most).toBe(h.db.kind === 'postgres' ? 2 : 1);
    const incremental = await dump(h.db);
    expect(incremental.summary).toHaveLength(facts.length);
    expect(incremental.timeline).toHaveLength(log.events.length);

    feedEvents = log.events;
    expect((await h.post('/admin/v1/projections/rebuild')).status).toBe(202);
    expect((await h.post('/admin/v1/projections/rebuild')).status).toBe(409);
    expect((await h.post('/admin/v1/projections/rebuild', 'supervisor')).status).toBe(403);
    let answered = 0;
    for (;;) {
      const response = await h.get('/v1/complaints?limit=5');
      expect(response.status).toBe(200);
      answered++;
      const status = (await (await h.get('/v1/status')).json()) as { rebuild: { state: string } };
      if (status.rebuild.state !== 'running') {
        expect(status.rebuild.state).toBe('idle');
        break;
      }
    }
    await h.rebuilder.settled();
    expect(answered).toBeGreaterThan(0);
    expect(await dump(h.db)).toEqual(incremental);
  });

  it('keeps an event that the consumer applied during the rebuild', async () => {
    const [first] = log.events;
    if (!first) throw new Error('no events');
    const late = log.complaint({ subject: 'Arrived during the rebuild' });
    feedEvents = log.events.filter((e) => e.complaintId !== late.id);
    await h.rebuilder.start();
    // The consumer applies it to the live tables; the store has it too by the time of the swap.
    await applyBatch(h.db, liveTables, late.events);
    feedEvents = log.events;
    await h.rebuilder.settled();
    const [row] = await h.db.query<{ subject: string }>(
      'SELECT subject FROM complaint_summary WHERE complaint_id = $1::uuid',
      [late.id],
    );
    expect(row?.subject).toBe('Arrived during the rebuild');
  });
});
