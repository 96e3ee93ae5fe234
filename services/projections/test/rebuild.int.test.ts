import type { SqlDriver } from '@chp/eventstore';
import type { ProjectedEvent } from '../src/projection/index.js';
import { applyBatch, liveTables } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
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
  beforeAll(async () => {
    h = await startQueryHarness(listFeed(() => feedEvents));
  });
  afterAll(() => h.close());

  it('gives tables identical to the incremental build, answering queries throughout, losing no live event', async () => {
    // Incremental: as the consumer would, in batches of 500 with duplicates and a checkpoint.
    for (let i = 0; i < log.events.length; i += 500) {
      await applyBatch(h.db, liveTables, log.events.slice(Math.max(0, i - 50), i + 500), {
        name: 'complaints',
        streamSequence: i + 500,
      });
    }
    const incremental = await dump(h.db);
    expect(incremental.summary).toHaveLength(facts.length);

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
