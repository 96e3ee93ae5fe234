import { randomUUID } from 'node:crypto';
import { intakeAnswerSchema, referenceCandidate } from '@chp/contracts';
import { signToken } from '@chp/platform';
import { waitFor } from '@chp/testing';
import { Kvm } from '@nats-io/kv';
import { fileComplaint } from '../src/submission/filer.js';
import { LEDGER_BUCKET } from '../src/submission/ledger.js';
import { prepare } from '../src/submission/submit.js';
import { type IntakeHarness, JWT_SECRET, startIntake, submission } from './support/intake.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake({ consumer: true });
});
afterAll(() => h.close());

describe('POST /v1/complaints', () => {
  it('files a normalised submission and answers 201 once it is in the event store', async () => {
    const body = submission({
      subject: '  Charged\u0007 twice  ',
      customer: { name: ' Ada\u0000 ', email: 'Ada@Example.COM', phone: '07911 123456' },
    });
    const res = await h.post('/v1/complaints', body, { 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' });
    expect(res.status).toBe(201);
    const answer = intakeAnswerSchema.parse(await res.json());
    expect(answer.status).toBe('filed');
    const events = await h.complaints.eventsOf(answer.complaintId);
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
    expect(events[0]?.data).toMatchObject({
      reference: answer.reference,
      subject: 'Charged twice',
      customer: { name: 'Ada', email: 'Ada@example.com', phone: '+447911123456', preferredLanguage: 'uk' },
    });
  });

  it('files the language it reads in a submission that states none, and says it was detected', async () => {
    const anna = { name: 'Anna Bērziņa', email: 'anna@example.lv' };
    const latvian = submission({
      customer: anna,
      subject: 'Nepareizs rēķins',
      description: 'Man atsūtīja rēķinu par pakalpojumu, ko es nekad neesmu pasūtījusi.',
    });
    const unsure = submission({ customer: anna, subject: 'Ok', description: '1234' });
    const filed = async (body: Record<string, unknown>) => {
      const res = await h.post('/v1/complaints', body);
      expect(res.status).toBe(201);
      const { complaintId } = intakeAnswerSchema.parse(await res.json());
      return (await h.complaints.eventsOf(complaintId))[0]?.data;
    };
    expect(await filed(latvian)).toMatchObject({
      customer: { preferredLanguage: 'lv', preferredLanguageSource: 'detected' },
    });
    expect(await filed(unsure)).toMatchObject({
      customer: { preferredLanguage: 'en', preferredLanguageSource: 'default' },
    });
    // A language the channel gives is kept, whatever the text says.
    expect(
      await filed({
        ...latvian,
        externalRef: `${latvian.externalRef}-ru`,
        customer: { ...anna, preferredLanguage: 'ru' },
      }),
    ).toMatchObject({
      customer: { preferredLanguage: 'ru', preferredLanguageSource: 'given' },
    });
  });

  it('files the SLA region the channel names (upper-cased), whose holidays then count', async () => {
    const res = await h.post('/v1/complaints', submission({ region: 'gb-sct' }));
    expect(res.status).toBe(201);
    const answer = intakeAnswerSchema.parse(await res.json());
    const events = await h.complaints.eventsOf(answer.complaintId);
    expect(events[0]?.data).toMatchObject({ sla: { region: 'GB-SCT' } });
  });

  it('frees the key when complaints refuses the region, so the corrected body is filed under it', async () => {
    const body = submission();
    const key = `region-${body.externalRef}`;
    const refused = await h.post('/v1/complaints', { ...body, region: 'FR' }, { 'idempotency-key': key });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errors: [{ in: 'body', pointer: '#/region', code: 'unknown_region' }],
    });
    const corrected = await h.post(
      '/v1/complaints',
      { ...body, region: 'GB-ENG' },
      { 'idempotency-key': key },
    );
    expect(corrected.status).toBe(201);
    const answer = intakeAnswerSchema.parse(await corrected.json());
    const events = await h.complaints.eventsOf(answer.complaintId);
    expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
    expect(events[0]?.data).toMatchObject({ reference: answer.reference, sla: { region: 'GB-ENG' } });
  });

  it('gives the same answer for the same key and body, and 422 for the same key with another body', async () => {
    const body = submission();
    const first = await h.post('/v1/complaints', body, { 'idempotency-key': `k-${body.externalRef}` });
    const again = await h.post('/v1/complaints', body, { 'idempotency-key': `k-${body.externalRef}` });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    const changed = await h.post(
      '/v1/complaints',
      { ...body, subject: 'Something else' },
      {
        'idempotency-key': `k-${body.externalRef}`,
      },
    );
    expect(changed.status).toBe(422);
    expect(await changed.json()).toMatchObject({ type: 'urn:chp:problem:idempotency-key-reused' });
  });

  it("a key another client used files this client's own complaint, and no answer names the other's", async () => {
    const key = `shared-${randomUUID()}`;
    const body = submission();
    const first = await h.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const theirs = intakeAnswerSchema.parse(await first.json());
    // The attack: a second partner reuses the key, with another body and with the very same one.
    const partner = await signToken({ secret: JWT_SECRET, subject: 'partner-b', roles: ['channel'] });
    const asPartner = { authorization: `Bearer ${partner}`, 'idempotency-key': key };
    const same = await h.post('/v1/complaints', body, asPartner);
    expect(same.status).toBe(201);
    const own = intakeAnswerSchema.parse(await same.json());
    expect(own.complaintId).not.toBe(theirs.complaintId);
    expect(own.reference).not.toBe(theirs.reference);
    // The partner's key reused with another body: the 422 names only the partner's own complaint.
    const changed = await h.post('/v1/complaints', { ...body, subject: 'Something else' }, asPartner);
    expect(changed.status).toBe(422);
    const problem = await changed.text();
    expect(problem).not.toContain(theirs.complaintId);
    expect(problem).not.toContain(theirs.reference);
    expect(JSON.parse(problem)).toMatchObject({ complaintId: own.complaintId, reference: own.reference });
    // The first client's key still answers the first client with its complaint.
    const again = await h.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(intakeAnswerSchema.parse(await again.json()).complaintId).toBe(theirs.complaintId);
  });

  it('keeps ledger entries written before keys were scoped by client readable', async () => {
    const key = `before-scoping-${randomUUID()}`;
    const body = submission();
    const prepared = prepare(h.deps, body, { idempotencyKey: key, client: { token: 'web-form' } });
    // A claim as the earlier intake made it: the id derived from the channel-scoped key.
    const legacy = prepared.identity.legacyComplaintId;
    expect(legacy).not.toBe(prepared.identity.complaintId);
    const { reference } = await h.deps.ledger.claim(legacy, prepared.fingerprint);
    // A retry across the upgrade: the same body and key answer with the complaint claimed before.
    const retry = await h.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toMatchObject({ complaintId: legacy, reference });
    expect(await h.deps.ledger.complaintIdOf(reference)).toBe(legacy);
    // Another body under the old key is no conflict and names nothing: it is new in the client's scope.
    const other = await h.post(
      '/v1/complaints',
      { ...body, subject: 'Another matter' },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(201);
    const text = await other.text();
    expect(text).not.toContain(legacy);
    expect(text).not.toContain(reference);
  });

  it('files one complaint for the same submission sent 5 times at once', async () => {
    const body = submission();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.post('/v1/complaints', body).then(async (r) => [r.status, await r.json()] as const),
      ),
    );
    expect(answers.map(([status]) => status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(answers.map(([, a]) => (a as { complaintId: string }).complaintId));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(
      (await h.complaints.eventsOf(id as string)).filter((e) => e.type === 'ComplaintFiled'),
    ).toHaveLength(1);
  });

  it('answers 202 with the promised id while complaints is down, and files it later', async () => {
    await h.complaints.stop();
    try {
      const res = await h.post('/v1/complaints', submission());
      expect(res.status).toBe(202);
      const answer = intakeAnswerSchema.parse(await res.json());
      expect(answer).toMatchObject({ status: 'queued' });
      await h.complaints.start();
      const events = await waitFor(async () => {
        const e = await h.complaints.eventsOf(answer.complaintId);
        return e.length > 0 ? e : undefined;
      });
      expect(events[0]?.data).toMatchObject({ reference: answer.reference });
    } finally {
      await h.complaints.start().catch(() => undefined);
    }
  });
});

describe('reference clashes (35-bit references)', () => {
  // As the harness's channel token (subject `web-form`) sends them.
  const complaintIdOf = (body: unknown, key: string) =>
    prepare(h.deps, body, { idempotencyKey: key, client: { token: 'web-form' } }).identity.complaintId;

  it('promises, while complaints is down, a reference no other submission holds, and keeps the key idempotent', async () => {
    const body = submission();
    const key = `clash-${randomUUID()}`;
    const complaintId = complaintIdOf(body, key);
    const [first, second] = [referenceCandidate(complaintId, 0), referenceCandidate(complaintId, 1)];
    // Another submission already holds this complaint's first candidate.
    const kv = await new Kvm(h.js).open(LEDGER_BUCKET);
    await kv.create(`r.${first}`, JSON.stringify({ complaintId: randomUUID(), fingerprint: 'someone-else' }));

    await h.complaints.stop();
    try {
      const queued = await h.post('/v1/complaints', body, { 'idempotency-key': key });
      expect(queued.status).toBe(202);
      expect(await queued.json()).toMatchObject({ complaintId, reference: second });
      const changed = await h.post(
        '/v1/complaints',
        { ...body, subject: 'Another' },
        { 'idempotency-key': key },
      );
      expect(changed.status).toBe(422);
      expect(await changed.json()).toMatchObject({ complaintId, reference: second });
    } finally {
      await h.complaints.start();
    }
    const events = await waitFor(async () => {
      const e = await h.complaints.eventsOf(complaintId);
      return e.length > 0 ? e : undefined;
    });
    expect(events[0]?.data).toMatchObject({ reference: second });
    expect(await h.deps.ledger.complaintIdOf(second)).toBe(complaintId);
  });

  it('answers with the reference complaints reserved when a filing outside intake took the promised one', async () => {
    const body = submission();
    const key = `bypass-${randomUUID()}`;
    const complaintId = complaintIdOf(body, key);
    const promised = referenceCandidate(complaintId, 0);
    // Another channel, outside intake's ledger, files a complaint under that reference first.
    const other = prepare(h.deps, submission(), { idempotencyKey: `elsewhere-${key}` });
    const elsewhere = await fileComplaint(
      h.deps,
      {
        complaintId: randomUUID(),
        reference: promised,
        receivedAt: new Date().toISOString(),
        idempotencyKey: `elsewhere-${key}`,
        submission: other.submission,
      },
      { id: 'elsewhere', role: 'system' },
    );
    expect(elsewhere.reference).toBe(promised);

    const res = await h.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(res.status).toBe(201);
    const answer = intakeAnswerSchema.parse(await res.json());
    expect(answer.reference).not.toBe(promised);
    expect((await h.complaints.eventsOf(complaintId))[0]?.data).toMatchObject({
      reference: answer.reference,
    });
    // The ledger followed: the same submission again, and replies, find the granted reference.
    const again = await h.post('/v1/complaints', body, { 'idempotency-key': key });
    expect(await again.json()).toMatchObject({ reference: answer.reference });
    expect(await h.deps.ledger.complaintIdOf(answer.reference)).toBe(complaintId);
    expect(await h.deps.ledger.complaintIdOf(promised)).toBeUndefined();
  });
});
