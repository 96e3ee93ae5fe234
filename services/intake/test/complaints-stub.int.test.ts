// The benchmark measures intake against @chp/testing's stand-in for complaints; intake's own filer
// (which checks every reply against the contract) must accept what the stand-in answers, or the
// benchmark would measure failures.
import { randomUUID } from 'node:crypto';
import { referenceCandidate } from '@chp/contracts';
import { connect } from '@chp/messaging';
import { type NatsHandle, nats, serveComplaintsStub } from '@chp/testing';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { fileComplaint } from '../src/submission/filer.js';
import { prepare } from '../src/submission/submit.js';
import { submission } from './support/intake.js';

let server: NatsHandle;
let nc: NatsConnection;
let stub: Subscription;
beforeAll(async () => {
  server = await nats();
  nc = await connect({ servers: server.url, name: 'intake-stub-test' });
  stub = serveComplaintsStub(nc);
  await nc.flush();
});
afterAll(async () => {
  await stub?.drain();
  await nc?.drain();
  await server?.stop();
});

it("files through the stand-in: intake's filer accepts its reply as the contract's", async () => {
  const prepared = prepare({ defaultRegion: 'GB', defaultLanguage: 'en' }, submission());
  const complaintId = randomUUID();
  const queued = {
    complaintId,
    reference: referenceCandidate(complaintId, 0),
    receivedAt: new Date().toISOString(),
    idempotencyKey: 'stub-test',
    submission: prepared.submission,
  };
  const result = await fileComplaint({ nc, js: jetstream(nc), fileTimeoutMs: 5_000 }, queued, {
    id: 'web-form',
    role: 'channel',
  });
  expect(result).toMatchObject({
    complaintId: queued.complaintId,
    reference: queued.reference,
    created: true,
    revision: 1,
  });
});
