import { signToken } from '@chp/platform';
import { waitFor } from '@chp/testing';
import { type DeadLetters, watchDeadLetters } from './support/dead-letters.js';
import { type IntakeHarness, startIntake, submission } from './support/intake.js';

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

const customer = { name: 'Ada', email: 'ada@example.com', preferredLanguage: 'en' };
const without = (key: string) => {
  const body = submission();
  delete body[key];
  return body;
};

type HttpCase = [
  name: string,
  body: () => unknown,
  status: number,
  pointer?: string,
  headers?: Record<string, string>,
];

const httpCases: HttpCase[] = [
  ['missing channel', () => without('channel'), 400, '#/channel'],
  ['missing externalRef', () => without('externalRef'), 400, '#/externalRef'],
  ['missing customer', () => without('customer'), 400, '#/customer'],
  ['missing subject', () => without('subject'), 400, '#/subject'],
  ['missing description', () => without('description'), 400, '#/description'],
  ['subject of the wrong type', () => submission({ subject: 42 }), 400, '#/subject'],
  ['attachments of the wrong type', () => submission({ attachments: 'file.pdf' }), 400, '#/attachments'],
  ['unknown channel', () => submission({ channel: 'fax' }), 400, '#/channel'],
  [
    'invalid email',
    () => submission({ customer: { ...customer, email: 'ada@@example' } }),
    400,
    '#/customer/email',
  ],
  ['invalid phone', () => submission({ customer: { ...customer, phone: '12ab' } }), 400, '#/customer/phone'],
  [
    'no way to reach the customer',
    () => submission({ customer: { name: 'Ada', preferredLanguage: 'en' } }),
    400,
    '#/customer/email',
  ],
  ['subject over 200 characters', () => submission({ subject: 'x'.repeat(201) }), 400, '#/subject'],
  [
    'description over 20,000 characters',
    () => submission({ description: 'x'.repeat(20_001) }),
    400,
    '#/description',
  ],
  [
    '21 attachments',
    () =>
      submission({
        attachments: Array.from({ length: 21 }, (_, i) => ({
          name: `scan-${i}.png`,
          objectKey: `k/${i}`,
          contentType: 'image/png',
          sizeBytes: 10,
        })),
      }),
    400,
    '#/attachments',
  ],
  ['unknown field', () => submission({ emial: 'x' }), 400, '#/emial'],
  ['subject only control characters', () => submission({ subject: '\u0007\u0000 \u001b' }), 400, '#/subject'],
  [
    'unsupported language',
    () => submission({ customer: { ...customer, preferredLanguage: 'de' } }),
    400,
    '#/customer/preferredLanguage',
  ],
  ['invalid receivedAt', () => submission({ receivedAt: 'yesterday' }), 400, '#/receivedAt'],
  ['invalid priority', () => submission({ priority: 'asap' }), 400, '#/priority'],
  ['invalid category', () => submission({ category: 'Billing Stuff' }), 400, '#/category'],
  ['malformed SLA region', () => submission({ region: 'Scotland' }), 400, '#/region'],
  // Well-formed, but the SLA policy's calendar has no such region: complaints refuses the filing.
  ['SLA region the calendars do not know', () => submission({ region: 'FR' }), 400, '#/region'],
  [
    'invalid related reference',
    () => submission({ relatedReferences: ['C-NOPE'] }),
    400,
    '#/relatedReferences/0',
  ],
  ['body is an array', () => [submission()], 400],
  ['body is not JSON', () => '{"channel": "web",', 400, undefined, { 'content-type': 'application/json' }],
  ['body over 256 KB', () => submission({ description: 'x'.repeat(270_000) }), 413],
  ['body not JSON typed', () => 'hello', 415, undefined, { 'content-type': 'text/plain' }],
  [
    'Idempotency-Key over 200 characters',
    () => submission(),
    400,
    '#/idempotency-key',
    { 'idempotency-key': 'k'.repeat(201) },
  ],
];

