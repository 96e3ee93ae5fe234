import { randomUUID } from 'node:crypto';
import {
  complaintStreamName,
  fileComplaintRequestSchema,
  fileComplaintResultSchema,
  natsCommandSubject,
} from '@chp/contracts';
import { request } from '@chp/messaging';
import { complaintIdOfReference, referenceCandidate, reserveReference } from '../src/application/index.js';
import { fileRequest, referenceOf } from './support/builders.js';
import { type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nats: true });
});
afterAll(async () => {
  await h?.close();
});

const fileOverNats = (payload: unknown) =>
  request(h.nc!, natsCommandSubject('FileComplaint'), payload as never, {
    requestSchema: fileComplaintRequestSchema,
    replySchema: fileComplaintResultSchema,
  });

describe('complaints.cmd.file', () => {
  it('files a complaint: one ComplaintFiled with the metadata of the request, and the reference proposed', async () => {
    const filing = fileRequest();
    const result = await fileOverNats(filing);

    expect(result).toMatchObject({
      complaintId: filing.data.complaintId,
      reference: filing.data.reference,
      revision: 0,
      created: true,
    });
    expect(Number.isNaN(Date.parse(result.acknowledgeBy))).toBe(false);
    const events = await h.store.readStream(complaintStreamName(filing.data.complaintId));
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
    expect(events[0]?.metadata).toMatchObject({
      actor: { id: 'intake', role: 'service' },
      causationId: filing.metadata.commandId,
      correlationId: filing.metadata.correlationId,
      schemaVersion: 1,
    });
    expect(await complaintIdOfReference(h.store, filing.data.reference)).toBe(filing.data.complaintId);
  });

  it('is idempotent: the same complaint id again returns the existing reference and appends nothing', async () => {
    const first = fileRequest();
    await fileOverNats(first);
    // A retry from intake carries a new command id, and even another proposed reference.
    const again = fileRequest({ complaintId: first.data.complaintId, reference: referenceOf(randomUUID()) });
    const result = await fileOverNats(again);

    expect(result).toMatchObject({ reference: first.data.reference, revision: 0, created: false });
    const events = await h.store.readStream(complaintStreamName(first.data.complaintId));
    expect(events).toHaveLength(1);
  });

  it('answers concurrent filings of one complaint once each, with one ComplaintFiled', async () => {
    const filing = fileRequest();
    // Two intake replicas filing one submission: same complaint, different command ids. (The very same
    // command twice: see application-filing.int.test.ts.)
    const other = fileRequest({ complaintId: filing.data.complaintId });
    const results = await Promise.all([fileOverNats(filing), fileOverNats(other)]);

    expect(results.map((r) => r.reference)).toEqual([filing.data.reference, filing.data.reference]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await h.store.readStream(complaintStreamName(filing.data.complaintId))).toHaveLength(1);
  });

  it('takes the next candidate when the proposed reference belongs to another complaint', async () => {
    const filing = fileRequest();
    const squatter = randomUUID();
    await reserveReference(h.store, {
      complaintId: squatter,
      requested: filing.data.reference,
      at: new Date(),
      metadata: filing.metadata,
    });

    const result = await fileOverNats(filing);

    expect(result.reference).toBe(referenceCandidate(filing.data.complaintId, 1));
    expect(result.reference).not.toBe(filing.data.reference);
    expect(await complaintIdOfReference(h.store, result.reference)).toBe(filing.data.complaintId);
    expect(await complaintIdOfReference(h.store, filing.data.reference)).toBe(squatter);
    // Filing again finds the reference actually used, not the one proposed.
    expect((await fileOverNats(fileRequest({ complaintId: filing.data.complaintId }))).reference).toBe(
      result.reference,
    );
  });

  it('records the region the filing names, and refuses one the policy calendar does not know', async () => {
    const scottish = fileRequest({ region: 'GB-SCT' });
    await fileOverNats(scottish);
    const [filed] = await h.store.readStream(complaintStreamName(scottish.data.complaintId));
    expect(filed?.data).toMatchObject({ sla: { policyId: 'standard', policyVersion: 1, region: 'GB-SCT' } });

    const french = fileRequest({ region: 'FR' });
    const reply = await h.nc!.request(natsCommandSubject('FileComplaint'), JSON.stringify(french), {
      timeout: 5_000,
    });
    const envelope = JSON.parse(new TextDecoder().decode(reply.data));
    expect(envelope).toMatchObject({ ok: false, error: { kind: 'validation', title: 'Unknown SLA region' } });
    expect(envelope.error.detail).toContain('data.region: region FR is not one the calendar of SLA policy');
    expect(envelope.error.issues).toEqual([
      { path: 'data.region', code: 'unknown_region', message: expect.stringContaining('region FR') },
    ]);
    await expect(h.store.readStream(complaintStreamName(french.data.complaintId))).rejects.toThrow(
      'does not exist',
    );
  });

  it.each([
    ['1970 (instant breaches and escalations)', '1970-01-01T00:00:00Z', /must not be older than 365 days/],
    ['2099 (every deadline in 2099)', '2099-01-01T00:00:00Z', /must not be in the future/],
  ])('refuses a filing back-dated or post-dated to %s, naming data.receivedAt', async (_name, at, why) => {
    const filing = fileRequest({ receivedAt: at });
    const reply = await h.nc!.request(natsCommandSubject('FileComplaint'), JSON.stringify(filing), {
      timeout: 5_000,
    });
    const envelope = JSON.parse(new TextDecoder().decode(reply.data));
    expect(envelope).toMatchObject({
      ok: false,
      error: { kind: 'validation', title: 'receivedAt out of bounds' },
    });
    expect(envelope.error.issues).toEqual([
      { path: 'data.receivedAt', code: 'out_of_bounds', message: expect.stringMatching(why) },
    ]);
    await expect(h.store.readStream(complaintStreamName(filing.data.complaintId))).rejects.toThrow(
      'does not exist',
    );
  });

  it('answers an invalid request with kind validation naming each bad field', async () => {
    const filing = fileRequest();
    const bad = {
      ...filing,
      data: { ...filing.data, subject: '', customer: { name: 'No Contact', preferredLanguage: 'en' } },
    };
    // Sent raw: `request` would refuse to send a payload that breaks its own schema.
    const reply = await h.nc!.request(natsCommandSubject('FileComplaint'), JSON.stringify(bad), {
      timeout: 5_000,
    });
    const envelope = JSON.parse(new TextDecoder().decode(reply.data));

    expect(envelope.ok).toBe(false);
    expect(envelope.error.kind).toBe('validation');
    expect(envelope.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'data.customer.email',
      'data.subject',
    ]);
    await expect(h.store.readStream(complaintStreamName(filing.data.complaintId))).rejects.toThrow(
      'does not exist',
    );
  });
});
