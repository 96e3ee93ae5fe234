// clockInputOf: the complaint as the SLA clocks see it, and the deadlines the events carry.
import { clockInputOf } from '../src/complaint/index.js';
import { computeClocks, findPolicy, nextBreach } from '../src/sla/index.js';
import {
  acknowledged,
  command,
  decideAt,
  event,
  filed,
  histories,
  policies,
  requested,
  responded,
  STANDARD_DEADLINES,
  specAt,
  stateOf,
  T,
  triaged,
  withdrawn,
} from './complaint-fixtures.js';

const at = (iso: string) => new Date(iso);
const standard = findPolicy(policies, 'standard', 1);
const resolveClock = (events: Parameters<typeof stateOf>[0], now: string) =>
  computeClocks(clockInputOf(stateOf(events), policies)!, at(now)).operational.find(
    (c) => c.target === 'resolve',
  );

describe('clockInputOf', () => {
  it('is undefined before the complaint is filed', () => {
    expect(clockInputOf(stateOf([]), policies)).toBeUndefined();
  });

  it('gives the policy recorded at filing, the pauses, markers, met times and recorded breaches', () => {
    const breach = (dueAt: string) => event('SlaBreached', { target: 'acknowledge', dueAt });
    const state = stateOf([
      ...histories.awaiting_customer,
      responded(),
      breach(STANDARD_DEADLINES.acknowledge),
      breach('2026-03-03T11:00:00.000Z'),
    ]);
    expect(clockInputOf(state, policies)).toEqual({
      receivedAt: at(T.received),
      priority: 'medium',
      policy: standard,
      pauses: [{ from: at(T.requested), to: at(T.responded) }],
      markers: { inProgress: at(T.triaged) },
      met: { acknowledge: at(T.acknowledged), first_response: at(T.requested) },
      recordedBreaches: ['operational:acknowledge'],
    });
  });

  it('gives an open pause while the complaint awaits the customer: the resolve clock is paused', () => {
    const input = clockInputOf(stateOf(histories.awaiting_customer), policies)!;
    expect(input.pauses).toEqual([{ from: at(T.requested) }]);
    expect(resolveClock(histories.awaiting_customer, T.responded)).toMatchObject({ state: 'paused' });
    expect(nextBreach(input, at('2026-04-30T12:00:00.000Z'))).toBeUndefined();
  });

  it('agrees with the deadlines the resume recorded', () => {
    const [resumed] = decideAt(
      T.responded,
      histories.awaiting_customer,
      command('RecordCustomerResponse', {
        message: 'Order 1234.',
        channel: 'email',
        source: 'forwarded by the branch',
      }),
    );
    const after = [...histories.awaiting_customer, resumed!];
    const state = stateOf(after);
    if (state.status === 'none') throw new Error('not filed');
    expect(resolveClock(after, T.now)?.dueAt.toISOString()).toBe(state.deadlines.resolve);
    expect(state.deadlines.resolve).toBe('2026-03-17T10:00:00.000Z');
  });

  it('stops every clock when the complaint ends: a target due later is met, one due earlier was breached', () => {
    // Withdrawn Mon 11:00, before the acknowledgement was due (Tue 10:00): no breach can follow.
    const early = clockInputOf(stateOf([filed(), withdrawn(T.ended)]), policies)!;
    expect(early.met).toEqual({
      acknowledge: at(T.ended),
      first_response: at(T.ended),
      resolve: at(T.ended),
    });
    expect(nextBreach(early, at('2026-06-01T09:00:00.000Z'))).toBeUndefined();
    // Withdrawn Wed 12:00, after it: the acknowledgement is breached, nothing else.
    const late = computeClocks(clockInputOf(stateOf([filed(), withdrawn(T.closed)]), policies)!, at(T.now));
    expect(late.operational.map((c) => [c.target, c.state])).toEqual([
      ['acknowledge', 'breached'],
      ['first_response', 'breached'],
      ['resolve', 'met'],
    ]);
  });
});

describe('CFPB: marking the complaint in progress extends the regulatory deadline', () => {
  // us-cfpb on US Eastern hours. Received Mon 2 March 10:00 UTC (05:00 EST): the response is due by
  // the end of the 15th calendar day, 17 March 23:59:59.999 EDT; in progress, of the 60th, 1 May.
  const cfpbDeadlines = {
    acknowledge: '2026-03-02T22:00:00.000Z',
    first_response: '2026-03-03T22:00:00.000Z',
    resolve: '2026-03-12T09:00:00.000Z',
    regulatory_final_response: '2026-03-18T03:59:59.999Z',
  };
  const cfpbFiled = filed({
    sla: { policyId: 'us-cfpb', policyVersion: 1, regulatoryRegime: 'cfpb' },
    deadlines: cfpbDeadlines,
  });

  it('the triage that puts it in progress carries the 60-day deadline', () => {
    specAt(T.triaged)
      .given([cfpbFiled, acknowledged()])
      .when(command('TriageComplaint', { category: 'billing', priority: 'medium', severity: 'moderate' }))
      .then(
        event('ComplaintTriaged', {
          ...triaged().data,
          deadlines: { ...cfpbDeadlines, regulatory_final_response: '2026-05-02T03:59:59.999Z' },
        }),
      );
  });

  it('the regulatory clock runs on through a pause', () => {
    const paused = [cfpbFiled, acknowledged(), requested()];
    const clocks = computeClocks(clockInputOf(stateOf(paused), policies)!, at('2026-03-20T12:00:00.000Z'));
    expect(clocks.paused).toBe(true);
    expect(clocks.regulatory).toMatchObject([{ target: 'final_response', state: 'breached' }]);
  });
});
