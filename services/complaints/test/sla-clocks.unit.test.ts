// The clocks of one complaint. Unless a spec says otherwise the policy is the spec policy (UK calendar,
// Mon–Fri 09:00–17:30 Europe/London; acknowledge 2, first response 6, resolve 16 business hours; at risk
// within 30 business minutes) and the complaint arrives on Mon 9 Mar 2026 09:00 GMT (= 09:00Z), so
// without pauses acknowledge is due 11:00Z, first response 15:00Z and resolve Tue 10 Mar 16:30Z
// (8.5 h on Monday, 7.5 h on Tuesday).
import {
  type ClockInput,
  computeClocks,
  dueTimes,
  escalationLadder,
  findPolicy,
  nextBreach,
  nextEscalation,
  type SlaClocks,
  type TargetKey,
} from '../src/sla/index.js';
import { at, bundled, HOUR, MINUTE, standard, testPolicy } from './sla-fixtures.js';

const received = at('2026-03-09T09:00:00Z');
const input = (over: Partial<ClockInput> = {}): ClockInput => ({
  receivedAt: received,
  priority: 'medium',
  policy: testPolicy(),
  region: 'GB-ENG',
  ...over,
});
const target = (clocks: SlaClocks, key: TargetKey) => {
  const found = [...clocks.operational, ...clocks.regulatory].find((t) => t.key === key);
  if (!found) throw new Error(`no target ${key}`);
  return found;
};
const due = (clocks: SlaClocks, key: TargetKey) => target(clocks, key).dueAt.toISOString();

describe('the operational clock', () => {
  it('is pushed out by the working time spent awaiting the customer', () => {
    // Paused Mon 13:00 to Tue 10:00: 4.5 h on Monday and 1 h on Tuesday of working time.
    const clocks = computeClocks(
      input({ pauses: [{ from: at('2026-03-09T13:00:00Z'), to: at('2026-03-10T10:00:00Z') }] }),
      at('2026-03-10T12:00:00Z'),
    );
    // Acknowledge was due before the pause began: unchanged.
    expect(due(clocks, 'operational:acknowledge')).toBe('2026-03-09T11:00:00.000Z');
    // First response: 4 h ran before the pause, the last 2 h run from Tue 10:00.
    expect(due(clocks, 'operational:first_response')).toBe('2026-03-10T12:00:00.000Z');
    // Resolve: Tue 16:30 + 5.5 h = 1 h on Tuesday, then Wed 09:00 + 4.5 h.
    expect(due(clocks, 'operational:resolve')).toBe('2026-03-11T13:30:00.000Z');
    expect(clocks.paused).toBe(false);
  });

  it('stops while paused and is recomputed on resume', () => {
    const from = at('2026-03-09T13:00:00Z');
    // Mon 15:00, still awaiting the customer: due times assume a resume now, 2 h of pause so far.
    const during = computeClocks(input({ pauses: [{ from }] }), at('2026-03-09T15:00:00Z'));
    expect(during.paused).toBe(true);
    expect(target(during, 'operational:first_response').state).toBe('paused');
    expect(due(during, 'operational:first_response')).toBe('2026-03-09T17:00:00.000Z');
    // Resolve: Tue 16:30 + 2 h = Tue 17:30 + 1 h = Wed 10:00.
    expect(due(during, 'operational:resolve')).toBe('2026-03-11T10:00:00.000Z');
    // Resumed Tue 10:00: the pause is 5.5 h of working time, as in the spec above.
    const after = computeClocks(
      input({ pauses: [{ from, to: at('2026-03-10T10:00:00Z') }] }),
      at('2026-03-10T10:00:00Z'),
    );
    expect(after.paused).toBe(false);
    expect(due(after, 'operational:resolve')).toBe('2026-03-11T13:30:00.000Z');
    expect(target(after, 'operational:resolve').state).toBe('on_track');
  });

  it('counts overlapping pauses once', () => {
    // 10:00–11:00 and 10:30–12:00 are one 2 h pause: acknowledge moves from 11:00 to 13:00.
    const clocks = computeClocks(
      input({
        pauses: [
          { from: at('2026-03-09T10:30:00Z'), to: at('2026-03-09T12:00:00Z') },
          { from: at('2026-03-09T10:00:00Z'), to: at('2026-03-09T11:00:00Z') },
        ],
      }),
      at('2026-03-09T12:30:00Z'),
    );
    expect(due(clocks, 'operational:acknowledge')).toBe('2026-03-09T13:00:00.000Z');
  });

  it('pushes a calendar-day target out by the elapsed pause, on the local wall clock across DST', () => {
    // us-cfpb, medium: resolve in 10 calendar days. Received Mon 2 Mar 10:00 EST (15:00Z); 10 days later
    // is Thu 12 Mar 10:00 EDT (14:00Z), US clocks having gone forward on 8 Mar. A 26 h pause adds 26 h.
    const policy = findPolicy(bundled, 'us-cfpb', 1);
    const base = {
      receivedAt: at('2026-03-02T15:00:00Z'),
      priority: 'medium' as const,
      policy,
      region: 'US-NY',
    };
    expect(due(computeClocks(base, at('2026-03-03T12:00:00Z')), 'operational:resolve')).toBe(
      '2026-03-12T14:00:00.000Z',
    );
    const paused = {
      ...base,
      pauses: [{ from: at('2026-03-03T15:00:00Z'), to: at('2026-03-04T17:00:00Z') }],
    };
    expect(due(computeClocks(paused, at('2026-03-05T12:00:00Z')), 'operational:resolve')).toBe(
      '2026-03-13T16:00:00.000Z',
    );
  });
});