describe('bad inputs over HTTP', () => {
  it.each(httpCases)('%s', async (...row: HttpCase) => {
    // A rest parameter: jest takes a callback longer than the row for a `done` callback.
    const [, body, status, pointer, headers] = row;
    const res = await h.post('/v1/complaints', body(), headers);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    if (pointer) {
      const problem = (await res.json()) as { errors: { pointer: string }[] };
      expect(problem.errors.map((e) => e.pointer)).toContain(pointer);
    }
  });

  it('no token → 401, a forged token → 401, an agent → 403', async () => {
    const body = JSON.stringify(submission());
    const send = (authorization?: string) =>
      fetch(`${h.url}/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body,
      });
    expect((await send()).status).toBe(401);
    const forged = await signToken({
      secret: 'not-the-intake-secret-but-32-chars-long',
      subject: 'x',
      roles: ['channel'],
    });
    expect((await send(`Bearer ${forged}`)).status).toBe(401);
    expect((await send(`Bearer ${h.agentToken}`)).status).toBe(403);
  });

  it('a reused idempotency key with another body → 422', async () => {
    const body = submission();
    expect(
      (await h.post('/v1/complaints', body, { 'idempotency-key': `same-${body.externalRef}` })).status,
    ).toBe(201);
    const res = await h.post(
      '/v1/complaints',
      { ...body, description: 'changed' },
      { 'idempotency-key': `same-${body.externalRef}` },
    );
    expect(res.status).toBe(422);
  });
});

type NatsCase = [name: string, channel: string, payload: () => Uint8Array | string, reason: RegExp];
const json = (value: unknown) => JSON.stringify(value);

const natsCases: NatsCase[] = [
  ['invalid UTF-8', 'web', () => new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /^not_utf8/],
  ['bad JSON', 'web', () => '{"channel":', /^json/],
  ['unknown channel', 'fax', () => json(submission({ channel: 'web' })), /^unknown_channel/],
  ['missing subject', 'web', () => json(without('subject')), /^schema/],
  ['invalid email', 'web', () => json(submission({ customer: { ...customer, email: 'nope' } })), /^schema/],
  [
    'SLA region the calendars do not know',
    'web',
    () => json(submission({ region: 'FR' })),
    /Unknown SLA region/,
  ],
  [
    'control characters only',
    'phone',
    () => json(submission({ channel: 'phone', subject: '\u0000\u0001' })),
    /^schema/,
  ],
  [
    'body channel differs from the subject',
    'post',
    () => json(submission({ channel: 'web' })),
    /^channel_mismatch/,
  ],
  [
    'CloudEvent of an unknown type',
    'web',
    () =>
      json({
        specversion: '1.0',
        id: 'e-1',
        type: 'intake.Other.v1',
        source: 'urn:test',
        data: submission(),
      }),
    /^schema/,
  ],
  [
    'CloudEvent with an invalid submission',
    'web',
    () =>
      json({
        specversion: '1.0',
        id: 'e-2',
        type: 'intake.ComplaintSubmitted.v1',
        source: 'urn:test',
        data: submission({ subject: '' }),
      }),
    /^schema/,
  ],
];

describe('bad inputs over NATS', () => {
  it.each(natsCases)('%s → dead letter on intake.dead.<channel>', async (...row: NatsCase) => {
    const [, channel, payload, reason] = row;
    const sent = payload();
    const ack = await h.js.publish(`intake.complaints.${channel}`, sent);
    const found = await waitFor(() => dead.seen.find((d) => d.letter.streamSequence === ack.seq), {
      description: `a dead letter for seq ${ack.seq}`,
    });
    expect(found.subject).toBe(`intake.dead.${channel}`);
    expect(found.letter.reason).toMatch(reason);
    expect(Buffer.from(found.letter.payloadBase64, 'base64')).toEqual(Buffer.from(sent));
  });

  it('a reused externalRef with another body → dead letter saying so', async () => {
    const body = submission();
    const first = await h.js.publish('intake.complaints.web', json(body));
    const second = await h.js.publish('intake.complaints.web', json({ ...body, subject: 'different' }));
    const found = await waitFor(() => dead.seen.find((d) => d.letter.streamSequence === second.seq));
    expect(found.letter.reason).toMatch(/^idempotency: .*different submission/);
    expect(dead.seen.find((d) => d.letter.streamSequence === first.seq)).toBeUndefined();
  });
});
