// A crashed rebuild must not block rebuilds forever: a `running` state whose heartbeat is older
// than the timeout is abandoned and taken over; a live one still blocks; a run that was taken over
// (it was only slow) neither swaps nor overwrites its successor's state.
import { waitFor } from '@chp/testing';
import { Rebuilder } from '../src/rebuild/index.js';
import { migrate, summaryIndexes } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
import { EventLog } from './support/events.js';
import { listFeed } from './support/feed-server.js';

describe('rebuild recovery', () => {
  const log = new EventLog();
  for (let i = 0; i < 12; i++) log.complaint({ subject: `Recovered ${i}` }).add('ComplaintAcknowledged', {});
  const feed = listFeed(() => log.events);
  let h: QueryHarness;
  beforeAll(async () => {
    h = await startQueryHarness(feed, { staleAfterMs: 60_000 });
  });
  afterAll(() => h.close());

  const crashedRebuild = (heartbeatAge: string) =>
    h.db.query(
      `UPDATE projection_rebuild SET state = 'running', owner = 'dead-host:4242:deadbeef',
         generation = generation + 1, started_at = now() - interval '1 hour', heartbeat_at = now() - $1::interval`,
      [heartbeatAge],
    );
  const count = async (table: string) =>
    Number((await h.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]?.n);

  it('refuses a rebuild while another owner is running with a fresh heartbeat', async () => {
    await crashedRebuild('1 second');
    expect((await h.post('/admin/v1/projections/rebuild')).status).toBe(409);
    expect(await h.rebuilder.start()).toBe(false);
    expect(await h.rebuilder.state()).toMatchObject({ state: 'running', owner: 'dead-host:4242:deadbeef' });
  });

  it('takes over a running state whose heartbeat is older than the timeout, dropping its shadow tables', async () => {
    await crashedRebuild('10 minutes');
    // What the crashed process left: a half-built shadow that must not leak into the new one.
    await h.db.exec(`DROP TABLE IF EXISTS complaint_summary_shadow;
      CREATE TABLE complaint_summary_shadow (leftover integer); INSERT INTO complaint_summary_shadow VALUES (1)`);
    const { generation } = await h.rebuilder.state();
    expect((await h.post('/admin/v1/projections/rebuild')).status).toBe(202);
    await h.rebuilder.settled();
    expect(await h.rebuilder.state()).toMatchObject({
      state: 'idle',
      owner: h.rebuilder.owner,
      generation: generation + 1,
      events: 24,
      error: null,
    });
    expect(await count('complaint_summary')).toBe(12);
    expect(await count('complaint_timeline')).toBe(24);
    const [shadow] = await h.db.query<{ name: string | null }>(
      `SELECT to_regclass('complaint_summary_shadow')::text AS name`,
    );
    expect(shadow?.name).toBeNull();
    // A restart after the swap finds the new generation's indexes and adds no g0 duplicates.
    await migrate(h.db);
    const indexes = await h.db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'complaint_summary'`,
    );
    expect(indexes).toHaveLength(Object.keys(summaryIndexes).length + 1);
    expect(indexes.filter((i) => i.indexname.includes('_g0_'))).toEqual([]);
  });

  it('a slow run taken over by another replica neither swaps nor marks its successor failed', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    // A: beats rarely and stalls after its first page, so B sees it as abandoned.
    const slow = new Rebuilder({
      db: h.db,
      feed,
      owner: 'replica-a',
      pageSize: 5,
      heartbeatMs: 3_600_000,
      afterPage: async () => {
        held = true;
        await released;
      },
    });
    const fast = new Rebuilder({ db: h.db, feed, owner: 'replica-b', staleAfterMs: 1 });
    expect(await slow.start()).toBe(true);
    await waitFor(() => held, { description: 'replica A to stall after its first page' });
    expect(await fast.start()).toBe(true);
    await fast.settled();
    const afterB = await fast.state();
    expect(afterB).toMatchObject({ state: 'idle', owner: 'replica-b', events: 24 });

    release();
    await slow.settled();
    expect(await slow.state()).toEqual(afterB);
    expect(await count('complaint_summary')).toBe(12);
    expect(await count('complaint_timeline')).toBe(24);
  });
});
