import { randomUUID } from 'node:crypto';
import { commandPaths, complaintStreamName } from '@chp/contracts';
import { referenceCandidate } from '../src/application/index.js';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: '2026-03-02T09:00:00Z' });
});
afterAll(async () => {
  await h?.close();
});

const MINUTE = 60_000;

/** Types of the events appended after `revision`. */
async function eventTypesAfter(complaintId: string, revision: number): Promise<string[]> {
  const events = await h.store.readStream(complaintStreamName(complaintId), { from: BigInt(revision + 1) });
  return events.map((e) => e.type);
}

describe('POST /v1/complaints/:id/<command>', () => {
  it('runs every command through a whole life, each reply carrying the new revision as ETag', async () => {
    // A payments complaint: the PSD2 policy, so that the holding reply is allowed.
    const complaint = await fileDirectly(h, { category: 'payments' });
    const other = await fileDirectly(h);
    const id = complaint.complaintId;
    const steps: [path: string, body: unknown, events: string[], person?: 'supervisor' | 'admin'][] = [
      ['acknowledge', undefined, ['ComplaintAcknowledged']],
      ['triage', { category: 'billing', priority: 'high', severity: 'moderate' }, ['ComplaintTriaged']],
      [
        'assign',
        { team: 'billing-team', assigneeId: 'agent-alice', assigneeName: 'Alice' },
        ['ComplaintAssigned'],
      ],
      ['add-note', { visibility: 'customer', text: 'We are looking into it.' }, ['NoteAdded']],
      [
        'request-customer-information',
        { question: 'Which card was charged?' },
        ['CustomerInformationRequested'],
      ],
      [
        'record-customer-response',
        { message: 'The Visa ending 4242.', channel: 'phone', source: 'by phone' },
        ['CustomerResponded'],
      ],
      ['escalate', { level: 1, reason: 'manual', to: 'team-lead' }, ['ComplaintEscalated']],
      ['send-holding-reply', { reason: 'We are waiting for the card scheme.' }, ['HoldingReplySent']],
      ['link', { linkedReference: other.reference, relation: 'related' }, ['ComplaintsLinked']],
      [
        'unlink',
        { linkedReference: other.reference, reason: 'Not related after all' },
        ['ComplaintsUnlinked'],
      ],
      [
        'resolve',
        {
          summary: 'Refunded the second charge.',
          outcome: 'upheld',
          remedies: [{ type: 'apology' }],
          firstContact: false,
        },
        ['ComplaintResolved'],
      ],
      [
        'reject-resolution',
        { reason: 'I want compensation too.', source: 'by phone' },
        ['ResolutionRejected', 'ComplaintReopened'],
      ],
      [
        'resolve',
        {
          summary: 'Refund and compensation.',
          outcome: 'upheld',
          remedies: [{ type: 'compensation', amount: { amount: '25.00', currency: 'GBP' } }],
          firstContact: false,
        },
        ['ComplaintResolved'],
      ],
      [
        'revoke-customer-links',
        { reason: 'The resolution e-mail went to a wrong address.' },
        ['CustomerLinksRevoked'],
        'supervisor',
      ],
      ['accept-resolution', { comment: 'Thank you', source: 'letter of 5 March' }, ['ResolutionAccepted']],
      ['close', { reason: 'accepted' }, ['ComplaintClosed']],
      [
        'record-satisfaction',
        { score: 4, comment: 'Took a while', source: 'by phone' },
        ['SatisfactionRecorded'],
      ],
      ['reopen', { reason: 'The refund never arrived.' }, ['ComplaintReopened']],
      ['withdraw', { reason: 'Sorted it out with my bank' }, ['ComplaintWithdrawn']],
      ['place-legal-hold', { reason: 'Case FOS-1.' }, ['LegalHoldPlaced'], 'admin'],
      ['lift-legal-hold', { reason: 'Case closed.' }, ['LegalHoldLifted'], 'admin'],
      ['erase-customer-data', { reason: 'Asked to be forgotten.' }, ['CustomerDataErased'], 'admin'],
    ];
    let revision = 0;
    for (const [path, body, events, person] of steps) {
      h.clock.advance(10 * MINUTE);
      const reply = await h
        .as(person ?? 'agent')
        .post(`/v1/complaints/${id}/${path}`, body, { 'if-match': `"${revision}"` });
      expect({ path, status: reply.status, detail: reply.body.detail }).toEqual({
        path,
        status: 200,
        detail: undefined,
      });
      expect(await eventTypesAfter(id, revision)).toEqual(events);
      revision += events.length;
      expect(reply.headers.get('etag')).toBe(`"${revision}"`);
      expect(reply.body).toMatchObject({
        complaintId: id,
        revision,
        events: events.map((type) => ({ type })),
      });
    }
    const final = await h.as('agent').get(`/v1/complaints/${id}`);
    expect(final.body.state).toMatchObject({ status: 'withdrawn' });
    // Not one HTTP command left out.
    expect(new Set(steps.map(([path]) => path))).toEqual(new Set(Object.values(commandPaths)));
  });

  it('sends a PSD2 holding reply: the final response moves to 35 business days, once', async () => {
    const { complaintId } = await fileDirectly(h, { category: 'payments' });
    h.clock.advance(10 * MINUTE);
    const reply = await h.as('agent').post(
      `/v1/complaints/${complaintId}/send-holding-reply`,
      {
        reason: '  We are waiting for the card scheme to return the payment.  ',
      },
      { 'if-match': '"0"' },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe('"1"');
    expect(await eventTypesAfter(complaintId, 0)).toEqual(['HoldingReplySent']);
    const [recorded] = await h.store.readStream(complaintStreamName(complaintId), { from: 1n });
    // Received Mon 2 March 09:00: 15 business days end Mon 23 March 17:30 GMT, 35 end Tue 21 April
    // 17:30 BST (Good Friday off; Easter Monday only in some regions, and none was named).
    expect(recorded?.data).toMatchObject({
      reason: 'We are waiting for the card scheme to return the payment.',
      regime: 'psd2',
      previousDueAt: '2026-03-23T17:30:00.000Z',
      dueAt: '2026-04-21T16:30:00.000Z',
      deadlines: { regulatory_final_response: '2026-04-21T16:30:00.000Z' },
      by: { id: 'agent-alice', role: 'agent' },
    });
    const state = await h.as('agent').get(`/v1/complaints/${complaintId}`);
    expect(state.body).toMatchObject({
      state: { markers: { exceptional: h.clock.now().toISOString() } },
      clocks: { regulatory: [{ key: 'regulatory:final_response', dueAt: '2026-04-21T16:30:00.000Z' }] },
    });

    const again = await h
      .as('supervisor')
      .post(`/v1/complaints/${complaintId}/send-holding-reply`, { reason: 'Still waiting.' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      rule: 'cannot send a holding reply twice',
      command: 'SendHoldingReply',
    });
    expect(await eventTypesAfter(complaintId, 1)).toEqual([]);
  });

  it('answers 409 for a holding reply on a complaint not under PSD2, and 400 for a blank reason', async () => {
    const { complaintId } = await fileDirectly(h);
    const blank = await h
      .as('agent')
      .post(`/v1/complaints/${complaintId}/send-holding-reply`, { reason: '   ' });
    expect(blank.status).toBe(400);
    const reply = await h
      .as('agent')
      .post(`/v1/complaints/${complaintId}/send-holding-reply`, { reason: 'Waiting for the card scheme.' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      rule: 'cannot send a PSD2 holding reply for a complaint not under PSD2',
      complaintStatus: 'received',
    });
  });

  it('lets a supervisor dismiss a complaint', async () => {
    const { complaintId } = await fileDirectly(h);
    const reply = await h
      .as('supervisor')
      .post(`/v1/complaints/${complaintId}/close`, { reason: 'dismissed', note: 'Not a complaint' });
    expect(reply.status).toBe(200);
    expect(reply.body.state).toMatchObject({ status: 'dismissed' });
  });

  it('answers 409 problem+json naming the rule for an illegal transition, and appends nothing', async () => {
    const { complaintId } = await fileDirectly(h);
    await h.as('agent').post(`/v1/complaints/${complaintId}/withdraw`, {});
    const reply = await h.as('agent').post(`/v1/complaints/${complaintId}/resolve`, {
      summary: 'Too late',
      outcome: 'not_upheld',
      remedies: [],
      firstContact: false,
    });
    expect(reply.status).toBe(409);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({
      type: 'urn:chp:problem:illegal-transition',
      rule: 'cannot resolve a withdrawn complaint',
      command: 'ResolveComplaint',
      complaintStatus: 'withdrawn',
    });
    expect(await eventTypesAfter(complaintId, 1)).toEqual([]);
  });

  it('answers 400 naming each bad field of the body', async () => {
    const { complaintId } = await fileDirectly(h);
    const reply = await h.as('agent').post(`/v1/complaints/${complaintId}/triage`, {
      category: 'Billing Issues',
      priority: 'whenever',
      severty: 'major',
    });
    expect(reply.status).toBe(400);
    const pointers = (reply.body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['#/category', '#/priority', '#/severity', '#/severty']);
    expect(await eventTypesAfter(complaintId, 0)).toEqual([]);
  });

  it('answers 400 for a close as duplicate without duplicateOf, and for an If-Match that is no revision', async () => {
    const { complaintId } = await fileDirectly(h);
    const duplicate = await h
      .as('supervisor')
      .post(`/v1/complaints/${complaintId}/close`, { reason: 'duplicate' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual([expect.objectContaining({ pointer: '#/duplicateOf' })]);

    const ifMatch = await h
      .as('agent')
      .post(`/v1/complaints/${complaintId}/acknowledge`, undefined, { 'if-match': '*' });
    expect(ifMatch.status).toBe(400);
    expect(ifMatch.body.errors).toEqual([expect.objectContaining({ in: 'headers', pointer: '#/if-match' })]);
  });

  it('answers 400 for a link to a reference no complaint holds', async () => {
    const { complaintId } = await fileDirectly(h);
    const reply = await h.as('agent').post(`/v1/complaints/${complaintId}/link`, {
      linkedReference: referenceCandidate(randomUUID(), 1),
      relation: 'related',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ in: 'body', pointer: '#/linkedReference' }),
    ]);
    expect(await eventTypesAfter(complaintId, 0)).toEqual([]);
  });

  it('answers 404 for a command to a complaint that was never filed', async () => {
    for (const headers of [{}, { 'if-match': '"0"' }] as Record<string, string>[]) {
      const reply = await h
        .as('agent')
        .post(`/v1/complaints/${randomUUID()}/acknowledge`, undefined, headers);
      expect(reply.status).toBe(404);
      expect(reply.body.type).toBe('urn:chp:problem:complaint-not-found');
    }
  });

  it('applies a request repeated with the same Idempotency-Key once', async () => {
    const { complaintId } = await fileDirectly(h);
    const key = randomUUID();
    const body = { visibility: 'internal', text: 'Sent twice by a flaky client' };
    const first = await h
      .as('agent')
      .post(`/v1/complaints/${complaintId}/add-note`, body, { 'idempotency-key': key });
    const second = await h
      .as('agent')
      .post(`/v1/complaints/${complaintId}/add-note`, body, { 'idempotency-key': key });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.events).toEqual([]);
    expect(second.headers.get('etag')).toBe('"1"');
    expect(await eventTypesAfter(complaintId, 0)).toEqual(['NoteAdded']);
  });
});

