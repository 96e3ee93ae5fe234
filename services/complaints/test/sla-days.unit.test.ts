// The memoised days behind the calendar functions (src/sla/days.ts): every cache stays within its
// bound however many days and instants a process meets, and results do not depend on what is cached.
import { daysOf, MAX_CACHED_DAYS, MAX_CACHED_INSTANTS } from '../src/sla/days.js';
import { isBusinessDay, workingTimeBetween } from '../src/sla/index.js';
import { at, calendarOf, HOUR } from './sla-fixtures.js';

const hours = ['09:00-17:00'];
/** A calendar of its own per spec: the caches are per calendar object. */
const fresh = () =>
  calendarOf({
    timeZone: 'Europe/London',
    workingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  });

describe('day caches', () => {
  it('keep at most MAX_CACHED_DAYS days over a walk of more days than that, and still count right', () => {
    const calendar = fresh();
    // 700 weeks of Mon–Fri 09:00–17:00 wall-clock time (DST changes included) is 700 x 40 h. The
    // walk meets 4,900 days, more than the cache keeps; it ends on a Sunday, which has no hours.
    const weeks = 700;
    expect(weeks * 7).toBeGreaterThan(MAX_CACHED_DAYS);
    expect(workingTimeBetween(at('2026-01-05T00:00:00Z'), at('2039-06-05T12:00:00Z'), calendar)).toBe(
      weeks * 40 * HOUR,
    );
    const size = daysOf(calendar).size;
    expect(size.days).toBeLessThanOrEqual(MAX_CACHED_DAYS);
    expect(size.plainDays).toBeLessThanOrEqual(2 * MAX_CACHED_DAYS);
    // The first week was evicted: it is built again, with the same result.
    expect(workingTimeBetween(at('2026-01-05T00:00:00Z'), at('2026-01-11T12:00:00Z'), calendar)).toBe(
      40 * HOUR,
    );
  });

  it('keep at most MAX_CACHED_INSTANTS instants looked up on a DST day', () => {
    const calendar = fresh();
    // Sun 29 Mar 2026, the 23-hour day when London goes to BST: not plain, so each instant is looked up.
    const start = at('2026-03-29T00:00:00Z').getTime();
    const lookups = MAX_CACHED_INSTANTS + 500;
    for (let i = 0; i < lookups; i++) {
      expect(isBusinessDay(new Date(start + i * 30_000), calendar)).toBe(false);
    }
    expect(daysOf(calendar).size.instants).toBe(MAX_CACHED_INSTANTS);
    expect(isBusinessDay(at('2026-03-30T08:30:00Z'), calendar)).toBe(true);
  });
});
