// The end of a complaint and the way back: close (each reason), withdraw, reopen.
import {
  accepted,
  COMPLAINT_ID,
  closed,
  command,
  customerActor,
  event,
  histories,
  linked,
  OTHER_ID,
  requested,
  specAt,
  stateOf,
  T,
  violates,
} from './complaint-fixtures.js';

const closeAs = (reason: 'accepted' | 'no_response' | 'dismissed' | 'duplicate', duplicateOf?: string) =>
  command('CloseComplaint', { reason, ...(duplicateOf === undefined ? {} : { duplicateOf }) });

describe('CloseComplaint as accepted', () => {
  it('closes a resolution the customer accepted', () => {
    specAt(T.closed)
      .given([...histories.resolved, accepted()])
      .when(closeAs('accepted'))
      .then(closed('accepted'));
    expect(stateOf(histories.closed)).toMatchObject({
      status: 'closed',
      closure: { reason: 'accepted', at: T.closed },
    });
  });

  it('refuses a resolution not accepted', () => {
    specAt()
      .given(histories.resolved)
      .when(closeAs('accepted'))
      .thenThrows(violates('cannot close as accepted a resolution the customer has not accepted'));
  });
});

describe('CloseComplaint for no response', () => {
  it('closes a resolution the customer never answered', () => {
    specAt().given(histories.resolved).when(closeAs('no_response')).then(closed('no_response', T.now));
  });

  it('closes a complaint awaiting the customer past the reply date, ending the pause', () => {
    const respondBy = '2026-03-04T12:00:00.000Z';
    const given = [...histories.in_progress, requested(T.requested, respondBy)];
    specAt().given(given).when(closeAs('no_response')).then(closed('no_response', T.now));
    expect(stateOf([...given, closed('no_response', T.now)])).toMatchObject({
      status: 'closed',
      pauses: [{ from: T.requested, to: T.now }],
    });
  });

  it.each([
    ['before the reply date', requested(T.requested, '2026-03-05T12:00:00.000Z')],
    ['when the request set no reply date', requested(T.requested)],
  ])('refuses a complaint awaiting the customer %s', (_when, request) => {
    specAt()
      .given([...histories.in_progress, request])
      .when(closeAs('no_response'))
      .thenThrows(violates("cannot close for no response before the customer's reply is due"));
  });

  it('refuses a resolution the customer accepted', () => {
    specAt()
      .given([...histories.resolved, accepted()])
      .when(closeAs('no_response'))
      .thenThrows(violates('cannot close for no response a resolution the customer has accepted'));
  });

  it('refuses a complaint in progress', () => {
    specAt()
      .given(histories.in_progress)
      .when(closeAs('no_response'))
      .thenThrows(violates('cannot close a complaint in progress as no response'));
  });
});

describe('CloseComplaint as dismissed', () => {
  it('dismisses an open complaint, which is terminal', () => {
    specAt().given(histories.received).when(closeAs('dismissed')).then(closed('dismissed', T.now));
    expect(stateOf(histories.dismissed)).toMatchObject({
      status: 'dismissed',
      closure: { reason: 'dismissed' },
    });
  });
});

describe('CloseComplaint as a duplicate', () => {
  it('closes a complaint as a duplicate of a linked one', () => {
    specAt()
      .given([...histories.in_progress, linked()])
      .when(closeAs('duplicate', OTHER_ID))
      .then(event('ComplaintClosed', { reason: 'duplicate', duplicateOf: OTHER_ID }));
  });

  it('refuses a complaint that is not linked, or no longer', () => {
    const unlinked = event('ComplaintsUnlinked', {
      linkedComplaintId: OTHER_ID,
      linkedReference: linked().data.linkedReference,
    });
    for (const given of [histories.in_progress, [...histories.in_progress, linked(), unlinked]]) {
      specAt()
        .given(given)
        .when(closeAs('duplicate', OTHER_ID))
        .thenThrows(violates('cannot close as a duplicate of a complaint that is not linked'));
    }
  });

  it('refuses the complaint itself', () => {
    specAt()
      .given(histories.in_progress)
      .when(closeAs('duplicate', COMPLAINT_ID))
      .thenThrows(violates('cannot close a complaint as a duplicate of itself'));
  });

  it('refuses a resolved complaint', () => {
    specAt()
      .given([...histories.resolved, linked()])
      .when(closeAs('duplicate', OTHER_ID))
      .thenThrows(violates('cannot close a resolved complaint as a duplicate'));
  });
});

describe('WithdrawComplaint', () => {
  it('withdraws an open complaint, ending any pause', () => {
    specAt()
      .given(histories.awaiting_customer)
      .when(command('WithdrawComplaint', { reason: 'Sorted with the shop.' }, customerActor))
      .then(event('ComplaintWithdrawn', { by: customerActor, reason: 'Sorted with the shop.' }));
    const state = stateOf([...histories.awaiting_customer, event('ComplaintWithdrawn', {})]);
    expect(state).toMatchObject({ status: 'withdrawn', withdrawal: { at: T.now }, pauses: [{ to: T.now }] });
    expect(state).not.toHaveProperty('openRequest');
  });
});

describe('ReopenComplaint', () => {
  const reopen = () => command('ReopenComplaint', { reason: 'New evidence.' });
  const reopened = () => event('ComplaintReopened', { reason: 'New evidence.' });

  it('reopens a resolved complaint', () => {
    specAt().given(histories.resolved).when(reopen()).then(reopened());
  });

  it('reopens a closed complaint: in progress again, the closure and the resolve time cleared', () => {
    specAt().given(histories.closed).when(reopen()).then(reopened());
    const state = stateOf([...histories.closed, reopened()]);
    expect(state).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      met: { acknowledge: T.acknowledged },
    });
    expect(state).not.toHaveProperty('closure');
    expect(state).not.toHaveProperty('met.resolve');
  });

  it('reopens up to 56 days after closing, and not a moment later', () => {
    // Closed Wed 4 March 12:00 UTC; 56 × 24 hours later is Wed 29 April 12:00 UTC.
    specAt('2026-04-29T12:00:00.000Z')
      .given(histories.closed)
      .when(reopen())
      .then(reopenedAt('2026-04-29T12:00:00.000Z'));
    specAt('2026-04-29T12:00:00.001Z')
      .given(histories.closed)
      .when(reopen())
      .thenThrows(violates('cannot reopen a complaint closed more than 56 days ago'));
  });

  function reopenedAt(at: string) {
    return event('ComplaintReopened', { at, reason: 'New evidence.' });
  }
});
