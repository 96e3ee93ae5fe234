// "Queries keep answering during a rebuild", proven: the rebuild is held after its first shadow
// page while the test queries the live tables, then released to see the swap.
import { waitFor } from '@chp/testing';
import type { RebuildProgress } from '../src/rebuild/index.js';
import { applyBatch, liveTables } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
import { EventLog } from './support/events.js';
import { listFeed } from './support/feed-server.js';

type Item = { id: string; status: string };
const stats = '/v1/stats/overview?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

describe('a rebuild held mid-way', () => {
  const log = new EventLog();
  const stories = Array.from({ length: 30 }, (_, i) =>
    log
      .complaint({ subject: `Held ${i}` })
      .add('ComplaintAssigned', { team: 'cards' })
      .add('ComplaintResolved', { summary: 'Refunded', outcome: 'upheld', remedies: [], firstContact: true }),
  );
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const pages: RebuildProgress[] = [];
  let h: QueryHarness;
  beforeAll(async () => {
    h = await startQueryHarness(
      listFeed(() => log.events),
      {
        pageSize: 10,
        heartbeatMs: 20,
        afterPage: async (progress) => {
          pages.push(progress);
          await released;
        },
      },
    );
    // The live tables are behind: they hold only each complaint's filing.
    await applyBatch(
      h.db,
      liveTables,
      stories.map((s) => s.events[0] ?? s.last),
    );
  });
  afterAll(async () => {
    release();
    await h.close();
  });

  it('answers list, detail and stats from the live tables while held, then swaps', async () => {
    const first = stories[0];
    if (!first) throw new Error('no stories');
    expect((await h.post('/admin/v1/projections/rebuild')).status).toBe(202);
    await waitFor(() => pages.length === 1, { description: 'the rebuild to reach its first page' });
    const [{ n }] = (await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM complaint_summary_shadow',
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(0);

    // Held: the old data answers.
    const list = (await (await h.get('/v1/complaints?limit=200')).json()) as { items: Item[] };
    expect(list.items).toHaveLength(30);
    expect(new Set(list.items.map((i) => i.status))).toEqual(new Set(['received']));
    const detail = (await (await h.get(`/v1/complaints/${first.id}`)).json()) as { timeline: unknown[] };
    expect(detail.timeline).toHaveLength(1);
    const before = (await (await h.get(stats)).json()) as { groups: { total: number; resolved: number }[] };
    expect(before.groups[0]).toMatchObject({ total: 30, resolved: 0 });
    const status = (await (await h.get('/v1/status')).json()) as {
      rebuild: { state: string; events: number; owner: string; heartbeatAt: string };
    };
    expect(status.rebuild).toMatchObject({ state: 'running', events: 10, owner: h.rebuilder.owner });
    // The heartbeat keeps beating while the rebuild is held (a held rebuild is not an abandoned one).
    await waitFor(async () => (await h.rebuilder.state()).heartbeatAt !== status.rebuild.heartbeatAt, {
      description: 'the heartbeat to move',
    });
    expect(pages).toHaveLength(1);

    release();
    await h.rebuilder.settled();
    const after = (await (await h.get('/v1/complaints?limit=200')).json()) as { items: Item[] };
    expect(new Set(after.items.map((i) => i.status))).toEqual(new Set(['resolved']));
    const full = (await (await h.get(`/v1/complaints/${first.id}`)).json()) as { timeline: unknown[] };
    expect(full.timeline).toHaveLength(3);
    const swapped = (await (await h.get(stats)).json()) as { groups: { total: number; resolved: number }[] };
    expect(swapped.groups[0]).toMatchObject({ total: 30, resolved: 30 });
    expect(await h.rebuilder.state()).toMatchObject({ state: 'idle', events: 90 });
  });
});
