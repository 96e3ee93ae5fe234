// Links between complaints, and the record of what the customer was sent.
import { linkResolutionOf } from '../src/complaint/index.js';
import {
  command,
  EVENT_ID,
  event,
  histories,
  linked,
  NOTIFICATION_ID,
  notificationReport,
  OTHER_ID,
  OTHER_REFERENCE,
  REFERENCE,
  resolved,
  specAt,
  stateOf,
  supervisor,
  T,
  violates,
} from './complaint-fixtures.js';

const link = (
  relation: 'duplicate_of' | 'related' = 'duplicate_of',
  id = OTHER_ID,
  reference = OTHER_REFERENCE,
) => command('LinkComplaints', { linkedComplaintId: id, linkedReference: reference, relation });
const unlink = () =>
  command('UnlinkComplaints', { linkedComplaintId: OTHER_ID, linkedReference: OTHER_REFERENCE });
const unlinked = (at: string = T.now) =>
  event('ComplaintsUnlinked', { at, linkedComplaintId: OTHER_ID, linkedReference: OTHER_REFERENCE });

describe('LinkComplaints', () => {
  it('links another complaint', () => {
    specAt(T.triaged).given(histories.received).when(link()).then(linked());
  });

  it('linking again with the same relation is an idempotent repeat', () => {
    specAt()
      .given([...histories.received, linked()])
      .when(link())
      .thenNothingHappens();
  });

  it('refuses another relation while linked', () => {
    specAt()
      .given([...histories.received, linked()])
      .when(link('related'))
      .thenThrows(violates('cannot link complaints already linked with another relation; unlink first'));
  });

  it('links again after an unlink, with any relation', () => {
    specAt()
      .given([...histories.received, linked(), unlinked()])
      .when(link('related'))
      .then(
        event('ComplaintsLinked', {
          linkedComplaintId: OTHER_ID,
          linkedReference: OTHER_REFERENCE,
          relation: 'related',
        }),
      );
  });

  it.each([
    ['by id', '3f2c8a4e-5b6d-4c7e-8f90-1a2b3c4d5e6f', OTHER_REFERENCE],
    ['by reference', OTHER_ID, REFERENCE],
  ])('refuses the complaint itself (%s)', (_how, id, reference) => {
    specAt()
      .given(histories.received)
      .when(link('related', id, reference))
      .thenThrows(violates('cannot link a complaint to itself'));
  });
});

describe('UnlinkComplaints', () => {
  it('unlinks a linked complaint; the link stays on record as unlinked', () => {
    specAt()
      .given([...histories.in_progress, linked()])
      .when(unlink())
      .then(unlinked());
    expect(stateOf([...histories.in_progress, linked(), unlinked()])).toMatchObject({
      links: [{ complaintId: OTHER_ID, relation: 'duplicate_of', at: T.triaged, unlinkedAt: T.now }],
    });
  });

  it('unlinking again is an idempotent repeat', () => {
    specAt()
      .given([...histories.in_progress, linked(), unlinked()])
      .when(unlink())
      .thenNothingHappens();
  });

  it('refuses a complaint never linked', () => {
    specAt()
      .given(histories.in_progress)
      .when(unlink())
      .thenThrows(violates('cannot unlink a complaint that is not linked'));
  });

  it('refuses the complaint a closed duplicate names', () => {
    const duplicate = event('ComplaintClosed', { reason: 'duplicate', duplicateOf: OTHER_ID });
    specAt()
      .given([...histories.in_progress, linked(), duplicate])
      .when(unlink())
      .thenThrows(violates('cannot unlink the complaint this one was closed as a duplicate of'));
  });
});

describe('RecordCustomerNotification', () => {
  const notifications = { id: 'notifications', role: 'service' as const };
  const report = notificationReport;

  it('records a message sent, at the time it was sent', () => {
    specAt()
      .given(histories.closed)
      .when(
        command(
          'RecordCustomerNotification',
          { ...report, status: 'sent', messageId: '<m1@mail.example.com>' },
          notifications,
        ),
      )
      .then(
        event('CustomerNotified', {
          by: notifications,
          ...report,
          status: 'sent',
          messageId: '<m1@mail.example.com>',
        }),
      );
  });

  it('records a permanent failure', () => {
    const failure = { status: 'failed' as const, error: '550 mailbox unavailable', permanent: true };
    specAt()
      .given(histories.received)
      .when(command('RecordCustomerNotification', { ...report, ...failure }, notifications))
      .then(event('CustomerNotified', { by: notifications, ...report, ...failure }));
  });

  it('the same notification again is an idempotent repeat', () => {
    const sent = event('CustomerNotified', { ...report, status: 'sent', messageId: '<m1@mail.example.com>' });
    specAt()
      .given([...histories.received, sent])
      .when(
        command(
          'RecordCustomerNotification',
          { ...report, status: 'sent', messageId: '<m1@mail.example.com>' },
          notifications,
        ),
      )
      .thenNothingHappens();
    expect(stateOf([...histories.received, sent, sent])).toMatchObject({
      notificationIds: [NOTIFICATION_ID],
    });
  });
});

describe('what a customer link acts on (linkResolutionOf, for intake’s link pages)', () => {
  const resolutionId = EVENT_ID;
  const resolvedWithId = event('ComplaintResolved', { ...resolved().data, resolutionId });

  it('is the resolution the link was sent for while its links stand: summary, outcome and remedies only', () => {
    expect(linkResolutionOf(stateOf([...histories.in_progress, resolvedWithId]), resolutionId)).toEqual({
      status: 'live',
      summary: 'Refunded the second charge.',
      outcome: 'upheld',
      remedies: [{ type: 'refund', amount: { amount: '25.00', currency: 'GBP' } }],
    });
  });

  it('is only a status once superseded or revoked, or for a complaint never filed', () => {
    const history = [...histories.in_progress, resolvedWithId];
    expect(linkResolutionOf(stateOf(history), OTHER_ID)).toEqual({ status: 'superseded' });
    const revoked = event('CustomerLinksRevoked', { by: supervisor, resolutionId, reason: 'Wrong address.' });
    expect(linkResolutionOf(stateOf([...history, revoked]), resolutionId)).toEqual({ status: 'revoked' });
    expect(linkResolutionOf(stateOf([]), resolutionId)).toEqual({ status: 'unknown' });
  });
});
