// PSD2 art. 101 holding reply: the exceptional 35-business-day deadline, its rules, and the clocks.
import type { ComplaintEvent, ComplaintFiled } from '@chp/contracts';
import { clockInputOf, type FiledComplaint } from '../src/complaint/index.js';
import { computeClocks } from '../src/sla/index.js';
import {
  acknowledged,
  closed,
  command,
  decideAt,
  event,
  fileCommand,
  policies,
  requested,
  resolved,
  specAt,
  stateOf,
  supervisor,
  T,
  triaged,
  violates,
  withdrawn,
} from './complaint-fixtures.js';

const REASON =
  'We are waiting for the card scheme to return the disputed payment; this is outside our control.';
/** PSD2: close of business (17:30 GMT) on the 15th business day after Mon 2 March. */
const STANDARD_DUE = '2026-03-23T17:30:00.000Z';
/**
 * The 35th business day after Mon 2 March: Mon 23 March is the 15th, Mon 30 the 20th; Good Friday
 * (3 April) is a holiday everywhere, Easter Monday only in some regions, so without a region
 * Mon 6 April counts (the 24th) and Tue 21 April is the 35th: 17:30 BST = 16:30 UTC.
 */
const EXCEPTIONAL_DUE = '2026-04-21T16:30:00.000Z';

const psd2Filed = (region?: string) =>
  decideAt(
    T.received,
    [],
    fileCommand({ category: 'payments', ...(region ? { region } : {}) }),
  )[0] as ComplaintFiled;
const psd2Open: ComplaintEvent[] = [psd2Filed(), acknowledged(), triaged()];
const filedDeadlines = psd2Filed().data.deadlines as Record<string, string>;

const holdingReply = (reason = REASON) => command('SendHoldingReply', { reason });

const sent = (at: string = T.now, deadlines: Record<string, string> = filedDeadlines) =>
  event('HoldingReplySent', {
    at,
    regime: 'psd2',
    reason: REASON,
    previousDueAt: STANDARD_DUE,
    dueAt: EXCEPTIONAL_DUE,
    deadlines: { ...deadlines, regulatory_final_response: EXCEPTIONAL_DUE },
  });

