// The customer's acts and who may record them: links bound to one resolution and revocable, staff
// acting on the customer's behalf only with a source, and e-mail replies that cannot be shown to be
// the customer's recorded as unverified.
import { customerLinkRules } from '@chp/contracts';
import {
  accepted,
  agent,
  command,
  customerActor,
  decideAt,
  event,
  histories,
  REQUEST_ID,
  resolved,
  specAt,
  stateOf,
  supervisor,
  T,
  violates,
} from './complaint-fixtures.js';

const RESOLUTION_1 = '11111111-1111-4111-8111-111111111111';
const RESOLUTION_2 = '22222222-2222-4222-8222-222222222222';
const withId = (resolutionId: string, at: string = T.resolved) => ({
  ...resolved(at),
  data: { ...resolved(at).data, resolutionId },
});
const [filedEvent, ack, triage] = histories.in_progress;
const open = [filedEvent!, ack!, triage!];
/** Resolved once, sent with links bound to RESOLUTION_1. */
const resolvedWithLinks = [...open, withId(RESOLUTION_1)];
/** Resolution 1 was rejected through its link, then resolution 2 was sent. */
const resolvedTwice = [
  ...resolvedWithLinks,
  event('ResolutionRejected', { by: customerActor, reason: 'Not enough.', resolutionId: RESOLUTION_1 }),
  event('ComplaintReopened', { by: customerActor, reason: 'The customer rejected the resolution.' }),
  withId(RESOLUTION_2, T.now),
];
const viaLink = (resolutionId: string) => ({ resolutionId });
const phone = { source: 'by phone, call of 4 March' };

describe('links bound to one resolution', () => {
  it("a resolution carries its id, and the state keeps it for the links' checks", () => {
    specAt(T.resolved)
      .given(open)
      .when(
        command('ResolveComplaint', {
          summary: 'Refunded the second charge.',
          outcome: 'upheld',
          remedies: [{ type: 'refund', amount: { amount: '25.00', currency: 'GBP' } }],
          firstContact: false,
          resolutionId: RESOLUTION_1,
        }),
      )
      .then(withId(RESOLUTION_1));
    expect(stateOf(resolvedWithLinks)).toMatchObject({ resolution: { number: 1, id: RESOLUTION_1 } });
  });

  it('a link of the current resolution acts, naming it', () => {
    specAt(T.accepted)
      .given(resolvedWithLinks)
      .when(command('AcceptResolution', viaLink(RESOLUTION_1), customerActor))
      .then(event('ResolutionAccepted', { at: T.accepted, by: customerActor, resolutionId: RESOLUTION_1 }));
  });

  it.each([
    [
      'reject',
      command(
        'RejectResolution',
        { reason: 'Reject this one too.', ...viaLink(RESOLUTION_1) },
        customerActor,
      ),
    ],
    ['accept', command('AcceptResolution', viaLink(RESOLUTION_1), customerActor)],
    ['survey', command('RecordSatisfaction', { score: 1, ...viaLink(RESOLUTION_1) }, customerActor)],
  ])('refuses the %s link of a superseded resolution (attack: reuse an old link)', (_action, cmd) => {
    specAt().given(resolvedTwice).when(cmd).thenThrows(violates(customerLinkRules.superseded));
  });

  it('refuses a link for a resolution recorded before links were bound (it has no id)', () => {
    specAt()
      .given(histories.resolved)
      .when(command('AcceptResolution', viaLink(RESOLUTION_1), customerActor))
      .thenThrows(violates(customerLinkRules.superseded));
  });

  it('a second decision through the same link is refused: the complaint reopened', () => {
    specAt()
      .given(resolvedTwice.slice(0, -1))
      .when(command('RejectResolution', { reason: 'Again.', ...viaLink(RESOLUTION_1) }, customerActor))
      .thenThrows(violates('cannot reject the resolution of a complaint in progress'));
  });
});

