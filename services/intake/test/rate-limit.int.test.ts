import { intakeAnswerSchema } from '@chp/contracts';
import { signToken } from '@chp/platform';
import { prepare } from '../src/submission/submit.js';
import { type IntakeHarness, JWT_SECRET, startIntake, submission } from './support/intake.js';

// Each client (token subject) and each address without a valid token has three requests, then one
// per 100 s; partner-big has a contract for more. X-Forwarded-For gives each test its own address.
let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake({
    trustProxy: true,
    rateLimit: {
      client: { perSecond: 0.01, burst: 3 },
      anonymous: { perSecond: 0.01, burst: 3 },
      clients: { 'partner-big': { perSecond: 1_000, burst: 1_000 } },
    },
  });
});
afterAll(() => h.close());

const tokenOf = (subject: string) => signToken({ secret: JWT_SECRET, subject, roles: ['channel'] });
let addresses = 0;
/** A fresh client address for each test, so that their anonymous buckets are apart. */
const newAddress = () => `203.0.113.${++addresses}`;

async function send(
  path: string,
  init: { token?: string; address: string; body?: string; type?: string; method?: string },
): Promise<Response> {
  return fetch(`${h.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      'x-forwarded-for': init.address,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
}

async function expectLimited(res: Response): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  // One token at 0.01 per second: 100 s from empty (less what refilled meanwhile).
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(90);
  expect(retryAfter).toBeLessThanOrEqual(100);
  expect(await res.json()).toMatchObject({ status: 429, type: 'urn:chp:problem:rate-limited' });
}

it("one partner's flood of bad requests starves only that partner, and files nothing for it", async () => {
  const address = newAddress();
  const flooder = await tokenOf('partner-flood');
  for (let i = 0; i < 3; i++) {
    const bad = await send('/v1/complaints', { token: flooder, address, body: '{"channel": "web"}' });
    expect(bad.status).toBe(400);
  }
  const valid = submission();
  await expectLimited(await send('/v1/complaints', { token: flooder, address, body: JSON.stringify(valid) }));
  const { complaintId } = prepare(h.deps, valid, {}).identity;
  expect(await h.complaints.eventsOf(complaintId)).toEqual([]);

  // Another partner, even from the same address, has its own bucket.
  const other = await send('/v1/complaints', {
    token: await tokenOf('partner-other'),
    address,
    body: JSON.stringify(submission()),
  });
  expect(other.status).toBe(201);
  intakeAnswerSchema.parse(await other.json());
});

it('counts a bad content type against the sender before the body is read', async () => {
  const address = newAddress();
  const sender = await tokenOf('partner-plain-text');
  for (let i = 0; i < 3; i++) {
    expect(
      (await send('/v1/complaints', { token: sender, address, body: 'hi', type: 'text/plain' })).status,
    ).toBe(415);
  }
  await expectLimited(
    await send('/v1/complaints', { token: sender, address, body: JSON.stringify(submission()) }),
  );
});

it('counts refused tokens against the sending address, whatever subject they claim', async () => {
  const address = newAddress();
  const forged = await signToken({ secret: 'x'.repeat(40), subject: 'partner-big', roles: ['channel'] });
  for (let i = 0; i < 3; i++) {
    expect((await send('/v1/complaints', { token: forged, address, body: '{}' })).status).toBe(401);
  }
  await expectLimited(await send('/v1/complaints', { token: forged, address, body: '{}' }));
  // The real partner-big is not touched by the forger's failures.
  const real = await send('/v1/complaints', {
    token: await tokenOf('partner-big'),
    address,
    body: JSON.stringify(submission()),
  });
  expect(real.status).toBe(201);
});

it('limits the public customer links per address', async () => {
  const address = newAddress();
  for (let i = 0; i < 3; i++) {
    expect((await send('/v1/customer-links/not-a-token', { address, method: 'GET' })).status).toBe(400);
  }
  await expectLimited(await send('/v1/customer-links/not-a-token', { address, method: 'GET' }));
  // Another address still gets its page (an error page here, but not a 429).
  expect(
    (await send('/v1/customer-links/not-a-token', { address: newAddress(), method: 'GET' })).status,
  ).toBe(400);
});

it('limits the e-mail route per client', async () => {
  const address = newAddress();
  const mailer = await tokenOf('mail-gateway');
  for (let i = 0; i < 3; i++) {
    const res = await send('/v1/channels/email', {
      token: mailer,
      address,
      body: 'hello',
      type: 'text/plain',
    });
    expect(res.status).toBe(415);
  }
  await expectLimited(
    await send('/v1/channels/email', {
      token: mailer,
      address,
      body: 'From: a@b.example\r\n\r\nhi',
      type: 'message/rfc822',
    }),
  );
});

it('answers 401, not 400, to a malformed body without a token (authentication first)', async () => {
  const res = await send('/v1/complaints', { address: newAddress(), body: '{"channel": ' });
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
});