describe('target states', () => {
  const ack = (now: string, met?: string) =>
    target(
      computeClocks(input(met ? { met: { acknowledge: at(met) } } : {}), at(now)),
      'operational:acknowledge',
    );

  it('is on track, then at risk within the window, then breached after the due time', () => {
    expect(ack('2026-03-09T10:15:00Z')).toMatchObject({ state: 'on_track', remaining: { ms: 45 * MINUTE } });
    // 30 business minutes from 10:30 reach the due time.
    expect(ack('2026-03-09T10:30:00Z').state).toBe('at_risk');
    // At the due time itself the target is not yet breached.
    expect(ack('2026-03-09T11:00:00Z').state).toBe('at_risk');
    expect(ack('2026-03-09T11:45:00Z')).toMatchObject({
      state: 'breached',
      remaining: { ms: 0, workingMs: 0 },
      overdueBy: { ms: 45 * MINUTE, workingMs: 45 * MINUTE },
    });
  });

  it('says how late both in elapsed and in working time', () => {
    // Mon 11:00 to Tue 09:30 is 22.5 h, of which 6.5 h on Monday and 0.5 h on Tuesday are working time.
    expect(ack('2026-03-10T09:30:00Z').overdueBy).toEqual({ ms: 22.5 * HOUR, workingMs: 7 * HOUR });
  });

  it('is met when done by the due time, and breached when done late', () => {
    expect(ack('2026-03-10T12:00:00Z', '2026-03-09T10:59:00Z')).toMatchObject({
      state: 'met',
      remaining: { ms: MINUTE },
    });
    expect(ack('2026-03-10T12:00:00Z', '2026-03-09T11:05:00Z')).toMatchObject({
      state: 'breached',
      metAt: at('2026-03-09T11:05:00Z'),
      overdueBy: { ms: 5 * MINUTE },
    });
  });
});