describe('SendHoldingReply', () => {
  it('records the holding reply with the reason, the regime and both due times; the deadline becomes 35 business days', () => {
    expect(filedDeadlines.regulatory_final_response).toBe(STANDARD_DUE);
    specAt(T.now).given(psd2Open).when(holdingReply()).then(sent());
  });

  it('sets the PSD2 exceptional marker, records the new deadline and meets the first response', () => {
    const state = stateOf([...psd2Open, sent()]) as FiledComplaint;
    expect(state.markers).toEqual({ inProgress: T.triaged, exceptional: T.now });
    expect(state.deadlines.regulatory_final_response).toBe(EXCEPTIONAL_DUE);
    expect(state.met.first_response).toBe(T.now);
  });

  it('is open to supervisors too, and may come from a received complaint', () => {
    specAt(T.now)
      .given([psd2Filed()])
      .when(command('SendHoldingReply', { reason: REASON }, supervisor))
      .then({ ...sent(), data: { ...sent().data, by: supervisor } });
  });

  it('is allowed up to the very instant the 15-day deadline falls', () => {
    const [reply] = decideAt(STANDARD_DUE, psd2Open, holdingReply());
    expect(reply).toMatchObject({
      type: 'HoldingReplySent',
      data: { at: STANDARD_DUE, dueAt: EXCEPTIONAL_DUE },
    });
  });

  it('while awaiting the customer, moves only the regulatory deadline: the operational ones wait for the answer', () => {
    const awaiting = [...psd2Open, requested()];
    const [reply] = decideAt(T.now, awaiting, holdingReply());
    expect(reply?.data).toMatchObject({
      deadlines: { ...filedDeadlines, regulatory_final_response: EXCEPTIONAL_DUE },
    });
    expect(stateOf([...awaiting, reply!])).toMatchObject({ status: 'awaiting_customer' });
  });

  it('counts the regional holidays of the region recorded at filing (GB-ENG: Easter Monday)', () => {
    const [reply] = decideAt(T.now, [psd2Filed('GB-ENG'), acknowledged()], holdingReply());
    // Easter Monday (6 April) is a holiday in England: the 35th business day is Wed 22 April.
    expect(reply?.data).toMatchObject({ previousDueAt: STANDARD_DUE, dueAt: '2026-04-22T16:30:00.000Z' });
  });

  describe('refuses', () => {
    it('a complaint not under PSD2 (standard policy: no regime)', () => {
      specAt(T.now)
        .given([decideAt(T.received, [], fileCommand())[0]!, acknowledged()])
        .when(holdingReply())
        .thenThrows(violates('cannot send a PSD2 holding reply for a complaint not under PSD2'));
    });

    it('a complaint under another regime (FCA DISP)', () => {
      const fca = {
        ...psd2Filed(),
        data: {
          ...psd2Filed().data,
          sla: { policyId: 'uk-fca-disp', policyVersion: 1, regulatoryRegime: 'fca_disp' as const },
        },
      };
      specAt(T.now)
        .given([fca, acknowledged()])
        .when(holdingReply())
        .thenThrows(violates('cannot send a PSD2 holding reply for a complaint not under PSD2'));
    });

    it('a second holding reply', () => {
      specAt('2026-03-05T10:00:00.000Z')
        .given([...psd2Open, sent()])
        .when(holdingReply())
        .thenThrows(violates('cannot send a holding reply twice'));
    });

    it('a holding reply after the 15-business-day deadline has passed', () => {
      specAt('2026-03-23T17:30:00.001Z')
        .given(psd2Open)
        .when(holdingReply())
        .thenThrows(violates('cannot send a holding reply once the 15-business-day deadline has passed'));
    });

    it.each([
      ['resolved', [...psd2Open, resolved()], 'cannot send a holding reply for a resolved complaint'],
      [
        'closed',
        [...psd2Open, resolved(), event('ResolutionAccepted', { at: T.accepted }), closed('accepted')],
        'cannot send a holding reply for a closed complaint',
      ],
      ['withdrawn', [psd2Filed(), withdrawn()], 'cannot send a holding reply for a withdrawn complaint'],
      [
        'dismissed',
        [psd2Filed(), closed('dismissed', T.ended)],
        'cannot send a holding reply for a dismissed complaint',
      ],
    ])('a %s complaint', (_status, given, rule) => {
      specAt(T.now).given(given).when(holdingReply()).thenThrows(violates(rule));
    });
  });
});

describe('the PSD2 clock after a holding reply', () => {
  const finalResponse = (events: ComplaintEvent[], now: string) =>
    computeClocks(clockInputOf(stateOf(events) as FiledComplaint, policies), new Date(now)).regulatory.find(
      (c) => c.key === 'regulatory:final_response',
    )!;

  it('is due 35 business days after receipt, and no longer breached after the 15th', () => {
    const without = finalResponse(psd2Open, '2026-03-24T09:00:00.000Z');
    expect({ dueAt: without.dueAt.toISOString(), state: without.state }).toEqual({
      dueAt: STANDARD_DUE,
      state: 'breached',
    });
    const withReply = finalResponse([...psd2Open, sent()], '2026-03-24T09:00:00.000Z');
    expect({ dueAt: withReply.dueAt.toISOString(), state: withReply.state }).toEqual({
      dueAt: EXCEPTIONAL_DUE,
      state: 'on_track',
    });
  });

  it('agrees with the due time the event recorded', () => {
    const events = [...psd2Open, sent()];
    expect(finalResponse(events, T.now).dueAt.toISOString()).toBe(
      (stateOf(events) as FiledComplaint).deadlines.regulatory_final_response,
    );
  });
});
