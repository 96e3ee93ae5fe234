import { type ProjectedEvent, project, type SummaryRow, type TimelineRow } from '../src/projection/index.js';
import { filedOnlyColumns } from '../src/store/index.js';
import { type ComplaintBuilder, EventLog } from './support/events.js';

/** Given events, then the rows: folds them as the writer does, in revision order. */
function rowsOf(complaint: ComplaintBuilder): { summary: SummaryRow; timeline: TimelineRow[] } {
  let summary: SummaryRow | undefined;
  const timeline: TimelineRow[] = [];
  for (const event of complaint.events) {
    const next = project(summary, event);
    if (!next) throw new Error(`${event.event.type} did not apply`);
    summary = next.summary;
    timeline.push(next.timeline);
  }
  if (!summary) throw new Error('no summary');
  return { summary, timeline };
}

const filed = (overrides = {}) => new EventLog().complaint(overrides);
const lastLine = (complaint: ComplaintBuilder) => rowsOf(complaint).timeline.at(-1)?.text;

describe('project: given events, then rows', () => {
  it('ComplaintFiled creates the summary with customer keys, search text and the SLA due times', () => {
    const complaint = filed({
      subject: 'ПОВТОРНЕ списання',
      customer: {
        id: 'crm-1',
        name: 'Олена',
        email: 'Olena@Example.com',
        phone: '+380501234567',
        preferredLanguage: 'uk',
      },
    });
    const { summary, timeline } = rowsOf(complaint);
    expect(summary).toMatchObject({
      complaint_id: complaint.id,
      revision: 0,
      status: 'received',
      channel: 'web',
      priority: 'medium',
      priority_rank: 2,
      customer_id: 'crm-1',
      customer_email: 'olena@example.com',
      customer_phone: '+380501234567',
      received_at: '2026-03-02T09:00:00.000Z',
      ack_due_at: '2026-03-02T13:00:00.000Z',
      regulatory_due_at: '2026-04-27T09:00:00.000Z',
      next_due_at: '2026-03-02T13:00:00.000Z',
      breached: false,
      sla_policy: 'standard@1',
    });
    expect(summary.search_text).toContain('повторне списання');
    expect(timeline).toEqual([
      expect.objectContaining({
        revision: 0,
        type: 'ComplaintFiled',
        actor_id: 'web-form',
        actor_role: 'channel',
      }),
    ]);
    expect(timeline[0]?.text).toMatch(/web-form \(channel\) filed C-.* via web for Олена/);
  });

  it('puts the files an event references on its timeline entry, and none on an event without', () => {
    const file = {
      name: 'receipt.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1234,
      sha256: 'a'.repeat(64),
      objectKey: '0b6f7c2e-5d1a-4e3b-9c4d-2a1b3c4d5e6f',
    };
    const complaint = filed({ attachments: [file] }).add('ComplaintAcknowledged', {});
    const { timeline } = rowsOf(complaint);
    expect(timeline.map((entry) => entry.attachments)).toEqual([[file], []]);
  });

  it('ComplaintAcknowledged sets the status and the first acknowledgement only', () => {
    const complaint = filed().add('ComplaintAcknowledged', {}).add('ComplaintAcknowledged', {});
    const { summary } = rowsOf(complaint);
    expect(summary.status).toBe('acknowledged');
    expect(summary.acknowledged_at).toBe('2026-03-02T09:10:00.000Z');
    expect(summary.next_due_at).toBe('2026-03-03T09:00:00.000Z');
    expect(lastLine(complaint)).toBe('agent-alice (agent) acknowledged the complaint');
  });

  it('ComplaintTriaged moves to in_progress and takes new deadlines', () => {
    const complaint = filed()
      .add('ComplaintAcknowledged', {})
      .add('ComplaintTriaged', {
        category: 'billing',
        priority: 'urgent',
        severity: 'major',
        deadlines: { resolve: '2026-03-03T09:00:00.000Z' },
      });
    const { summary } = rowsOf(complaint);
    expect(summary).toMatchObject({
      status: 'in_progress',
      category: 'billing',
      priority: 'urgent',
      priority_rank: 4,
      severity: 'major',
      resolve_due_at: '2026-03-03T09:00:00.000Z',
      first_response_due_at: '2026-03-03T09:00:00.000Z',
    });
    expect(lastLine(complaint)).toContain('triaged it as billing, priority urgent, severity major');
  });

  it('ComplaintAssigned sets team and assignee', () => {
    const complaint = filed().add('ComplaintAssigned', {
      team: 'billing',
      assigneeId: 'bob',
      assigneeName: 'Bob',
    });
    expect(rowsOf(complaint).summary).toMatchObject({
      team: 'billing',
      assignee_id: 'bob',
      assignee_name: 'Bob',
    });
    expect(lastLine(complaint)).toBe('agent-alice (agent) assigned it to team billing, agent Bob');
  });

  it('CustomerLanguageCorrected replaces the customer language and reads as a line', () => {
    const complaint = filed({
      customer: {
        name: 'Anna',
        email: 'anna@example.lv',
        preferredLanguage: 'en',
        preferredLanguageSource: 'default',
      },
    }).add('CustomerLanguageCorrected', { language: 'lv', previous: 'en' });
    expect(rowsOf(complaint).summary.customer_language).toBe('lv');
    expect(lastLine(complaint)).toBe("agent-alice (agent) corrected the customer's language from en to lv");
  });

  it('NoteAdded counts notes; only a customer-visible one is a first response', () => {
    const internal = filed().add('NoteAdded', {
      noteId: crypto.randomUUID(),
      visibility: 'internal',
      text: 'hm',
    });
    expect(rowsOf(internal).summary).toMatchObject({ notes_count: 1, first_response_at: null });
    const visible = filed().add('NoteAdded', {
      noteId: crypto.randomUUID(),
      visibility: 'customer',
      text: 'On it',
    });
    expect(rowsOf(visible).summary).toMatchObject({
      notes_count: 1,
      first_response_at: '2026-03-02T09:10:00.000Z',
    });
    expect(lastLine(visible)).toBe('agent-alice (agent) added a note for the customer: "On it"');
  });

  it('CustomerInformationRequested pauses operational clocks; CustomerResponded resumes with new deadlines', () => {
    const waiting = filed()
      .add('ComplaintAcknowledged', {})
      .add('CustomerInformationRequested', { requestId: crypto.randomUUID(), question: 'Which card?' });
    expect(rowsOf(waiting).summary).toMatchObject({
      status: 'awaiting_customer',
      awaiting_since: '2026-03-02T09:20:00.000Z',
      next_due_at: '2026-04-27T09:00:00.000Z',
    });
    expect(lastLine(waiting)).toContain('asked the customer: "Which card?" (clock paused)');
    const resumed = waiting.add('CustomerResponded', {
      message: 'Visa',
      channel: 'email',
      deadlines: { resolve: '2026-03-10T09:00:00.000Z' },
    });
    expect(rowsOf(resumed).summary).toMatchObject({
      status: 'in_progress',
      awaiting_since: null,
      resolve_due_at: '2026-03-10T09:00:00.000Z',
      next_due_at: '2026-03-10T09:00:00.000Z',
    });
  });

  it('HoldingReplySent moves the regulatory due time, meets the first response and reads as a line', () => {
    const psd2 = {
      sla: { policyId: 'uk-payments-psd2', policyVersion: 1, regulatoryRegime: 'psd2' },
      deadlines: {
        acknowledge: '2026-03-02T13:00:00.000Z',
        first_response: '2026-03-03T09:00:00.000Z',
        resolve: '2026-03-09T09:00:00.000Z',
        regulatory_final_response: '2026-03-23T17:30:00.000Z',
      },
    };
    const waiting = filed(psd2)
      .add('ComplaintAcknowledged', {})
      .add('CustomerInformationRequested', { requestId: crypto.randomUUID(), question: 'Which card?' });
    expect(rowsOf(waiting).summary).toMatchObject({ next_due_at: '2026-03-23T17:30:00.000Z' });
    const extended = waiting.add('HoldingReplySent', {
      regime: 'psd2',
      reason: 'We are waiting for the card scheme to return the payment.',
      previousDueAt: '2026-03-23T17:30:00Z',
      dueAt: '2026-04-21T16:30:00Z',
      deadlines: { ...psd2.deadlines, regulatory_final_response: '2026-04-21T16:30:00Z' },
    });
    expect(rowsOf(extended).summary).toMatchObject({
      status: 'awaiting_customer',
      regulatory_due_at: '2026-04-21T16:30:00.000Z',
      // Paused: only the regulatory clock runs, and it now ends on the 35th business day.
      next_due_at: '2026-04-21T16:30:00.000Z',
      first_response_at: '2026-03-02T09:20:00.000Z',
      resolve_due_at: '2026-03-09T09:00:00.000Z',
    });
    expect(lastLine(extended)).toBe(
      'agent-alice (agent) sent a holding reply (PSD2 exceptional case): final response now due 2026-04-21T16:30:00Z instead of 2026-03-23T17:30:00Z: "We are waiting for the card scheme to return the payment."',
    );
  });

  it('ComplaintEscalated raises the level and records distinct reasons', () => {
    const complaint = filed()
      .add('ComplaintEscalated', { level: 1, reason: 'sla_breach', to: 'team-lead' })
      .add('ComplaintEscalated', { level: 2, reason: 'sla_breach', to: 'head' })
      .add('ComplaintEscalated', { level: 3, reason: 'manual', to: 'director' });
    expect(rowsOf(complaint).summary).toMatchObject({
      escalation_level: 3,
      escalated_to: 'director',
      escalation_count: 3,
      escalation_reasons: ['sla_breach', 'manual'],
    });
    expect(lastLine(complaint)).toBe(
      'agent-alice (agent) escalated it to level 3 (manual), now with director',
    );
  });

  it('SlaBreached marks the breach once per target', () => {
    const complaint = filed()
      .add('SlaBreached', {
        target: 'acknowledge',
        dueAt: '2026-03-02T13:00:00.000Z',
        at: '2026-03-02T13:00:01.000Z',
      })
      .add('SlaBreached', {
        target: 'resolve',
        dueAt: '2026-03-09T09:00:00.000Z',
        at: '2026-03-09T09:00:01.000Z',
      });
    expect(rowsOf(complaint).summary).toMatchObject({
      breached: true,
      breached_targets: ['acknowledge', 'resolve'],
      first_breached_at: '2026-03-02T13:00:01.000Z',
    });
    expect(lastLine(complaint)).toContain('SLA target resolve was missed');
  });

  it('ComplaintResolved, ResolutionRejected, ComplaintReopened, then a second resolution keep the first figures', () => {
    const complaint = filed()
      .add('ComplaintResolved', { summary: 'Refunded', outcome: 'upheld', remedies: [], firstContact: true })
      .add('ResolutionRejected', { reason: 'Not enough' })
      .add('ComplaintReopened', { reason: 'Customer rejected' });
    expect(rowsOf(complaint).summary).toMatchObject({
      status: 'in_progress',
      resolved_at: null,
      first_resolved_at: '2026-03-02T09:10:00.000Z',
      first_contact: true,
      reopen_count: 1,
      // Never acknowledged: that target is due first again.
      next_due_at: '2026-03-02T13:00:00.000Z',
    });
    expect(rowsOf(complaint).timeline.map((t) => t.type)).toEqual([
      'ComplaintFiled',
      'ComplaintResolved',
      'ResolutionRejected',
      'ComplaintReopened',
    ]);
    complaint.add('ComplaintResolved', {
      summary: 'More',
      outcome: 'partially_upheld',
      remedies: [],
      firstContact: false,
    });
    expect(rowsOf(complaint).summary).toMatchObject({
      status: 'resolved',
      resolved_at: '2026-03-02T09:40:00.000Z',
      first_resolved_at: '2026-03-02T09:10:00.000Z',
      first_contact: true,
      outcome: 'partially_upheld',
      next_due_at: null,
    });
  });

  it('ResolutionAccepted, ComplaintClosed and SatisfactionRecorded close the complaint with a score', () => {
    const complaint = filed()
      .add('ComplaintResolved', { summary: 'Done', outcome: 'not_upheld', remedies: [], firstContact: false })
      .add('ResolutionAccepted', { by: { id: 'customer', role: 'customer' } })
      .add('ComplaintClosed', { reason: 'accepted' })
      .add('SatisfactionRecorded', { by: { id: 'customer', role: 'customer' }, score: 4 });
    expect(rowsOf(complaint).summary).toMatchObject({
      status: 'closed',
      close_reason: 'accepted',
      closed_at: '2026-03-02T09:30:00.000Z',
      satisfaction_score: 4,
    });
    expect(
      rowsOf(complaint)
        .timeline.map((t) => t.text)
        .slice(2),
    ).toEqual([
      'customer (customer) accepted the resolution',
      'agent-alice (agent) closed it (accepted)',
      'customer (customer) rated the handling 4/5',
    ]);
  });

  it('UnverifiedResponseReceived is flagged in the timeline and leaves the clocks paused', () => {
    const waiting = filed()
      .add('ComplaintAcknowledged', {})
      .add('CustomerInformationRequested', { requestId: crypto.randomUUID(), question: 'Which card?' });
    const before = rowsOf(waiting).summary;
    waiting.add('UnverifiedResponseReceived', {
      by: { id: 'email-gateway', role: 'channel' },
      from: 'attacker@evil.example',
      reasons: ['sender_not_customer'],
      message: 'Send the refund to IBAN XX00 EVIL.',
      channel: 'email',
    });
    const after = rowsOf(waiting);
    expect(after.summary).toMatchObject({
      status: 'awaiting_customer',
      awaiting_since: before.awaiting_since,
      next_due_at: before.next_due_at,
    });
    // Not the customer's words: the line says so first, and never "recorded the customer's response".
    const line = after.timeline.at(-1)?.text ?? '';
    expect(line).toMatch(/^UNVERIFIED reply, not shown to be the customer's \(sender not customer\)/);
    expect(line).toContain('from attacker@evil.example');
    expect(line).not.toContain("customer's response");
  });

  it("acts staff recorded for the customer read as on the customer's behalf, with the source", () => {
    const complaint = filed()
      .add('ComplaintResolved', { summary: 'Done', outcome: 'not_upheld', remedies: [], firstContact: false })
      .add('ResolutionAccepted', { source: 'by phone' })
      .add('SatisfactionRecorded', { score: 5, source: 'by phone' })
      .add('SatisfactionRecorded', { by: { id: 'customer', role: 'customer' }, score: 2 })
      .add('CustomerLinksRevoked', { resolutionId: crypto.randomUUID(), reason: 'Sent astray.' });
    expect(rowsOf(complaint).summary).toMatchObject({ satisfaction_score: 2 });
    expect(
      rowsOf(complaint)
        .timeline.map((t) => t.text)
        .slice(2),
    ).toEqual([
      "agent-alice (agent) accepted the resolution on the customer's behalf (by phone)",
      "agent-alice (agent) rated the handling 5/5 on the customer's behalf (by phone)",
      'customer (customer) rated the handling 2/5',
      'agent-alice (agent) revoked the customer links of the resolution: "Sent astray."',
    ]);
  });

  it('ComplaintClosed as dismissed ends in dismissed; ComplaintWithdrawn in withdrawn', () => {
    expect(rowsOf(filed().add('ComplaintClosed', { reason: 'dismissed' })).summary.status).toBe('dismissed');
    const withdrawn = filed().add('ComplaintWithdrawn', { reason: 'Sorted myself' });
    expect(rowsOf(withdrawn).summary).toMatchObject({ status: 'withdrawn', next_due_at: null });
    expect(lastLine(withdrawn)).toBe('agent-alice (agent) withdrew it: "Sorted myself"');
  });

  it('ComplaintsLinked and ComplaintsUnlinked keep the links', () => {
    const other = crypto.randomUUID();
    const linked = filed().add('ComplaintsLinked', {
      linkedComplaintId: other,
      linkedReference: 'C-0000-0000',
      relation: 'duplicate_of',
    });
    expect(rowsOf(linked).summary.links).toEqual([
      { complaintId: other, reference: 'C-0000-0000', relation: 'duplicate_of' },
    ]);
    linked.add('ComplaintsUnlinked', { linkedComplaintId: other, linkedReference: 'C-0000-0000' });
    expect(rowsOf(linked).summary.links).toEqual([]);
    expect(lastLine(linked)).toBe('agent-alice (agent) unlinked it from C-0000-0000');
  });

  it('CustomerNotified only adds a timeline entry', () => {
    const base = filed();
    const before = rowsOf(base).summary;
    base.add('CustomerNotified', {
      by: { id: 'notifications', role: 'service' },
      notificationId: crypto.randomUUID(),
      eventId: crypto.randomUUID(),
      template: 'acknowledgement',
      recipient: 'ann@example.com',
      audience: 'customer',
      status: 'sent',
      messageId: '<m1@example.com>',
    });
    const after = rowsOf(base);
    expect({ ...after.summary, revision: 0, last_position: '', updated_at: '' }).toEqual({
      ...before,
      revision: 0,
      last_position: '',
      updated_at: '',
    });
    expect(after.timeline.at(-1)?.text).toBe('The customer was sent "acknowledgement" at ann@example.com');
  });

  it('refuses to fold a second ComplaintFiled, or anything before one', () => {
    const complaint = filed();
    const first = complaint.events[0] as ProjectedEvent;
    const { summary } = rowsOf(complaint);
    expect(project(summary, first)).toBeUndefined();
    complaint.add('ComplaintAcknowledged', {});
    expect(project(undefined, complaint.last)).toBeUndefined();
  });

  it('leaves the columns only ComplaintFiled sets alone (the writer updates the others only)', () => {
    const other = crypto.randomUUID();
    const complaint = filed({
      customer: { id: 'crm-7', name: 'Ann', phone: '+447700900123', preferredLanguage: 'en' },
    })
      .add('ComplaintAcknowledged', {})
      .add('ComplaintTriaged', {
        category: 'fees',
        priority: 'high',
        severity: 'major',
        deadlines: { resolve: '2026-03-05T09:00:00.000Z' },
      })
      .add('ComplaintAssigned', { team: 'cards', assigneeId: 'agent-bob', assigneeName: 'Bob' })
      .add('NoteAdded', { noteId: crypto.randomUUID(), text: 'Called', visibility: 'customer' })
      .add('CustomerInformationRequested', { requestId: crypto.randomUUID(), question: 'Which card?' })
      .add('CustomerResponded', { message: 'Visa', channel: 'email', deadlines: {} })
      .add('ComplaintEscalated', { level: 1, reason: 'manual', to: 'team-lead' })
      .add('SlaBreached', { target: 'resolve', dueAt: '2026-03-05T09:00:00.000Z' })
      .add('ComplaintsLinked', {
        linkedComplaintId: other,
        linkedReference: 'C-0000-0000',
        relation: 'related',
      })
      .add('ComplaintsUnlinked', { linkedComplaintId: other, linkedReference: 'C-0000-0000' })
      .add('ComplaintResolved', { summary: 'Refunded', outcome: 'upheld', remedies: [], firstContact: false })
      .add('ResolutionRejected', { reason: 'Not enough' })
      .add('ComplaintReopened', { reason: 'Customer rejected' })
      .add('ComplaintResolved', { summary: 'More', outcome: 'upheld', remedies: [], firstContact: false })
      .add('ResolutionAccepted', { by: { id: 'customer', role: 'customer' } })
      .add('ComplaintClosed', { reason: 'accepted' })
      .add('SatisfactionRecorded', { by: { id: 'customer', role: 'customer' }, score: 5 })
      .add('ComplaintWithdrawn', { reason: 'Changed my mind' });
    const [filing, ...later] = complaint.events;
    if (!filing) throw new Error('no filing');
    let row = project(undefined, filing)?.summary;
    const filedOnly = (r: SummaryRow | undefined) =>
      Object.fromEntries([...filedOnlyColumns].map((column) => [column, r?.[column]]));
    const atFiling = filedOnly(row);
    expect(atFiling.subject).toBe('Charged twice');
    for (const event of later) {
      row = project(row, event)?.summary;
      expect(row?.revision).toBe(event.revision);
      expect(filedOnly(row)).toEqual(atFiling);
    }
  });

  it('writes times as ISO UTC with milliseconds whatever form the event gives, and orders them as instants', () => {
    const complaint = filed({ at: '2026-03-02T11:00:00+02:00', receivedAt: '2026-03-02T08:59:59Z' })
      .add('ComplaintAcknowledged', { at: '2026-03-02T09:30:00.5Z' })
      .add('NoteAdded', {
        noteId: crypto.randomUUID(),
        text: 'late in the stream, early in time',
        visibility: 'internal',
        at: '2026-03-02T10:15:00+02:00',
      });
    const { summary } = rowsOf(complaint);
    expect(summary).toMatchObject({
      received_at: '2026-03-02T08:59:59.000Z',
      filed_at: '2026-03-02T09:00:00.000Z',
      acknowledged_at: '2026-03-02T09:30:00.500Z',
      updated_at: '2026-03-02T09:30:00.500Z', // 08:15Z is earlier: the latest time stays
      next_due_at: '2026-03-03T09:00:00.000Z', // acknowledged: the first response is next
    });
  });
});
