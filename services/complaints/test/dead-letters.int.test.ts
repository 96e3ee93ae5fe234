// complaints' dead-letter desk over HTTP against a real nats-server with the accounts: a consumer's
// dead letter of a complaint event is listed masked, never replayed from its bytes, and discarded once.
import { natsInboxPrefix, streams, subjects } from '@chp/contracts';
import { connect } from '@chp/messaging';
import { jetstream } from '@nats-io/jetstream';
import { type Harness, startHarness } from './support/harness.js';

interface Letter {
  sequence: number;
  preview: string;
  decisions: unknown[];
}
const lettersOf = (reply: { body: Record<string, unknown> }) => reply.body.letters as Letter[];
const errorsOf = (reply: { body: Record<string, unknown> }) => reply.body.errors as Record<string, unknown>[];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nats: true });
});
afterAll(async () => {
  await h?.close();
});

/** What projections publishes when it gives up on an event (as the projections NATS user). */
async function deadLetterAsProjections(): Promise<number> {
  const server = h.natsServer;
  if (!server) throw new Error('no NATS');
  const credentials = server.credentials('projections');
  const nc = await connect({
    servers: server.url,
    name: 'projections-test',
    inboxPrefix: natsInboxPrefix('projections'),
    ...(credentials ? { auth: credentials } : {}),
  });
  try {
    const event = {
      specversion: '1.0',
      id: '7f1c0d2e-0000-4000-8000-000000000001',
      type: 'ComplaintFiled',
      data: { customer: { name: 'Olena Petrenko', email: 'olena@example.com' }, description: 'my card' },
    };
    const ack = await jetstream(nc).publish(
      subjects.deadLetters.of('projections', 'projections'),
      JSON.stringify({
        payloadBase64: Buffer.from(JSON.stringify(event)).toString('base64'),
        headers: {},
        originalSubject: subjects.complaints.event('ComplaintFiled'),
        stream: streams.complaints,
        streamSequence: 12,
        consumer: 'projections',
        deliveryCount: 5,
        reason: 'handler failed 5 times',
        deadAt: '2026-03-02T09:00:00.000Z',
      }),
    );
    return ack.seq;
  } finally {
    await nc.drain();
  }
}

describe('the dead-letter desk', () => {
  it('lists a complaint event’s dead letter masked, refuses to replay it, and discards it once', async () => {
    const sequence = await deadLetterAsProjections();
    const admin = h.as('admin');

    const listed = await admin.get('/admin/v1/dead-letters');
    expect(listed.status).toBe(200);
    const letter = lettersOf(listed).find((l) => l.sequence === sequence);
    expect(letter).toMatchObject({
      subject: 'projections.dead.projections',
      originalSubject: 'complaints.events.ComplaintFiled',
      consumer: 'projections',
      reason: 'handler failed 5 times',
      replay: 'none',
      decisions: [],
    });
    expect(letter?.preview).toContain('ComplaintFiled');
    for (const personal of ['Olena', 'olena@example.com', 'my card'])
      expect(letter?.preview).not.toContain(personal);

    // Never republished from the letter's bytes: only complaints' relay writes complaints.events.>.
    const replay = await admin.post('/admin/v1/dead-letters/replay', { sequences: [sequence] });
    expect(replay.status).toBe(409);
    expect(errorsOf(replay)[0]).toMatchObject({ pointer: '#/sequences/0', code: 'not_replayable' });

    const twoCorrected = await admin.post('/admin/v1/dead-letters/replay', {
      sequences: [sequence, sequence + 1],
      payload: {},
    });
    expect(twoCorrected.status).toBe(400);
    expect(JSON.stringify(twoCorrected.body.errors)).toContain('#/payload');

    for (let i = 0; i < 2; i++) {
      const discarded = await admin.post('/admin/v1/dead-letters/discard', {
        sequences: [sequence, sequence],
      });
      expect(discarded.status).toBe(200);
    }
    const kept = await admin.get('/admin/v1/dead-letters?state=discarded');
    const decided = lettersOf(kept).find((l) => l.sequence === sequence);
    expect(decided?.decisions).toEqual([
      { action: 'discarded', by: 'admin-ann', at: '2026-03-02T09:00:00.000Z' },
    ]);
    expect(lettersOf(await admin.get('/admin/v1/dead-letters')).some((l) => l.sequence === sequence)).toBe(
      false,
    );
  });

  it('pages by sequence, validates its query, and is for admins only', async () => {
    const first = await deadLetterAsProjections();
    const second = await deadLetterAsProjections();
    const admin = h.as('admin');
    const page = await admin.get(`/admin/v1/dead-letters?after=${first - 1}&limit=1`);
    expect(page.body).toMatchObject({ letters: [{ sequence: first }], next: first });
    const next = await admin.get(`/admin/v1/dead-letters?after=${page.body.next}&limit=1`);
    expect(lettersOf(next)[0]?.sequence).toBe(second);
    const end = await admin.get(`/admin/v1/dead-letters?after=${second}`);
    expect(end.body).toEqual({ letters: [], next: null });

    expect((await admin.get('/admin/v1/dead-letters?state=lost')).status).toBe(400);
    expect((await admin.get('/admin/v1/dead-letters?limit=0')).status).toBe(400);
    for (const person of ['agent', 'supervisor', 'service'] as const) {
      expect((await h.as(person).get('/admin/v1/dead-letters')).status).toBe(403);
      expect((await h.as(person).post('/admin/v1/dead-letters/discard', { sequences: [first] })).status).toBe(
        403,
      );
    }
  });
});
