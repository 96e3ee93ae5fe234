import type { ComplaintEvent } from '@chp/contracts';
import { evolveView, nextDeadline, type PortalView, type ViewOptions } from '../src/portal/view.js';

const complaintId = '0b6f7c2e-5d1a-5e3b-9c4d-2a1b3c4d5e6f';
const by = { id: 'agent-7', role: 'agent' } as const;
const at = '2026-03-02T10:00:00.000Z';
const options: ViewOptions = { digest: (text) => `digest(${text})`, showAssignee: false };

const filed: ComplaintEvent = {
  type: 'ComplaintFiled',
  data: {
    by,
    at,
    reference: 'C-1DQQ-RBJA',
    channel: 'web',
    externalRef: 'portal-1',
    receivedAt: at,
    customer: { name: 'Olena', email: 'Olena@example.ua', phone: '+380441234567', preferredLanguage: 'uk' },
    subject: 'Charged twice',
    description: 'Twice.',
    priority: 'medium',
    attachments: [],
    relatedReferences: [],
    sla: { policyId: 'default', version: 1 },
    deadlines: { acknowledge: '2026-03-03T10:00:00.000Z', resolve: '2026-03-16T17:00:00.000Z' },
  } as never,
};

/** given(events).then(view): applies the events in order, revision by revision. */
function given(events: ComplaintEvent[], viewOptions = options): PortalView | undefined {
  return events.reduce<PortalView | undefined>(
    (view, event, revision) => evolveView(view, complaintId, event, revision, viewOptions),
    undefined,
  );
}

describe('the portal view of a complaint', () => {
  it('starts at the filing with digests of the contact details, never the addresses', () => {
    const view = given([filed]);
    expect(view).toMatchObject({
      reference: 'C-1DQQ-RBJA',
      language: 'uk',
      status: 'received',
      hasEmail: true,
      contact: { email: 'digest(olena@example.ua)', phone: 'digest(+380441234567)' },
      timeline: [{ kind: 'filed', at }],
    });
    expect(JSON.stringify(view)).not.toContain('Olena@example.ua');
    expect(view && nextDeadline(view)).toEqual({ kind: 'acknowledge', at: '2026-03-03T10:00:00.000Z' });
  });

  it('knows nothing of a complaint whose filing it has not seen', () => {
    expect(given([{ type: 'ComplaintAcknowledged', data: { by, at } }])).toBeUndefined();
  });

  it('keeps notes for the customer and drops internal notes, assignees, escalations and breaches', () => {
    const view = given([
      filed,
      { type: 'ComplaintAcknowledged', data: { by, at } },
      { type: 'NoteAdded', data: { by, at, noteId: complaintId, visibility: 'internal', text: 'VIP' } },
      {
        type: 'NoteAdded',
        data: { by, at, noteId: complaintId, visibility: 'customer', text: 'Looking into it' },
      },
      { type: 'ComplaintAssigned', data: { by, at, team: 'billing', assigneeName: 'Bob' } },
      { type: 'SlaBreached', data: { by, at, target: 'acknowledge', dueAt: at } },
    ]);
    expect(view?.timeline.map((entry) => entry.kind)).toEqual(['filed', 'acknowledged', 'note']);
    expect(JSON.stringify(view)).not.toMatch(/VIP|Bob/);
    expect(view?.revision).toBe(5);
    expect(view && nextDeadline(view)).toEqual({ kind: 'answer', at: '2026-03-16T17:00:00.000Z' });
  });

  it('shows the assignee only when configured', () => {
    const assigned: ComplaintEvent = {
      type: 'ComplaintAssigned',
      data: { by, at, team: 'billing', assigneeName: 'Bob' },
    };
    expect(given([filed, assigned], { ...options, showAssignee: true })?.assigneeName).toBe('Bob');
  });

  it('opens a request for information and closes it with the answer', () => {
    const requestId = '4d3c2b1a-0f9e-4d8c-a7b6-5a4b3c2d1e0f';
    const asked = given([
      filed,
      { type: 'ComplaintAcknowledged', data: { by, at } },
      {
        type: 'CustomerInformationRequested',
        data: { by, at, requestId, question: 'Which card?', respondBy: '2026-03-09T17:00:00.000Z' },
      },
    ]);
    expect(asked).toMatchObject({
      status: 'awaiting_customer',
      openRequest: { requestId, question: 'Which card?' },
    });
    expect(asked && nextDeadline(asked)).toEqual({ kind: 'respond', at: '2026-03-09T17:00:00.000Z' });
    const answered =
      asked &&
      evolveView(
        asked,
        complaintId,
        { type: 'CustomerResponded', data: { by, at, message: 'Visa', channel: 'web', requestId } },
        3,
        options,
      );
    expect(answered?.status).toBe('in_progress');
    expect(answered?.openRequest).toBeUndefined();
  });

  it('records the resolution, then the customer’s acceptance and score', () => {
    const resolutionId = '4d3c2b1a-0f9e-4d8c-a7b6-5a4b3c2d1e0f';
    const view = given([
      filed,
      {
        type: 'ComplaintResolved',
        data: {
          by,
          at,
          summary: 'Refunded',
          outcome: 'upheld',
          remedies: [],
          firstContact: false,
          resolutionId,
        },
      } as ComplaintEvent,
      { type: 'ResolutionAccepted', data: { by, at } } as ComplaintEvent,
      { type: 'SatisfactionRecorded', data: { by, at, score: 5 } } as ComplaintEvent,
    ]);
    expect(view).toMatchObject({
      status: 'resolved',
      resolution: { resolutionId, answered: 'accepted', rated: true },
    });
    expect(view?.timeline.map((entry) => entry.kind)).toEqual(['filed', 'resolved', 'accepted', 'rated']);
    expect(view && nextDeadline(view)).toBeUndefined();
  });

  it('on CustomerDataErased keeps statuses and dates but no text, contact digest or assignee', () => {
    const view = given(
      [
        filed,
        {
          type: 'NoteAdded',
          data: { by, at, noteId: complaintId, visibility: 'customer', text: 'Olena, we check it' },
        },
        {
          type: 'ComplaintAssigned',
          data: { by, at, team: 'cards', assigneeId: 'a-1', assigneeName: 'Petro Agent' },
        },
        {
          type: 'CustomerInformationRequested',
          data: { by, at, requestId: complaintId, question: 'Olena, which card?' },
        },
        { type: 'CustomerDataErased', data: { by, at, reason: 'GDPR art. 17' } },
      ] as never,
      { ...options, showAssignee: true },
    );
    const text = JSON.stringify(view);
    for (const gone of ['Olena', 'olena', 'Petro Agent', '+380441234567', 'digest('])
      expect(text).not.toContain(gone);
    expect(view).toMatchObject({
      status: 'awaiting_customer',
      hasEmail: false,
      contact: {},
      personalDataErasedAt: at,
      openRequest: { question: '[erased]' },
      timeline: [
        { kind: 'filed', at },
        { kind: 'note', text: '[erased]' },
        { kind: 'information_requested', question: '[erased]' },
      ],
    });
  });
});