describe('POST /v1/complaints/:id/correct-customer-language', () => {
  it('lets an agent correct the language, at the revision they saw', async () => {
    const { complaintId } = await fileDirectly(h);
    const path = `/v1/complaints/${complaintId}/correct-customer-language`;
    h.clock.advance(MINUTE);
    const stale = await h.as('agent').post(path, { language: 'lv' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const reply = await h.as('agent').post(path, { language: 'lv' }, { 'if-match': '"0"' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe('"1"');
    expect(reply.body).toMatchObject({
      state: { customer: { preferredLanguage: 'lv', preferredLanguageSource: 'given' } },
    });
    const [corrected] = await h.store.readStream(complaintStreamName(complaintId), { from: 1n });
    expect(corrected).toMatchObject({
      type: 'CustomerLanguageCorrected',
      data: { language: 'lv', by: { id: 'agent-alice', role: 'agent' } },
    });
    // The same language again changes nothing.
    const again = await h.as('agent').post(path, { language: 'lv' }, { 'if-match': '"1"' });
    expect({ status: again.status, events: again.body.events }).toEqual({ status: 200, events: [] });
  });

  it('names a language it does not know, and refuses a customer', async () => {
    const { complaintId } = await fileDirectly(h);
    const path = `/v1/complaints/${complaintId}/correct-customer-language`;
    const bad = await h.as('agent').post(path, { language: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '#/language' })]);
    expect((await h.as('anonymous').post(path, { language: 'lv' })).status).toBe(401);
  });
});
