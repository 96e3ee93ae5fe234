// The monitor's cheap wake-up estimate (recorded deadlines) against the exact next action
// (recomputed clocks): the estimate must never be later, or a breach would be recorded late.
import type { ComplaintCommand, ComplaintEvent } from '@chp/contracts';
import { type ComplaintState, decide, evolve, initialState } from '../src/complaint/index.js';
import { nextSlaAction, wakeHint } from '../src/sla-monitor/index.js';
import { command, fileCommand, monitor, policies, REQUEST_ID, T } from './complaint-fixtures';

type Step = [at: string, command: ComplaintCommand];

function run(steps: readonly Step[]): ComplaintState {
  let state = initialState();
  for (const [at, cmd] of steps) {
    const events: ComplaintEvent[] = decide(cmd, state, { now: at, policies });
    state = events.reduce(evolve, state);
  }
  return state;
}

const filing: Step = [T.received, fileCommand({ priority: 'medium' })];
const acknowledging: Step = [T.acknowledged, command('AcknowledgeComplaint', {})];
const asking: Step = [
  T.requested,
  command('RequestCustomerInformation', { requestId: REQUEST_ID, question: 'Which card?' }),
];
const answering: Step = [
  '2026-03-20T14:00:00.000Z',
  command(
    'RecordCustomerResponse',
    { requestId: REQUEST_ID, message: 'The Visa one.', channel: 'email' },
    monitor,
  ),
];
const breaching: Step = [
  '2026-03-04T09:00:00.000Z',
  command('RecordSlaBreach', { target: 'acknowledge', dueAt: '2026-03-03T10:00:00.000Z' }, monitor),
];
const resolving: Step = [
  '2026-03-05T10:00:00.000Z',
  command('ResolveComplaint', { summary: 'Refunded.', outcome: 'upheld', remedies: [], firstContact: false }),
];
const rejecting: Step = [
  '2026-03-06T10:00:00.000Z',
  command('RejectResolution', { reason: 'Only half was refunded.' }, monitor),
];

const holdingReply: Step = [
  '2026-03-10T10:00:00.000Z',
  command('SendHoldingReply', { reason: 'Waiting for the card scheme.' }),
];

const scenarios: Record<string, Step[]> = {
  'filed (standard)': [filing],
  'filed under PSD2 (a regulatory clock)': [[T.received, fileCommand({ category: 'payments' })]],
  acknowledged: [filing, acknowledging],
  'triaged up to urgent (shorter targets)': [
    filing,
    acknowledging,
    [T.triaged, command('TriageComplaint', { category: 'billing', priority: 'urgent', severity: 'major' })],
  ],
  'awaiting the customer (paused)': [filing, acknowledging, asking],
  'resumed two weeks later (moved targets)': [filing, acknowledging, asking, answering],
  'paused under PSD2 (the regulatory clock runs on)': [
    [T.received, fileCommand({ category: 'payments' })],
    acknowledging,
    asking,
  ],
  'PSD2 holding reply (35 business days)': [
    [T.received, fileCommand({ category: 'payments' })],
    acknowledging,
    holdingReply,
  ],
  'PSD2 holding reply while paused': [
    [T.received, fileCommand({ category: 'payments' })],
    acknowledging,
    asking,
    holdingReply,
  ],
  'breached (the ladder runs)': [filing, breaching],
  'resolved (nothing to do)': [filing, acknowledging, resolving],
  'reopened by a rejection': [filing, acknowledging, resolving, rejecting],
};

/**
 * Every 12 hours for 40 days from a minute after the last step: the monitor never looks at a time
 * before the events it read (and at the very instant a pause starts, src/sla still counts it as running).
 */
const instantsAfter = (steps: readonly Step[]) => {
  const from = Date.parse(steps.at(-1)?.[0] ?? T.received) + 60_000;
  return Array.from({ length: 80 }, (_, i) => new Date(from + i * 12 * 3_600_000));
};

describe('wakeHint', () => {
  it.each(Object.entries(scenarios))('is never later than the exact next action: %s', (_name, steps) => {
    const state = run(steps);
    const hint = wakeHint(state, policies);
    for (const now of instantsAfter(steps)) {
      const exact = nextSlaAction(state, policies, now);
      if (exact === undefined) continue;
      expect({ now, hint: hint === undefined ? undefined : new Date(hint) }).toEqual({
        now,
        hint: expect.any(Date),
      });
      expect(hint).toBeLessThanOrEqual(exact.dueAt.getTime());
    }
  });

  it('is undefined when nothing can come due', () => {
    expect(wakeHint(run(scenarios['resolved (nothing to do)'] ?? []), policies)).toBeUndefined();
    expect(
      nextSlaAction(run(scenarios['resolved (nothing to do)'] ?? []), policies, new Date('2026-12-01')),
    ).toBeUndefined();
  });

  it('skips paused operational targets and recorded breaches', () => {
    const paused = run(scenarios['awaiting the customer (paused)'] ?? []);
    expect(wakeHint(paused, policies)).toBeUndefined();
    const breached = run(scenarios['breached (the ladder runs)'] ?? []);
    // level 1 of the ladder is due at the breach itself, before the first response target
    expect(wakeHint(breached, policies)).toBe(Date.parse('2026-03-03T10:00:00.000Z'));
  });
});

describe('after a PSD2 holding reply', () => {
  it('wakes for the 35-business-day deadline, not the 15-day one', () => {
    const state = run(scenarios['PSD2 holding reply while paused'] ?? []);
    // Operational targets are paused; the regulatory one now falls on Tue 21 April, 17:30 BST.
    expect(wakeHint(state, policies)).toBe(Date.parse('2026-04-21T16:30:00.000Z'));
    expect(nextSlaAction(state, policies, new Date('2026-03-24T09:00:00.000Z'))).toEqual({
      kind: 'breach',
      target: 'regulatory_final_response',
      dueAt: new Date('2026-04-21T16:30:00.000Z'),
    });
  });
});
