// Questions to the customer and their answers (the pause), escalation, SLA breaches.
import {
  acknowledged,
  command,
  customerActor,
  decideAt,
  event,
  filed,
  histories,
  monitor,
  REQUEST_ID,
  requested,
  STANDARD_DEADLINES,
  specAt,
  stateOf,
  supervisor,
  T,
  violates,
} from './complaint-fixtures.js';

describe('RequestCustomerInformation', () => {
  it('asks the customer; the complaint awaits them and the operational clock pauses', () => {
    const respondBy = '2026-03-16T17:00:00.000Z';
    specAt(T.requested)
      .given(histories.in_progress)
      .when(
        command('RequestCustomerInformation', {
          requestId: REQUEST_ID,
          question: 'Which order number?',
          respondBy,
        }),
      )
      .then(requested(T.requested, respondBy));
    const state = stateOf([...histories.in_progress, requested(T.requested, respondBy)]);
    expect(state).toMatchObject({
      status: 'awaiting_customer',
      openRequest: { requestId: REQUEST_ID, respondBy },
      pauses: [{ from: T.requested }],
      met: { first_response: T.requested },
    });
  });

  it('asks straight from acknowledged', () => {
    specAt(T.requested)
      .given(histories.acknowledged)
      .when(command('RequestCustomerInformation', { requestId: REQUEST_ID, question: 'Which order number?' }))
      .then(requested());
  });

  it('refuses a reply date already past', () => {
    specAt(T.now)
      .given(histories.in_progress)
      .when(
        command('RequestCustomerInformation', {
          requestId: REQUEST_ID,
          question: 'Which?',
          respondBy: T.now,
        }),
      )
      .thenThrows(violates('cannot ask the customer to respond by a time already past'));
  });
});

describe('RecordCustomerResponse', () => {
  const reply = (requestId?: string) =>
    command(
      'RecordCustomerResponse',
      { message: 'Order 1234.', channel: 'email', ...(requestId ? { requestId } : {}) },
      customerActor,
    );

  it('answers the open request, resumes the clock and carries the deadlines the pause moved', () => {
    // Paused Mon 12:00 → Tue 12:00: 5.5 + 3 = 8.5 working hours, one full working day. Resolve moves
    // from Mon 16 to Tue 17 March 10:00; the other targets were met before the pause and stay put.
    specAt(T.responded)
      .given(histories.awaiting_customer)
      .when(reply())
      .then(
        event('CustomerResponded', {
          at: T.responded,
          by: customerActor,
          requestId: REQUEST_ID,
          message: 'Order 1234.',
          channel: 'email',
          deadlines: { ...STANDARD_DEADLINES, resolve: '2026-03-17T10:00:00.000Z' },
        }),
      );
  });

  it('leaves the complaint in progress with the pause closed and the new deadlines', () => {
    const [responded] = decideAt(T.responded, histories.awaiting_customer, reply());
    const state = stateOf([...histories.awaiting_customer, responded!]);
    expect(state).toMatchObject({
      status: 'in_progress',
      pauses: [{ from: T.requested, to: T.responded }],
      deadlines: { resolve: '2026-03-17T10:00:00.000Z' },
    });
    expect(state).not.toHaveProperty('openRequest');
  });

  it('records a reply that comes when nothing was asked, without changing the status (no reply is lost)', () => {
    specAt()
      .given(histories.resolved)
      .when(reply())
      .then(event('CustomerResponded', { by: customerActor, message: 'Order 1234.', channel: 'email' }));
    const state = stateOf([
      ...histories.resolved,
      event('CustomerResponded', { message: 'Thanks', channel: 'email' }),
    ]);
    expect(state.status).toBe('resolved');
  });
});

