import { randomUUID } from 'node:crypto';
import { complaintStreamName } from '@chp/contracts';
import { waitFor } from '@chp/testing';
import { referenceCandidate } from '../src/application/index.js';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: '2026-03-02T09:00:00Z' });
});
afterAll(async () => {
  await h?.close();
});

const HOUR = 3_600_000;
const note = (text: string) => ({ visibility: 'internal', text });

describe('GET /v1/complaints/:id', () => {
  it('returns the state with its revision as ETag, and the SLA clocks', async () => {
    const { complaintId } = await fileDirectly(h);
    const reply = await h.as('agent').get(`/v1/complaints/${complaintId}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe('"0"');
    expect(reply.body).toMatchObject({ complaintId, revision: 0, state: { status: 'received' } });
    expect(reply.body.clocks).toMatchObject({ paused: false });
  });

  it('answers 404 for an unknown complaint and 400 for an id that is not a UUID', async () => {
    expect((await h.as('agent').get(`/v1/complaints/${randomUUID()}`)).status).toBe(404);
    const bad = await h.as('agent').get('/v1/complaints/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ in: 'params', pointer: '#/id' })]);
  });
});

describe('GET /v1/complaints/:id?asOf=', () => {
  it('folds only what had happened by then', async () => {
    h.clock.set('2026-03-03T09:00:00Z');
    const { complaintId } = await fileDirectly(h);
    h.clock.advance(HOUR); // 10:00
    expect((await h.as('agent').post(`/v1/complaints/${complaintId}/acknowledge`)).status).toBe(200);
    h.clock.advance(HOUR); // 11:00
    expect(
      (await h.as('agent').post(`/v1/complaints/${complaintId}/add-note`, note('called back'))).status,
    ).toBe(200);

    const at = (asOf: string) =>
      h.as('agent').get(`/v1/complaints/${complaintId}?asOf=${encodeURIComponent(asOf)}`);
    const filedOnly = await at('2026-03-03T09:30:00Z');
    expect(filedOnly.body).toMatchObject({
      revision: 0,
      asOf: '2026-03-03T09:30:00.000Z',
      state: { status: 'received' },
    });
    // Inclusive, and any offset is accepted.
    const acknowledged = await at('2026-03-03T11:00:00+01:00');
    expect(acknowledged.body).toMatchObject({ revision: 1, state: { status: 'acknowledged' } });
    // A past state is no precondition for a command: no ETag.
    expect(acknowledged.headers.get('etag')).toBeNull();
    expect((await at('2026-03-03T12:00:00Z')).body).toMatchObject({ revision: 2 });

    const before = await at('2026-03-03T08:59:59Z');
    expect(before.status).toBe(404);
    expect(before.body.detail).toContain('had not been filed');
  });

  it('answers 400 naming asOf when it is not a time', async () => {
    const { complaintId } = await fileDirectly(h);
    const reply = await h.as('agent').get(`/v1/complaints/${complaintId}?asOf=yesterday`);
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '#/asOf' })]);
  });
});

describe('GET /v1/complaints/by-reference/:ref', () => {
  it('finds a complaint by its reference, in lower case and without dashes too', async () => {
    const { complaintId, reference } = await fileDirectly(h);
    for (const form of [reference, reference.toLowerCase(), reference.replaceAll('-', '').toLowerCase()]) {
      const reply = await h.as('agent').get(`/v1/complaints/by-reference/${encodeURIComponent(form)}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ complaintId, state: { status: 'received' } });
      expect(reply.headers.get('content-location')).toBe(`/v1/complaints/${complaintId}`);
      expect(reply.headers.get('etag')).toBe('"0"');
    }
  });

  it('says so when the check character is wrong', async () => {
    const { reference } = await fileDirectly(h);
    const last = reference.at(-1)!;
    const typo = `${reference.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    const reply = await h.as('agent').get(`/v1/complaints/by-reference/${typo}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ reason: 'check_character', title: 'Wrong check character' });
    expect(reply.body.detail).toContain('check character');
  });

  it('answers 400 for something that is no reference, and 404 for a reference nobody holds', async () => {
    const malformed = await h.as('agent').get('/v1/complaints/by-reference/hello');
    expect(malformed.status).toBe(400);
    expect(malformed.body.reason).toBe('malformed');
    const unknown = await h
      .as('agent')
      .get(`/v1/complaints/by-reference/${referenceCandidate(randomUUID(), 1)}`);
    expect(unknown.status).toBe(404);
  });
});

