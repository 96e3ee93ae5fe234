import { randomUUID } from 'node:crypto';
import {
  intakeAnswerSchema,
  intakeCloudEventTypes,
  JsonBoundsError,
  referenceCandidate,
} from '@chp/contracts';
import { waitFor } from '@chp/testing';
import { claim, cleanStrings, prepare, queueSubmission, SubmissionInvalid } from '../src/submission/index.js';
import { type DeadLetters, watchDeadLetters } from './support/dead-letters.js';
import { type IntakeHarness, startIntake, submission } from './support/intake.js';

// Each attack of issue 22 (sections 2 and 6) performed against intake with a real nats-server and
// the real complaints service, and seen to fail.

let h: IntakeHarness;
let dead: DeadLetters;

beforeAll(async () => {
  h = await startIntake({ consumer: true });
  dead = await watchDeadLetters(h.nc);
});
afterAll(async () => {
  dead.stop();
  await h.close();
});

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

interface Problem {
  type: string;
  detail: string;
  errors: { in: string; pointer: string; detail: string; code: string }[];
}

describe('poison messages (6,000-deep JSON)', () => {
  it('1,000 of them on intake.complaints.web are dead-lettered, and a valid one behind them is filed within seconds', async () => {
    const poison = deep(6_000);
    const acks = await Promise.all(
      Array.from({ length: 1_000 }, () => h.js.publish('intake.complaints.web', poison)),
    );
    const valid = submission();
    const publishedAt = Date.now();
    await h.js.publish('intake.complaints.web', JSON.stringify(valid));
    // The id intake derives from the body (channel and externalRef), without filing it over HTTP.
    const { complaintId } = prepare(h.deps, valid).identity;
    await waitFor(
      async () => (await h.complaints.eventsOf(complaintId)).some((e) => e.type === 'ComplaintFiled'),
      { timeoutMs: 10_000, intervalMs: 50, description: 'the valid submission filed' },
    );
    expect(Date.now() - publishedAt).toBeLessThan(10_000);
    const first = acks[0]?.seq ?? 0;
    const last = acks.at(-1)?.seq ?? 0;
    await waitFor(
      () =>
        dead.seen.filter((d) => {
          const seq = d.letter.streamSequence ?? 0;
          return seq >= first && seq <= last;
        }).length === 1_000,
      { timeoutMs: 20_000, description: '1,000 dead letters' },
    );
    const letter = dead.seen.find((d) => d.letter.streamSequence === first);
    expect(letter?.letter.reason).toBe('too_deep: payload JSON is nested deeper than 64 levels');
  }, 60_000);

  it('normalising itself refuses such a value rather than overflowing the stack', () => {
    expect(() => cleanStrings(JSON.parse(deep(6_000)))).toThrow(JsonBoundsError);
    expect(() => prepare(h.deps, { description: JSON.parse(deep(6_000)) })).toThrow(SubmissionInvalid);
  });

  it('over HTTP: the same body, or a field nested that deep, is a 400 naming the problem (not a 500)', async () => {
    const inField = JSON.stringify(submission({ description: 'DEEP' })).replace('"DEEP"', deep(6_000));
    for (const body of [deep(6_000), inField]) {
      const res = await h.post('/v1/complaints', body, { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as Problem;
      expect(problem.errors).toEqual([
        { in: 'body', pointer: '#', detail: 'is nested deeper than 64 levels', code: 'too_deep' },
      ]);
    }
  });
});

describe('forged queued submissions', () => {
  const queuedEvent = (data: unknown, id: string) =>
    JSON.stringify({
      specversion: '1.0',
      id,
      type: intakeCloudEventTypes.queued,
      source: 'urn:attacker',
      subject: id,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    });

  it('a SubmissionQueued with an id and reference of the sender’s choosing is dead-lettered, not filed', async () => {
    const complaintId = randomUUID();
    const forged = {
      complaintId,
      reference: referenceCandidate(complaintId, 0),
      receivedAt: new Date().toISOString(),
      idempotencyKey: 'forged',
      submission: submission(),
    };
    const ack = await h.js.publish('intake.complaints.web', queuedEvent(forged, complaintId));
    const found = await dead.of(ack.seq);
    expect(found.letter.reason).toMatch(/^forged: .*no ledger entry for reference/);
    expect(await h.complaints.eventsOf(complaintId)).toEqual([]);
  });

  it('a genuine queued submission is filed, and the same id and reference with another body is a forgery', async () => {
    const prepared = prepare(h.deps, submission({ channel: 'web' }));
    const queued = await claim(h.deps, prepared);
    const tampered = {
      ...queued,
      submission: { ...queued.submission, subject: 'Send the refund elsewhere' },
    };
    const ack = await h.js.publish('intake.complaints.web', queuedEvent(tampered, `${queued.complaintId}-x`));
    const found = await dead.of(ack.seq);
    expect(found.letter.reason).toMatch(/^forged: .*differs from the one recorded/);

    await queueSubmission(h.js, queued);
    await waitFor(
      async () => (await h.complaints.eventsOf(queued.complaintId)).some((e) => e.type === 'ComplaintFiled'),
      { description: 'the genuine queued submission filed' },
    );
    const filed = await h.complaints.eventsOf(queued.complaintId);
    expect(JSON.stringify(filed)).not.toContain('Send the refund elsewhere');
  });
});

describe('mail that yields no complaint', () => {
  it.each([
    ['no From', 'To: complaints@example.com\r\nSubject: hi\r\n\r\nHello'],
    ['binary', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))],
    ['empty', Buffer.alloc(1, 0x20)],
  ])('%s on intake.email.raw is dead-lettered with the reason', async (_name, raw) => {
    const before = (await h.complaints.filed()).size;
    const ack = await h.js.publish('intake.email.raw', raw);
    const found = await dead.of(ack.seq, 'intake.dead.email');
    expect(found.letter.reason).toMatch(/^unusable mail: the mail has no From address/);
    expect((await h.complaints.filed()).size).toBe(before);
  });

  it('over HTTP it is a 400 naming why', async () => {
    const res = await h.post('/v1/channels/email', 'To: complaints@example.com\r\n\r\nHello', {
      'content-type': 'message/rfc822',
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors[0]).toMatchObject({ pointer: '#', code: 'unusable_mail' });
  });
});

describe('bad input that still got in', () => {
  const day = 86_400_000;

  it.each([
    ['1970', '1970-01-01T00:00:00Z', /must not be older than 365 days/],
    ['2099', '2099-01-01T00:00:00Z', /must not be in the future/],
    ['two years ago', new Date(Date.now() - 730 * day).toISOString(), /must not be older/],
    ['an hour ahead', new Date(Date.now() + 3_600_000).toISOString(), /must not be in the future/],
  ])('receivedAt %s → 400 naming #/receivedAt and why, and a dead letter over NATS', async (_n, at, why) => {
    const res = await h.post('/v1/complaints', submission({ receivedAt: at }));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]).toMatchObject({ in: 'body', pointer: '#/receivedAt' });
    expect(problem.errors[0]?.detail).toMatch(why);

    const ack = await h.js.publish('intake.complaints.web', JSON.stringify(submission({ receivedAt: at })));
    const found = await dead.of(ack.seq);
    expect(found.letter.issues?.[0]).toMatchObject({ path: 'receivedAt' });
    expect(found.letter.issues?.[0]?.message).toMatch(why);
  });

  it('a receivedAt of last week is taken', async () => {
    const at = new Date(Date.now() - 7 * day).toISOString();
    expect((await h.post('/v1/complaints', submission({ receivedAt: at }))).status).toBe(201);
  });

  it('invalid UTF-8 in an HTTP JSON body → 400, as on NATS', async () => {
    // The subject's two characters become bytes that are no UTF-8 (a lone 0xFF 0xFE).
    const json = JSON.stringify(submission({ subject: 'XX' }));
    const at = json.indexOf('XX');
    const body = Buffer.concat([
      Buffer.from(json.slice(0, at)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(json.slice(at + 2)),
    ]);
    const res = await fetch(`${h.url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.channelToken}`, 'content-type': 'application/json' },
      body,
    });
    const problem = (await res.json()) as Problem;
    expect({ status: res.status, problem }).toMatchObject({ status: 400 });
    expect(problem.errors).toEqual([
      { in: 'body', pointer: '#', detail: 'is not valid UTF-8', code: 'invalid_utf8' },
    ]);
  });

  it.each([
    ['zero-width characters', '\u200B\u200C\u200D\u2060'],
    ['combining characters', '\u0301\u0308\u0327'],
  ])('a subject of only %s → 400 naming #/subject', async (_name, subject) => {
    const res = await h.post('/v1/complaints', submission({ subject }));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '#/subject' })]);
    expect(problem.errors[0]?.detail).toMatch(/visible characters/);
  });

  it('bidi overrides are removed from single-line fields before filing', async () => {
    const res = await h.post(
      '/v1/complaints',
      submission({
        subject: 'Invoice \u202Efdp.exe\u202C',
        customer: { name: 'Ada \u2066Lovelace\u2069', email: 'ada@example.com', preferredLanguage: 'en' },
      }),
    );
    expect(res.status).toBe(201);
    const { complaintId } = intakeAnswerSchema.parse(await res.json());
    const [filed] = await h.complaints.eventsOf(complaintId);
    const data = filed?.data as { subject: string; customer: { name: string } };
    expect(data.subject).toBe('Invoice fdp.exe');
    expect(data.customer.name).toBe('Ada Lovelace');
  });

  it.each([
    ['a subject of the wrong type', { subject: 42 }, '#/subject', /expected string/i],
    [
      'an e-mail address of the wrong format',
      { customer: { name: 'A', email: 'a@@b' } },
      '#/customer/email',
      /email/i,
    ],
    ['a subject too long', { subject: 'x'.repeat(201) }, '#/subject', /200/],
    ['a priority of an unknown value', { priority: 'asap' }, '#/priority', /expected one of|invalid option/i],
  ])('400s give the real reason, not "is required": %s', async (_name, overrides, pointer, why) => {
    const res = await h.post('/v1/complaints', submission(overrides));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    const error = problem.errors.find((e) => e.pointer === pointer);
    expect(error?.detail).not.toBe('is required');
    expect(error?.detail).toMatch(why);
  });

  it('a missing field still says "is required"', async () => {
    const body = submission();
    delete body.subject;
    const problem = (await (await h.post('/v1/complaints', body)).json()) as Problem;
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '#/subject', detail: 'is required' }),
    ]);
  });

  it('/metrics grows no series for a made-up subject', async () => {
    const made = `zz${randomUUID().replaceAll('-', '')}`;
    const ack = await h.js.publish(`intake.complaints.${made}`, JSON.stringify(submission()));
    await dead.of(ack.seq, `intake.dead.${made}`);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('chp_intake_dead_letters_total{channel="unknown",reason="unknown_channel"}');
    expect(metrics).not.toContain(made);
  });
});
