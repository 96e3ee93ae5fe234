// The resolution and the customer's answer: resolve, accept, reject (which reopens), satisfaction.
import { REJECTED_REOPEN_REASON } from '../src/complaint/index.js';
import {
  accepted,
  command,
  customerActor,
  event,
  histories,
  linked,
  OTHER_ID,
  resolved,
  responded,
  specAt,
  stateOf,
  T,
  violates,
} from './complaint-fixtures.js';

const resolveCommand = (firstContact = false) =>
  command('ResolveComplaint', {
    summary: 'Refunded the second charge.',
    outcome: 'upheld',
    remedies: [{ type: 'refund', amount: { amount: '25.00', currency: 'GBP' } }],
    firstContact,
  });

describe('ResolveComplaint', () => {
  it('resolves a complaint in progress', () => {
    specAt(T.resolved).given(histories.in_progress).when(resolveCommand()).then(resolved());
  });

  it('resolving a complaint awaiting the customer ends the pause and the open question', () => {
    const state = stateOf([...histories.awaiting_customer, resolved()]);
    expect(state).toMatchObject({
      status: 'resolved',
      pauses: [{ from: T.requested, to: T.resolved }],
      met: { resolve: T.resolved },
      resolution: { number: 1, outcome: 'upheld' },
    });
    expect(state).not.toHaveProperty('openRequest');
  });

  it('resolves at first contact when nobody asked the customer anything', () => {
    specAt(T.resolved)
      .given(histories.acknowledged)
      .when(resolveCommand(true))
      .then(event('ComplaintResolved', { ...resolved().data, firstContact: true }));
  });

  it.each([
    ['after a question to the customer', [...histories.awaiting_customer, responded()]],
    ['after a reopen', [...histories.resolved, event('ComplaintReopened', { reason: 'Not fixed.' })]],
  ])('refuses a first-contact resolution %s', (_when, given) => {
    specAt()
      .given(given)
      .when(resolveCommand(true))
      .thenThrows(
        violates(
          'cannot resolve at first contact a complaint that asked the customer for information or was reopened',
        ),
      );
  });
});

describe('AcceptResolution', () => {
  it('records the acceptance; the complaint stays resolved until it is closed', () => {
    specAt(T.accepted)
      .given(histories.resolved)
      .when(command('AcceptResolution', { comment: 'Thank you.' }, customerActor))
      .then(event('ResolutionAccepted', { at: T.accepted, by: customerActor, comment: 'Thank you.' }));
    expect(stateOf([...histories.resolved, accepted()])).toMatchObject({
      status: 'resolved',
      resolution: { acceptedAt: T.accepted },
    });
  });

  it('accepting twice is an idempotent repeat', () => {
    specAt()
      .given([...histories.resolved, accepted()])
      .when(command('AcceptResolution', {}, customerActor))
      .thenNothingHappens();
  });
});

describe('RejectResolution', () => {
  it('records the rejection and reopens the complaint', () => {
    specAt()
      .given(histories.resolved)
      .when(command('RejectResolution', { reason: 'Still charged twice.' }, customerActor))
      .then([
        event('ResolutionRejected', { by: customerActor, reason: 'Still charged twice.' }),
        event('ComplaintReopened', { by: customerActor, reason: REJECTED_REOPEN_REASON }),
      ]);
  });

  it('leaves the complaint in progress, the resolve target open again, the rejected resolution on record', () => {
    const state = stateOf([
      ...histories.resolved,
      event('ResolutionRejected', { by: customerActor, reason: 'Still charged twice.' }),
      event('ComplaintReopened', { by: customerActor, reason: REJECTED_REOPEN_REASON }),
    ]);
    expect(state).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      resolution: { number: 1, rejectedAt: T.now, rejectionReason: 'Still charged twice.' },
    });
    expect(state).not.toHaveProperty('met.resolve');
  });

  it('refuses to reject an accepted resolution', () => {
    specAt()
      .given([...histories.resolved, accepted()])
      .when(command('RejectResolution', { reason: 'Changed my mind.' }, customerActor))
      .thenThrows(violates('cannot reject a resolution the customer has accepted'));
  });
});

describe('RecordSatisfaction', () => {
  const rate = (score: number) => command('RecordSatisfaction', { score, comment: 'Quick.' }, customerActor);
  const rated = (score: number) =>
    event('SatisfactionRecorded', { by: customerActor, score, comment: 'Quick.' });

  it('records a score for the resolution', () => {
    specAt().given(histories.resolved).when(rate(4)).then(rated(4));
    expect(stateOf([...histories.resolved, rated(4)])).toMatchObject({
      satisfaction: { score: 4, resolution: 1 },
    });
  });

  it('records a score after closing as accepted', () => {
    specAt().given(histories.closed).when(rate(5)).then(rated(5));
  });

  it('the same score again is an idempotent repeat', () => {
    specAt()
      .given([...histories.resolved, rated(4)])
      .when(rate(4))
      .thenNothingHappens();
  });

  it('refuses a different score for the same resolution', () => {
    specAt()
      .given([...histories.closed, rated(4)])
      .when(rate(2))
      .thenThrows(violates('cannot change the satisfaction score of a resolution once recorded'));
  });

  it('takes a new score for a new resolution after a reopen', () => {
    const reopened = event('ComplaintReopened', { reason: 'Not fixed.' });
    specAt()
      .given([...histories.resolved, rated(4), reopened, resolved(T.now)])
      .when(rate(2))
      .then(rated(2));
  });

  it('refuses a complaint closed as a duplicate, which has no resolution', () => {
    const duplicate = event('ComplaintClosed', { reason: 'duplicate', duplicateOf: OTHER_ID });
    specAt()
      .given([...histories.in_progress, linked(), duplicate])
      .when(rate(4))
      .thenThrows(violates('cannot record satisfaction for a closed complaint'));
  });
});