describe('EscalateComplaint', () => {
  const escalateTo = (level: 1 | 2 | 3, reason: 'manual' | 'sla_breach' = 'manual', to = 'team-lead') =>
    command('EscalateComplaint', { level, reason, to }, supervisor);
  const escalated = (level: 1 | 2 | 3, reason: 'manual' | 'sla_breach' = 'manual', to = 'team-lead') =>
    event('ComplaintEscalated', { by: supervisor, level, reason, to });

  it('climbs the ladder, keeping the status', () => {
    specAt().given(histories.in_progress).when(escalateTo(1)).then(escalated(1));
    specAt()
      .given([...histories.in_progress, escalated(1)])
      .when(escalateTo(2, 'sla_breach', 'complaints-manager'))
      .then(escalated(2, 'sla_breach', 'complaints-manager'));
    const state = stateOf([...histories.awaiting_customer, escalated(1), escalated(2)]);
    expect(state).toMatchObject({ status: 'awaiting_customer', escalation: { level: 2, reason: 'manual' } });
  });

  it('may skip levels', () => {
    specAt().given(histories.received).when(escalateTo(3)).then(escalated(3));
  });

  it('repeating the escalation it is at is an idempotent repeat', () => {
    specAt()
      .given([...histories.in_progress, escalated(1)])
      .when(escalateTo(1))
      .thenNothingHappens();
  });

  it.each([
    ['the same level for another reason', 1, [escalated(1)], escalateTo(1, 'sla_breach')],
    ['a lower level', 1, [escalated(2)], escalateTo(1)],
    ['past the top', 3, [escalated(3)], escalateTo(3, 'manual', 'head-of-complaints')],
  ])('refuses %s', (_name, _level, given, cmd) => {
    specAt()
      .given([...histories.in_progress, ...given])
      .when(cmd)
      .thenThrows(violates('cannot escalate to a level the complaint has already reached'));
  });
});

describe('RecordSlaBreach', () => {
  const breach = (
    target: 'acknowledge' | 'resolve' | 'regulatory_final_response' | 'regulatory_summary_resolution',
    dueAt: string,
  ) => command('RecordSlaBreach', { target, dueAt }, monitor);

  it('records a target passed unmet', () => {
    specAt()
      .given(histories.received)
      .when(breach('acknowledge', STANDARD_DEADLINES.acknowledge))
      .then(
        event('SlaBreached', { by: monitor, target: 'acknowledge', dueAt: STANDARD_DEADLINES.acknowledge }),
      );
  });

  it('records a target met late', () => {
    specAt()
      .given([filed(), acknowledged('2026-03-03T11:00:00.000Z')])
      .when(breach('acknowledge', STANDARD_DEADLINES.acknowledge))
      .then(
        event('SlaBreached', { by: monitor, target: 'acknowledge', dueAt: STANDARD_DEADLINES.acknowledge }),
      );
  });

  it('records each (target, due time) once', () => {
    const recorded = event('SlaBreached', { target: 'acknowledge', dueAt: STANDARD_DEADLINES.acknowledge });
    specAt()
      .given([...histories.received, recorded])
      .when(breach('acknowledge', '2026-03-03T10:00:00Z'))
      .thenNothingHappens();
  });

  it('refuses a target not yet due', () => {
    specAt('2026-03-03T09:00:00.000Z')
      .given(histories.received)
      .when(breach('acknowledge', STANDARD_DEADLINES.acknowledge))
      .thenThrows(violates('cannot record an SLA breach before the target is due'));
  });

  it('refuses a breach computed from a stale view: a due time the clocks do not agree has passed', () => {
    // The resolve target is due on 16 March, not on Tuesday.
    specAt()
      .given(histories.received)
      .when(breach('resolve', STANDARD_DEADLINES.acknowledge))
      .thenThrows(violates('cannot record an SLA breach before the target is due'));
  });

  it('refuses a breach of a paused target (the monitor had not seen the pause)', () => {
    specAt('2026-03-17T12:00:00.000Z')
      .given(histories.awaiting_customer)
      .when(breach('resolve', STANDARD_DEADLINES.resolve))
      .thenThrows(violates('cannot record an SLA breach before the target is due'));
  });

  it('refuses a target the policy does not set', () => {
    specAt()
      .given(histories.received)
      .when(breach('regulatory_final_response', STANDARD_DEADLINES.acknowledge))
      .thenThrows(violates('cannot record an SLA breach of a target the complaint does not have'));
  });

  it('refuses the FCA summary-resolution milestone, which does not bind', () => {
    // Close of business on the 3rd business day after Mon 2 March: Thu 5 March 17:30.
    const summaryDue = '2026-03-05T17:30:00.000Z';
    const fca = filed({ sla: { policyId: 'uk-fca-disp', policyVersion: 1, regulatoryRegime: 'fca_disp' } });
    specAt('2026-03-06T10:00:00.000Z')
      .given([fca])
      .when(breach('regulatory_summary_resolution', summaryDue))
      .thenThrows(violates('cannot record an SLA breach of a milestone that does not bind'));
  });
});