describe('the regulatory clock', () => {
  const pause = { from: at('2026-03-09T13:00:00Z'), to: at('2026-03-20T13:00:00Z') };

  it('runs through a pause (FCA DISP: 3rd business day and 8 weeks)', () => {
    const policy = testPolicy('fca_disp');
    const now = at('2026-03-23T09:00:00Z');
    for (const pauses of [[], [pause]]) {
      const clocks = computeClocks(input({ policy, pauses }), now);
      // Close of business on Thu 12 Mar, the 3rd business day after Mon 9 Mar.
      expect(due(clocks, 'regulatory:summary_resolution')).toBe('2026-03-12T17:30:00.000Z');
      // 56 days after 9 Mar is Mon 4 May; its end in BST is 22:59:59.999Z.
      expect(due(clocks, 'regulatory:final_response')).toBe('2026-05-04T22:59:59.999Z');
    }
  });

  it('treats the FCA summary deadline as a milestone: missed, not breached', () => {
    const clocks = computeClocks(input({ policy: testPolicy('fca_disp') }), at('2026-03-13T09:00:00Z'));
    expect(target(clocks, 'regulatory:summary_resolution')).toMatchObject({
      state: 'missed',
      binding: false,
    });
  });

  it('gives PSD2 15 business days, or 35 when marked exceptional in time', () => {
    const policy = testPolicy('psd2');
    const receivedAt = at('2026-03-09T10:00:00Z');
    const final = (over: Partial<ClockInput>, now = '2026-03-20T12:00:00Z') =>
      target(computeClocks(input({ policy, receivedAt, ...over }), at(now)), 'regulatory:final_response');
    // 15 business days after Mon 9 Mar: Mon 30 Mar, closing 17:30 BST = 16:30Z.
    expect(final({}).dueAt.toISOString()).toBe('2026-03-30T16:30:00.000Z');
    // Northern Ireland loses St Patrick's Day (Tue 17 Mar): one day later.
    expect(final({ region: 'GB-NIR' }).dueAt.toISOString()).toBe('2026-03-31T16:30:00.000Z');
    // 35 business days, skipping Good Friday and Easter Monday: Wed 29 Apr, 16:30Z.
    expect(final({ markers: { exceptional: at('2026-03-20T12:00:00Z') } }).dueAt.toISOString()).toBe(
      '2026-04-29T16:30:00.000Z',
    );
    // Marked after the 15 days ran out: no extension, and the deadline is breached.
    expect(
      final({ markers: { exceptional: at('2026-03-31T09:00:00Z') } }, '2026-03-31T10:00:00Z'),
    ).toMatchObject({
      dueAt: at('2026-03-30T16:30:00.000Z'),
      state: 'breached',
    });
  });

  it('gives CFPB 15 calendar days, or 60 when marked in progress', () => {
    // Received Sun 1 Mar 10:00 EST. Day 15 is Mon 16 Mar, ending 23:59:59.999 EDT = 03:59:59.999Z next day;
    // day 60 is Thu 30 Apr.
    const policy = findPolicy(bundled, 'us-cfpb', 1);
    const base = { receivedAt: at('2026-03-01T15:00:00Z'), priority: 'low' as const, policy };
    const final = (over: Partial<ClockInput>, now: string) =>
      target(computeClocks({ ...base, ...over }, at(now)), 'regulatory:final_response');
    expect(final({}, '2026-03-17T12:00:00Z')).toMatchObject({
      dueAt: at('2026-03-17T03:59:59.999Z'),
      state: 'breached',
    });
    expect(
      final({ markers: { inProgress: at('2026-03-10T14:00:00Z') } }, '2026-03-17T12:00:00Z'),
    ).toMatchObject({
      dueAt: at('2026-05-01T03:59:59.999Z'),
      state: 'on_track',
    });
    expect(
      final({ markers: { inProgress: at('2026-03-18T14:00:00Z') } }, '2026-03-18T15:00:00Z').dueAt,
    ).toEqual(at('2026-03-17T03:59:59.999Z'));
  });
});

