// The state folded from a whole life, and evolve's tolerance of events it cannot use.
import type { ComplaintEvent } from '@chp/contracts';
import { evolve, initialState } from '../src/complaint/index.js';
import {
  accepted,
  acknowledged,
  agent,
  closed,
  customer,
  customerActor,
  EVENT_ID,
  event,
  filed,
  linked,
  NOTE_ID,
  NOTIFICATION_ID,
  OTHER_ID,
  OTHER_REFERENCE,
  REFERENCE,
  REQUEST_ID,
  requested,
  resolved,
  responded,
  STANDARD_DEADLINES,
  stateOf,
  supervisor,
  T,
  triaged,
} from './complaint-fixtures.js';

const moved = { ...STANDARD_DEADLINES, resolve: '2026-03-17T10:00:00.000Z' };

const life: ComplaintEvent[] = [
  filed(),
  acknowledged(),
  triaged(),
  event('ComplaintAssigned', { at: T.triaged, team: 'billing', assigneeId: 'agent-7', assigneeName: 'Ann' }),
  linked(),
  event('NoteAdded', { at: T.triaged, noteId: NOTE_ID, visibility: 'internal', text: 'Checking.' }),
  requested(),
  event('CustomerResponded', { ...responded().data, deadlines: moved }),
  event('ComplaintEscalated', {
    at: T.responded,
    by: supervisor,
    level: 2,
    reason: 'manual',
    to: 'complaints-manager',
  }),
  resolved(),
  accepted(),
  event('SatisfactionRecorded', { at: T.accepted, by: customerActor, score: 5 }),
  closed('accepted'),
  event('CustomerNotified', {
    at: '2026-03-04T11:59:00.000Z',
    notificationId: NOTIFICATION_ID,
    eventId: EVENT_ID,
    template: 'complaint-closed',
    recipient: 'olena@example.com',
    audience: 'customer',
    status: 'sent',
    messageId: '<m1@mail.example.com>',
  }),
];

describe('evolve', () => {
  it('folds a whole life into plain JSON that the HTTP API returns as it is', () => {
    const state = stateOf(life);
    expect(state).toEqual({
      status: 'closed',
      reference: REFERENCE,
      channel: 'web',
      externalRef: 'form-1',
      customer,
      subject: 'Charged twice',
      description: 'My card was charged twice for one order.',
      attachments: [],
      relatedReferences: [],
      category: 'billing',
      priority: 'medium',
      severity: 'moderate',
      team: 'billing',
      assignee: { id: 'agent-7', name: 'Ann' },
      escalation: { level: 2, reason: 'manual', to: 'complaints-manager', at: T.responded },
      sla: { policyId: 'standard', policyVersion: 1 },
      deadlines: moved,
      pauses: [{ from: T.requested, to: T.responded }],
      markers: { inProgress: T.triaged },
      met: { acknowledge: T.acknowledged, first_response: T.requested, resolve: T.resolved },
      breaches: [],
      resolution: {
        number: 1,
        summary: 'Refunded the second charge.',
        outcome: 'upheld',
        remedies: [{ type: 'refund', amount: { amount: '25.00', currency: 'GBP' } }],
        firstContact: false,
        at: T.resolved,
        by: agent,
        acceptedAt: T.accepted,
      },
      satisfaction: { score: 5, at: T.accepted, resolution: 1 },
      links: [{ complaintId: OTHER_ID, reference: OTHER_REFERENCE, relation: 'duplicate_of', at: T.triaged }],
      notificationIds: [NOTIFICATION_ID],
      noteCount: 1,
      reopenCount: 0,
      closure: { reason: 'accepted', at: T.closed },
      receivedAt: T.received,
      filedAt: T.received,
      // The notification was sent a minute before the close: the latest time wins.
      updatedAt: T.closed,
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('keeps the escalation level apart from the status', () => {
    const escalated = event('ComplaintEscalated', { level: 1, reason: 'sla_breach', to: 'team-lead' });
    expect(stateOf([filed(), escalated])).toMatchObject({ status: 'received', escalation: { level: 1 } });
    expect(stateOf([...life.slice(0, 3), escalated, resolved()])).toMatchObject({
      status: 'resolved',
      escalation: { level: 1, reason: 'sla_breach' },
    });
  });

  it('leaves the state unchanged for an event it does not know', () => {
    const state = stateOf(life.slice(0, 3));
    const unknown = { type: 'ComplaintTeleported', data: { at: T.now } } as unknown as ComplaintEvent;
    expect(evolve(state, unknown)).toBe(state);
  });

  it('ignores events before the filing, and a second filing', () => {
    expect(evolve(initialState(), acknowledged())).toEqual({ status: 'none' });
    const state = stateOf([filed()]);
    expect(evolve(state, filed({ reference: 'C-0000-0000', subject: 'Other' }))).toBe(state);
  });

  it('reads the open request into the state and forgets it once answered', () => {
    expect(stateOf(life.slice(0, 7))).toMatchObject({
      status: 'awaiting_customer',
      openRequest: { requestId: REQUEST_ID, question: 'Which order number?', at: T.requested },
    });
    expect(stateOf(life.slice(0, 8))).not.toHaveProperty('openRequest');
  });
});
