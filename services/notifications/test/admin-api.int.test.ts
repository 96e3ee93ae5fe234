// The operators' unsettled e-mails over HTTP: tokens verified with a JWKS only (notifications holds
// no signing key), an `unknown` row (a send cut off by a crash) resent from the API reaches the real
// SMTP sink exactly once however often it is clicked, and a marked row is decided once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen, urlOf } from '@chp/platform';
import { waitFor } from '@chp/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createNotificationsApp } from '../src/http/index.js';
import { messageIdOf, notificationIdOf } from '../src/ids/index.js';
import { ComplaintStory } from './support/events.js';
import { type Harness, harness } from './support/harness.js';

const ack = 'complaint-acknowledgement';
const issuer = 'https://idp.test';
const audience = 'chp-api';

let h: Harness;
let jwks: Server;
let api: Server;
let unverified: Server;
let sign: (subject: string, roles: string[]) => Promise<string>;

beforeAll(async () => {
  h = await harness();
  const pair = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  sign = (subject, roles) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(subject)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(pair.privateKey);
  api = await listen(
    createNotificationsApp({
      storage: h.storage,
      unsettledEmails: h.service.unsettledEmails,
      auth: { jwksUrl, issuer, audience },
    }),
    0,
    '127.0.0.1',
  );
  unverified = await listen(
    createNotificationsApp({ storage: h.storage, unsettledEmails: h.service.unsettledEmails }),
    0,
    '127.0.0.1',
  );
});
afterAll(async () => {
  for (const server of [api, unverified, jwks]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  await h?.close();
});

const call = async (server: Server, path: string, token?: string, body?: unknown) => {
  const res = await fetch(urlOf(server) + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as never };
};
const mailsTo = (address: string) => h.sink.messages.filter((m) => m.envelope.to.includes(address));

/** What a process killed mid-send leaves: an intent claimed long ago without a result, found `unknown`. */
async function unknownAcknowledgement(address: string) {
  const story = new ComplaintStory();
  const filed = story.filed({ email: address });
  const key = { eventId: filed.id, template: ack, recipient: address };
  await h.service.sentLog.claim(
    {
      ...key,
      complaintId: story.complaintId,
      audience: 'customer',
      messageId: messageIdOf(key, 'complaints.test'),
      notificationId: notificationIdOf(key),
    },
    new Date(Date.now() - 120_000),
    60_000,
  );
  await h.publish(filed);
  await waitFor(async () => (await h.service.sentLog.get(key))?.status === 'unknown', { timeoutMs: 10_000 });
  await h.settled();
  expect(mailsTo(address)).toHaveLength(0);
  return { key, story, filed };
}

it('resends an unknown e-mail once, however often it is clicked, and records who decided', async () => {
  const admin = await sign('admin-ann', ['admin']);
  const { key, story } = await unknownAcknowledgement('maybe-sent@example.com');

  const listed = await call(api, '/admin/v1/unsettled-emails', admin);
  expect(listed.status).toBe(200);
  const row = (listed.body as { items: { eventId: string }[] }).items.find((e) => e.eventId === key.eventId);
  expect(row).toMatchObject({
    status: 'unknown',
    complaintId: story.complaintId,
    template: ack,
    decisions: [],
    streamSequence: expect.any(Number),
  });

  const clicks = await Promise.all([
    call(api, '/admin/v1/unsettled-emails/resend', admin, key),
    call(api, '/admin/v1/unsettled-emails/resend', admin, key),
  ]);
  expect(clicks.map((c) => c.status)).toEqual([200, 200]);
  expect(clicks.filter((c) => (c.body as { decided: boolean }).decided)).toHaveLength(1);
  const again = await call(api, '/admin/v1/unsettled-emails/resend', admin, key);
  expect(again.body).toMatchObject({ decided: false, entry: { status: 'sent' } });

  await waitFor(() => mailsTo(key.recipient).length >= 1, { timeoutMs: 10_000 });
  await h.settled();
  expect(mailsTo(key.recipient)).toHaveLength(1);
  expect(mailsTo(key.recipient)[0]?.parsed.subject).toContain(`[${story.reference}]`);
  expect(await h.service.sentLog.get(key)).toMatchObject({
    status: 'sent',
    attempts: 2,
    decisions: [{ action: 'resend', by: 'admin-ann' }],
  });
});

it('marks an unknown e-mail delivered once, sending nothing', async () => {
  const admin = await sign('admin-bob', ['admin']);
  const { key } = await unknownAcknowledgement('checked-in-log@example.com');
  const first = await call(api, '/admin/v1/unsettled-emails/mark-delivered', admin, key);
  expect(first).toMatchObject({ status: 200, body: { decided: true, entry: { status: 'sent' } } });
  const second = await call(api, '/admin/v1/unsettled-emails/resend', admin, key);
  expect(second.body).toMatchObject({ decided: false });
  await h.settled();
  expect(mailsTo(key.recipient)).toHaveLength(0);
  expect((await h.service.sentLog.get(key))?.decisions).toEqual([
    { action: 'marked_delivered', by: 'admin-bob', at: expect.any(String) },
  ]);
});

it('refuses others: 401 without a token, 403 for an agent, 404 for no row, 400 naming the field', async () => {
  const agent = await sign('agent-al', ['agent']);
  const admin = await sign('admin-ann', ['admin']);
  expect((await call(api, '/admin/v1/unsettled-emails')).status).toBe(401);
  expect((await call(api, '/admin/v1/unsettled-emails', agent)).status).toBe(403);
  const missing = {
    eventId: '0b5e4f2a-8c3d-4e1f-9a7b-6c5d4e3f2a1b',
    template: ack,
    recipient: 'x@example.com',
  };
  const notFound = await call(api, '/admin/v1/unsettled-emails/resend', admin, missing);
  expect(notFound.status).toBe(404);
  expect(notFound.type).toContain('application/problem+json');
  const bad = await call(api, '/admin/v1/unsettled-emails/mark-delivered', admin, {
    ...missing,
    eventId: 'x',
  });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain('eventId');
});

it('answers 503 problem+json naming JWT_JWKS_URL when no JWKS is configured', async () => {
  const res = await call(unverified, '/admin/v1/unsettled-emails', 'anything');
  expect(res.status).toBe(503);
  expect(res.type).toContain('application/problem+json');
  expect(JSON.stringify(res.body)).toContain('JWT_JWKS_URL');
});