describe('GET /v1/complaints/:id/events (audit trail)', () => {
  it('pages through the events with actor, correlation and causation ids and times', async () => {
    const { complaintId } = await fileDirectly(h);
    for (const text of ['one', 'two', 'three']) {
      await h
        .as('agent')
        .post(`/v1/complaints/${complaintId}/add-note`, note(text), { 'x-correlation-id': `call-${text}` });
    }
    const pages: Record<string, unknown>[][] = [];
    let from: number | null = 0;
    while (from !== null) {
      const reply = await h.as('supervisor').get(`/v1/complaints/${complaintId}/events?from=${from}&limit=3`);
      expect(reply.status).toBe(200);
      pages.push(reply.body.events as Record<string, unknown>[]);
      from = reply.body.next as number | null;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    const events = pages.flat();
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled', 'NoteAdded', 'NoteAdded', 'NoteAdded']);
    expect(events[3]).toMatchObject({
      actor: { id: 'agent-alice', role: 'agent' },
      correlationId: 'call-three',
      causationId: expect.any(String),
      at: expect.any(String),
      recordedAt: expect.any(String),
      schemaVersion: 1,
      data: { text: 'three' },
    });
  });

  it('answers 404 for an unknown complaint and 400 for a bad limit', async () => {
    expect((await h.as('agent').get(`/v1/complaints/${randomUUID()}/events`)).status).toBe(404);
    const { complaintId } = await fileDirectly(h);
    const bad = await h.as('agent').get(`/v1/complaints/${complaintId}/events?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '#/limit' })]);
  });
});

describe('GET /internal/v1/events (feed for projections)', () => {
  it('pages through every complaint event in global order, each with its position', async () => {
    const first = await fileDirectly(h);
    await h.as('agent').post(`/v1/complaints/${first.complaintId}/acknowledge`);
    const second = await fileDirectly(h);
    // The feed holds back events behind a transaction still open anywhere on the server (the store's
    // gap safety); on a shared server that can be another test's, so wait until ours are readable.
    const streams = new Set([first.complaintId, second.complaintId].map(complaintStreamName));
    await waitFor(
      async () =>
        (await h.store.readAll({ maxCount: 10_000 })).filter((e) => streams.has(e.streamName)).length === 3,
      { description: "the two complaints' events to be readable in the global log" },
    );

    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (;;) {
      const query: string = after === null ? 'limit=2' : `limit=2&after=${encodeURIComponent(after)}`;
      const reply = await h.as('service').get(`/internal/v1/events?${query}`);
      expect(reply.status).toBe(200);
      const events = reply.body.events as Record<string, unknown>[];
      expect(events.length).toBeLessThanOrEqual(2);
      if (events.length === 0) {
        expect(reply.body.next).toBe(after);
        break;
      }
      seen.push(...events);
      after = reply.body.next as string;
      expect(after).toBe(events.at(-1)?.position);
    }
    const mine = seen.filter((e) => e.subject === first.complaintId || e.subject === second.complaintId);
    expect(mine.map((e) => [e.subject, e.type])).toEqual([
      [first.complaintId, 'complaints.ComplaintFiled.v1'],
      [first.complaintId, 'complaints.ComplaintAcknowledged.v1'],
      [second.complaintId, 'complaints.ComplaintFiled.v1'],
    ]);
    // Reference reservations are internal streams and never part of the feed.
    expect(seen.every((e) => typeof e.subject === 'string' && /^[0-9a-f-]{36}$/.test(e.subject))).toBe(true);
  });

  it('answers 400 for a checkpoint that is not one', async () => {
    const reply = await h.as('service').get('/internal/v1/events?after=nonsense');
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '#/after' })]);
  });
});
