// Working time in the bundled UK calendar: Mon–Fri 09:00–17:30 Europe/London with regional bank
// holidays. London is on GMT (UTC+0) until 29 March 2026 and from 25 October 2026, BST (UTC+1) between.
import {
  addBusinessDays,
  addWorkingTime,
  endOfBusinessDay,
  isBusinessDay,
  workingTimeBetween,
} from '../src/sla/index.js';
import { at, calendarOf, HOUR, MINUTE, uk } from './sla-fixtures.js';

describe('addWorkingTime', () => {
  it('skips the weekend', () => {
    // Fri 6 Mar 15:00 GMT: 2.5 h until 17:30, the other 1.5 h from Mon 9 Mar 09:00.
    expect(addWorkingTime(at('2026-03-06T15:00:00Z'), 4 * HOUR, uk, 'GB-ENG').toISOString()).toBe(
      '2026-03-09T10:30:00.000Z',
    );
  });

  it('starts counting at the next opening when filed after working hours', () => {
    // Filed Fri 6 Mar 22:00: nothing counts until Mon 9 Mar 09:00, so 1 h ends at 10:00.
    expect(addWorkingTime(at('2026-03-06T22:00:00Z'), HOUR, uk, 'GB-ENG').toISOString()).toBe(
      '2026-03-09T10:00:00.000Z',
    );
    expect(workingTimeBetween(at('2026-03-06T22:00:00Z'), at('2026-03-09T09:00:00Z'), uk, 'GB-ENG')).toBe(0);
  });

  it('ends at closing time, not the next opening, when the time runs out exactly at close', () => {
    // Mon 9 Mar 09:00 + 8.5 h is the whole working day.
    expect(addWorkingTime(at('2026-03-09T09:00:00Z'), 8.5 * HOUR, uk).toISOString()).toBe(
      '2026-03-09T17:30:00.000Z',
    );
  });

  it('applies a regional holiday in its region only', () => {
    // Mon 30 Nov 2026 is St Andrew's Day, a bank holiday in Scotland only. From Fri 27 Nov 16:00 GMT,
    // 1.5 h runs out on Friday; the other 2.5 h end at 11:30 on Monday in England, Tuesday in Scotland.
    const filed = at('2026-11-27T16:00:00Z');
    expect(addWorkingTime(filed, 4 * HOUR, uk, 'GB-ENG').toISOString()).toBe('2026-11-30T11:30:00.000Z');
    expect(addWorkingTime(filed, 4 * HOUR, uk, 'GB-SCT').toISOString()).toBe('2026-12-01T11:30:00.000Z');
    // Without a region only the holidays that apply everywhere count.
    expect(addWorkingTime(filed, 4 * HOUR, uk).toISOString()).toBe('2026-11-30T11:30:00.000Z');
    expect(isBusinessDay(at('2026-11-30T12:00:00Z'), uk, 'GB-SCT')).toBe(false);
    expect(isBusinessDay(at('2026-11-30T12:00:00Z'), uk, 'GB-ENG')).toBe(true);
  });

  it('keeps local working hours across the spring DST change', () => {
    // Fri 27 Mar 16:30 GMT: 1 h until 17:30 GMT. Clocks go forward on Sun 29 Mar, so Monday opens at
    // 09:00 BST = 08:00Z and the remaining hour ends at 10:00 BST = 09:00Z.
    expect(addWorkingTime(at('2026-03-27T16:30:00Z'), 2 * HOUR, uk, 'GB-ENG').toISOString()).toBe(
      '2026-03-30T09:00:00.000Z',
    );
  });

  it('keeps local working hours across the autumn DST change', () => {
    // Fri 23 Oct 16:30 BST (15:30Z): 1 h until 17:30 BST. Clocks go back on Sun 25 Oct, so Monday opens
    // at 09:00 GMT = 09:00Z and the remaining hour ends at 10:00Z.
    expect(addWorkingTime(at('2026-10-23T15:30:00Z'), 2 * HOUR, uk, 'GB-ENG').toISOString()).toBe(
      '2026-10-26T10:00:00.000Z',
    );
  });

  it('opens at local opening time on the day the clocks change', () => {
    // A Sunday-working calendar: on Sun 29 Mar 2026 London opens at 09:00 BST = 08:00Z, although
    // midnight that day was still GMT; 1 h from Saturday night ends at 09:00Z.
    const sundays = calendarOf({ timeZone: 'Europe/London', workingHours: { sun: ['09:00-17:00'] } });
    expect(addWorkingTime(at('2026-03-28T23:00:00Z'), HOUR, sundays).toISOString()).toBe(
      '2026-03-29T09:00:00.000Z',
    );
  });

  it('counts each interval of a day with a lunch break', () => {
    const lunch = calendarOf({ timeZone: 'UTC', workingHours: { mon: ['09:00-12:00', '13:00–17:00'] } });
    // Mon 9 Mar 11:00 UTC: 1 h before lunch, then 13:00–14:00.
    expect(addWorkingTime(at('2026-03-09T11:00:00Z'), 2 * HOUR, lunch).toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
    // Only Mondays work: the next working hour after Monday's close is the following Monday.
    expect(addWorkingTime(at('2026-03-09T16:30:00Z'), HOUR, lunch).toISOString()).toBe(
      '2026-03-16T09:30:00.000Z',
    );
  });
});

describe('workingTimeBetween', () => {
  it('measures local working hours across the DST change', () => {
    // Fri 27 Mar 09:00–17:30 GMT and Mon 30 Mar 09:00–17:30 BST: 8.5 h each.
    expect(workingTimeBetween(at('2026-03-27T09:00:00Z'), at('2026-03-30T16:30:00Z'), uk, 'GB-ENG')).toBe(
      17 * HOUR,
    );
  });

  it('is negative when the end comes first', () => {
    // Mon 9 Mar 10:00 to 10:45 the wrong way round.
    expect(workingTimeBetween(at('2026-03-09T10:45:00Z'), at('2026-03-09T10:00:00Z'), uk)).toBe(-45 * MINUTE);
  });

  it('skips a holiday that applies everywhere', () => {
    // Fri 3 Apr 2026 is Good Friday everywhere in the UK; Thu 2 Apr and Mon 6 Apr in Scotland are
    // working days (Easter Monday is not a Scottish bank holiday): 8.5 h + 8.5 h.
    expect(workingTimeBetween(at('2026-04-02T08:00:00Z'), at('2026-04-06T16:30:00Z'), uk, 'GB-SCT')).toBe(
      17 * HOUR,
    );
    // In England Easter Monday is a holiday too: only Thursday counts.
    expect(workingTimeBetween(at('2026-04-02T08:00:00Z'), at('2026-04-06T16:30:00Z'), uk, 'GB-ENG')).toBe(
      8.5 * HOUR,
    );
  });
});

describe('addBusinessDays', () => {
  it('lands at the same local time n business days later', () => {
    // Tue 10 Mar 11:00 + 1 business day = Wed 11 Mar 11:00.
    expect(addBusinessDays(at('2026-03-10T11:00:00Z'), 1, uk).toISOString()).toBe('2026-03-11T11:00:00.000Z');
  });

  it('ends at close of business when counting from outside working hours', () => {
    // Filed Fri 6 Mar 22:00: counting starts Mon 9 Mar 09:00, and one whole business day ends at 17:30.
    expect(addBusinessDays(at('2026-03-06T22:00:00Z'), 1, uk).toISOString()).toBe('2026-03-09T17:30:00.000Z');
  });

  it('steps over regional holidays', () => {
    // Thu 2 Apr 11:00 BST: Good Friday (everywhere) and Easter Monday (England) are skipped.
    expect(addBusinessDays(at('2026-04-02T10:00:00Z'), 1, uk, 'GB-ENG').toISOString()).toBe(
      '2026-04-07T10:00:00.000Z',
    );
    expect(addBusinessDays(at('2026-04-02T10:00:00Z'), 1, uk, 'GB-SCT').toISOString()).toBe(
      '2026-04-06T10:00:00.000Z',
    );
  });
});

describe('endOfBusinessDay', () => {
  it('is close of business on the nth business day after the day of receipt', () => {
    // Received Thu 2 Apr 2026 (BST). England: Fri 3 and Mon 6 are holidays, so days 1–3 are Tue 7,
    // Wed 8, Thu 9, closing 17:30 BST = 16:30Z. Scotland works Easter Monday: days are Mon 6, Tue 7, Wed 8.
    expect(endOfBusinessDay(at('2026-04-02T10:00:00Z'), 3, uk, 'GB-ENG').toISOString()).toBe(
      '2026-04-09T16:30:00.000Z',
    );
    expect(endOfBusinessDay(at('2026-04-02T10:00:00Z'), 3, uk, 'GB-SCT').toISOString()).toBe(
      '2026-04-08T16:30:00.000Z',
    );
  });

  it('does not count the day of receipt, even before opening', () => {
    // Received Mon 9 Mar 07:00: day 1 is Tuesday.
    expect(endOfBusinessDay(at('2026-03-09T07:00:00Z'), 1, uk).toISOString()).toBe(
      '2026-03-10T17:30:00.000Z',
    );
  });

  it('counts from a weekend receipt to the following business days', () => {
    // Received Sat 7 Mar: day 1 is Mon 9 Mar; n = 0 is the next business day's close as well.
    expect(endOfBusinessDay(at('2026-03-07T12:00:00Z'), 1, uk).toISOString()).toBe(
      '2026-03-09T17:30:00.000Z',
    );
    expect(endOfBusinessDay(at('2026-03-07T12:00:00Z'), 0, uk).toISOString()).toBe(
      '2026-03-09T17:30:00.000Z',
    );
  });
});