describe('RevokeCustomerLinks', () => {
  const revoke = () => command('RevokeCustomerLinks', { reason: 'Sent to a wrong address.' }, supervisor);
  const revoked = event('CustomerLinksRevoked', {
    by: supervisor,
    resolutionId: RESOLUTION_1,
    reason: 'Sent to a wrong address.',
  });

  it("revokes the current resolution's links", () => {
    specAt().given(resolvedWithLinks).when(revoke()).then(revoked);
    expect(stateOf([...resolvedWithLinks, revoked])).toMatchObject({
      resolution: { id: RESOLUTION_1, linksRevokedAt: T.now },
    });
  });

  it('revoking again is an idempotent repeat', () => {
    specAt()
      .given([...resolvedWithLinks, revoked])
      .when(revoke())
      .thenNothingHappens();
  });

  it.each([
    ['accept', command('AcceptResolution', viaLink(RESOLUTION_1), customerActor)],
    [
      'reject',
      command('RejectResolution', { reason: 'Whoever reads this.', ...viaLink(RESOLUTION_1) }, customerActor),
    ],
    ['survey', command('RecordSatisfaction', { score: 5, ...viaLink(RESOLUTION_1) }, customerActor)],
  ])('a revoked %s link no longer acts', (_action, cmd) => {
    specAt()
      .given([...resolvedWithLinks, revoked])
      .when(cmd)
      .thenThrows(violates(customerLinkRules.revoked));
  });

  it("a later resolution's links are new and act", () => {
    const history = [
      ...resolvedWithLinks,
      revoked,
      event('ComplaintReopened', { reason: 'Resent with the right address.' }),
      withId(RESOLUTION_2, T.now),
    ];
    specAt()
      .given(history)
      .when(command('AcceptResolution', viaLink(RESOLUTION_2), customerActor))
      .then(event('ResolutionAccepted', { by: customerActor, resolutionId: RESOLUTION_2 }));
  });

  it('refuses a complaint whose resolution was not sent with links', () => {
    specAt()
      .given(histories.in_progress)
      .when(revoke())
      .thenThrows(violates('cannot revoke customer links of a complaint with no resolution sent with links'));
  });
});

describe("staff record the customer's acts only with a source", () => {
  it.each([
    ['an acceptance', command('AcceptResolution', {}, agent)],
    ['a rejection', command('RejectResolution', { reason: 'Said no on the phone.' }, agent)],
    ['a satisfaction score', command('RecordSatisfaction', { score: 5 }, supervisor)],
    ['a response', command('RecordCustomerResponse', { message: 'Order 1234.', channel: 'phone' }, agent)],
  ])('refuses %s recorded without a source (attack: an agent answers for the customer)', (_what, cmd) => {
    specAt()
      .given(histories.resolved)
      .when(cmd)
      .thenThrows(
        violates("cannot record the customer's act on their behalf without its source (such as 'by phone')"),
      );
  });

  it('records an acceptance with its source', () => {
    specAt(T.accepted)
      .given(histories.resolved)
      .when(command('AcceptResolution', phone, agent))
      .then(event('ResolutionAccepted', { at: T.accepted, by: agent, ...phone }));
  });

  it("records the customer's own acceptance after one staff recorded for them", () => {
    const byPhone = event('ResolutionAccepted', { at: T.accepted, by: agent, ...phone });
    specAt()
      .given([...histories.resolved, byPhone])
      .when(command('AcceptResolution', {}, customerActor))
      .then(event('ResolutionAccepted', { by: customerActor }));
    const confirmed = [...histories.resolved, byPhone, event('ResolutionAccepted', { by: customerActor })];
    expect(stateOf(confirmed)).toMatchObject({ resolution: { acceptedAt: T.accepted } });
    expect(stateOf(confirmed)).not.toHaveProperty('resolution.acceptanceSource');
    specAt()
      .given(confirmed)
      .when(command('AcceptResolution', {}, customerActor))
      .thenNothingHappens();
  });

  it("the customer's own rejection overrides an acceptance staff recorded for them", () => {
    const byPhone = event('ResolutionAccepted', { at: T.accepted, by: agent, ...phone });
    specAt()
      .given([...histories.resolved, byPhone])
      .when(command('RejectResolution', { reason: 'I never agreed.' }, customerActor))
      .then([
        event('ResolutionRejected', { by: customerActor, reason: 'I never agreed.' }),
        event('ComplaintReopened', { by: customerActor, reason: 'The customer rejected the resolution.' }),
      ]);
  });

  it('staff cannot reject a resolution the customer accepted themselves', () => {
    specAt()
      .given([...histories.resolved, accepted()])
      .when(command('RejectResolution', { reason: 'Called back.', ...phone }, agent))
      .thenThrows(violates('cannot reject a resolution the customer has accepted'));
  });

  it("records the customer's own survey answer after a score staff recorded by phone", () => {
    const byPhone = event('SatisfactionRecorded', { by: agent, score: 5, ...phone });
    specAt()
      .given([...histories.resolved, byPhone])
      .when(command('RecordSatisfaction', { score: 2, ...viaLink(RESOLUTION_1) }, customerActor))
      .thenThrows(violates(customerLinkRules.superseded));
    specAt()
      .given([...histories.resolved, byPhone])
      .when(command('RecordSatisfaction', { score: 2, comment: 'Not happy.' }, customerActor))
      .then(event('SatisfactionRecorded', { by: customerActor, score: 2, comment: 'Not happy.' }));
    const answered = [
      ...histories.resolved,
      byPhone,
      event('SatisfactionRecorded', { by: customerActor, score: 2 }),
    ];
    expect(stateOf(answered)).toMatchObject({ satisfaction: { score: 2, resolution: 1 } });
    expect(stateOf(answered)).not.toHaveProperty('satisfaction.source');
  });

  it("staff cannot record over the customer's own score", () => {
    const own = event('SatisfactionRecorded', { by: customerActor, score: 2 });
    specAt()
      .given([...histories.resolved, own])
      .when(command('RecordSatisfaction', { score: 5, ...phone }, agent))
      .thenThrows(
        violates(
          'cannot record a satisfaction score on behalf of a customer who has answered for this resolution',
        ),
      );
  });

  it('records a response taken by phone with its source', () => {
    specAt(T.responded)
      .given(histories.in_progress)
      .when(command('RecordCustomerResponse', { message: 'Order 1234.', channel: 'phone', ...phone }, agent))
      .then(
        event('CustomerResponded', { at: T.responded, message: 'Order 1234.', channel: 'phone', ...phone }),
      );
  });
});