describe('dueTimes', () => {
  it("gives computeClocks' due times for every bundled policy and priority, with pauses, markers and met targets", () => {
    const variants: Partial<ClockInput>[] = [
      {},
      { pauses: [{ from: at('2026-03-09T13:00:00Z'), to: at('2026-03-10T10:00:00Z') }] },
      { pauses: [{ from: at('2026-03-09T10:00:00Z') }] },
      { markers: { inProgress: at('2026-03-10T14:00:00Z'), exceptional: at('2026-03-11T09:00:00Z') } },
      { met: { acknowledge: at('2026-03-09T09:30:00Z'), resolve: at('2026-03-12T12:00:00Z') } },
      { region: 'GB-SCT', receivedAt: at('2026-03-14T22:15:00Z') },
    ];
    let compared = 0;
    for (const policy of bundled.policies) {
      for (const priority of ['low', 'medium', 'high', 'urgent'] as const) {
        for (const variant of variants) {
          const clockInput = input({ policy, priority, ...variant });
          const now = at('2026-03-11T15:00:00Z');
          const { operational, regulatory } = computeClocks(clockInput, now);
          const expected = [...operational, ...regulatory].map(({ key, dueAt }) => ({ key, dueAt }));
          expect(dueTimes(clockInput, now)).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(bundled.policies.length * 4 * variants.length * 3 - 1);
  });
});

describe('nextBreach', () => {
  it('skips paused targets, so the regulatory deadline is next while awaiting the customer', () => {
    const state = input({
      policy: testPolicy('fca_disp'),
      met: { acknowledge: at('2026-03-09T10:00:00Z') },
      pauses: [{ from: at('2026-03-09T13:00:00Z') }],
    });
    expect(nextBreach(state, at('2026-03-09T15:00:00Z'))).toEqual({
      key: 'regulatory:final_response',
      dueAt: at('2026-05-04T22:59:59.999Z'),
    });
  });

  it('reports an overdue target until its breach is recorded, then the next one', () => {
    const state = input({
      policy: testPolicy('fca_disp'),
      met: { acknowledge: at('2026-03-09T10:00:00Z'), first_response: at('2026-03-09T12:00:00Z') },
    });
    const now = at('2026-03-13T09:00:00Z');
    expect(nextBreach(state, now)).toEqual({ key: 'operational:resolve', dueAt: at('2026-03-10T16:30:00Z') });
    expect(nextBreach({ ...state, recordedBreaches: ['operational:resolve'] }, now)?.key).toBe(
      'regulatory:final_response',
    );
    // Resolved: nothing is left to watch.
    expect(nextBreach({ ...state, met: { ...state.met, resolve: now } }, now)).toBeUndefined();
  });
});

describe('the escalation ladder', () => {
  it('climbs at breach, +4 business hours and +1 business day, in working time', () => {
    // Breach Tue 10 Mar 16:00 GMT: level 2 after 1.5 h on Tuesday and 2.5 h on Wednesday; level 3 at the
    // same time of day one business day later.
    const breachedAt = at('2026-03-10T16:00:00Z');
    expect(escalationLadder(standard, breachedAt, 'GB-ENG')).toEqual([
      { level: 1, dueAt: at('2026-03-10T16:00:00Z'), to: 'team-lead' },
      { level: 2, dueAt: at('2026-03-11T11:30:00Z'), to: 'complaints-manager' },
      { level: 3, dueAt: at('2026-03-11T16:00:00Z'), to: 'head-of-complaints' },
    ]);
    expect(nextEscalation(standard, breachedAt, 1, 'GB-ENG')?.level).toBe(2);
    expect(nextEscalation(standard, breachedAt, 3, 'GB-ENG')).toBeUndefined();
  });

  it('waits over the weekend', () => {
    // Breach Fri 13 Mar 17:00: 0.5 h on Friday, then Mon 16 Mar 09:00 + 3.5 h = 12:30.
    expect(nextEscalation(standard, at('2026-03-13T17:00:00Z'), 1, 'GB-ENG')).toEqual({
      level: 2,
      dueAt: at('2026-03-16T12:30:00Z'),
      to: 'complaints-manager',
    });
  });
});
