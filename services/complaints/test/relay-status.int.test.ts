// `GET /admin/v1/relay`: the relay's stored position and its lag, read from a real event store.
import { COMPLAINT_STREAM_PREFIX } from '@chp/contracts';
import { defaultRelayCheckpointId } from '../src/relay/index.js';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const complaintEvents = async () =>
  (await h.store.readAll({ filter: { streamNamePrefix: COMPLAINT_STREAM_PREFIX } })).filter((e) =>
    e.streamName.startsWith(COMPLAINT_STREAM_PREFIX),
  );

describe('the relay status', () => {
  it('reports the stored checkpoint and the complaint events after it, to admins only', async () => {
    await fileDirectly(h);
    await fileDirectly(h);
    const events = await complaintEvents();
    expect(events.length).toBeGreaterThanOrEqual(2);

    const before = await h.as('admin').get('/admin/v1/relay');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      checkpointId: defaultRelayCheckpointId,
      position: null,
      lag: { events: events.length, seconds: expect.any(Number), atLeast: false },
      replica: { relayEnabled: false, leading: false, published: 0, deadLettered: 0 },
    });

    // The relay has published the first event: one checkpoint later, the rest is the lag.
    const first = events[0];
    if (!first) throw new Error('no event');
    await h.store.checkpoints.store(defaultRelayCheckpointId, first.position);
    const after = await h.as('admin').get('/admin/v1/relay');
    expect(after.body).toMatchObject({
      position: String(first.position),
      lag: { events: events.length - 1 },
    });

    const last = events.at(-1);
    if (!last) throw new Error('no event');
    await h.store.checkpoints.store(defaultRelayCheckpointId, last.position);
    const caughtUp = await h.as('admin').get('/admin/v1/relay');
    expect(caughtUp.body).toMatchObject({ position: String(last.position), lag: { events: 0, seconds: 0 } });

    for (const person of ['agent', 'supervisor', 'service'] as const) {
      expect((await h.as(person).get('/admin/v1/relay')).status).toBe(403);
    }
    expect((await h.as('anonymous').get('/admin/v1/relay')).status).toBe(401);
  });

  it('answers 503 on the dead-letter routes of a replica without NATS', async () => {
    expect((await h.as('admin').get('/admin/v1/dead-letters')).status).toBe(503);
  });
});