describe('e-mail replies: the sender is compared with the customer', () => {
  const reply = (from: string, authenticated: boolean) =>
    command(
      'RecordCustomerResponse',
      { message: 'Send the refund to IBAN XX00 EVIL.', channel: 'email', from, authenticated },
      { id: 'email-gateway', role: 'channel' },
    );

  it("records the customer's authenticated reply with its sender, answering the request", () => {
    const [responded, ...rest] = decideAt(
      T.responded,
      histories.awaiting_customer,
      reply('Olena@Example.com', true),
    );
    expect(rest).toEqual([]);
    expect(responded).toMatchObject({
      type: 'CustomerResponded',
      data: {
        from: 'Olena@Example.com',
        requestId: REQUEST_ID,
        message: 'Send the refund to IBAN XX00 EVIL.',
      },
    });
    expect(stateOf([...histories.awaiting_customer, responded!])).toMatchObject({ status: 'in_progress' });
  });

  it.each([
    ['another address', 'attacker@evil.example', true, ['sender_not_customer']],
    ['a failed DMARC/DKIM verdict', 'olena@example.com', false, ['authentication_failed']],
    ['both', 'attacker@evil.example', false, ['sender_not_customer', 'authentication_failed']],
  ])(
    'records a reply from %s as unverified: no clock moves (attack: a planted reply)',
    (_from, from, auth, reasons) => {
      const unverified = event('UnverifiedResponseReceived', {
        at: T.responded,
        by: { id: 'email-gateway', role: 'channel' },
        from,
        reasons: reasons as ('sender_not_customer' | 'authentication_failed')[],
        message: 'Send the refund to IBAN XX00 EVIL.',
        channel: 'email',
      });
      specAt(T.responded).given(histories.awaiting_customer).when(reply(from, auth)).then(unverified);
      const before = stateOf(histories.awaiting_customer);
      const after = stateOf([...histories.awaiting_customer, unverified]);
      // Still awaiting the customer: the pause, the open question and the deadlines are as they were.
      expect(after).toMatchObject({ status: 'awaiting_customer', unverifiedResponseCount: 1 });
      if (before.status === 'none' || after.status === 'none') throw new Error('not filed');
      expect(after.pauses).toEqual(before.pauses);
      expect(after.deadlines).toEqual(before.deadlines);
      expect(after.met).toEqual(before.met);
    },
  );
});
