// Working time in a policy calendar. Every wall-clock computation goes through luxon in the
// calendar's time zone, so weekends, holidays and DST changes fall out of the local dates. Luxon
// builds each local day once (days.ts); the walks below only compare epoch milliseconds.
import { DateTime } from 'luxon';
import { type CalendarDays, type Day, daysOf, type Span, spansOf } from './days.js';
import type { Calendar } from './policy.js';

/** A year's worth of days without working time means the calendar (or region) is unusable. */
const MAX_IDLE_DAYS = 366;

interface WorkingDay {
  day: Day;
  spans: readonly Span[];
}

/**
 * Walks days from a first one, with their spans; throws if the calendar has no working time for a
 * year. Idle days count from the first day (addWorkingTime) or from each search for the next
 * business day, as the day-by-day walk this replaces did, so the same day is named in the error.
 */
class DayWalk {
  private readonly holidays: ReadonlySet<string>;
  private idle = 0;
  current: WorkingDay;

  constructor(
    private readonly days: CalendarDays,
    first: Day,
    private readonly region: string | undefined,
    countFirst = false,
  ) {
    this.holidays = days.holidaysIn(region);
    this.current = { day: first, spans: spansOf(first, this.holidays) };
    if (countFirst && this.current.spans.length === 0) this.idle = 1;
  }

  step(): WorkingDay {
    const day = this.days.next(this.current.day);
    const spans = spansOf(day, this.holidays);
    this.idle = spans.length === 0 ? this.idle + 1 : 0;
    if (this.idle > MAX_IDLE_DAYS) {
      throw new Error(
        `the calendar has no working time for a year after ${day.iso} (region ${this.region ?? 'none'})`,
      );
    }
    this.current = { day, spans };
    return this.current;
  }

  /** The next business day strictly after the current one. */
  nextBusinessDay(): WorkingDay {
    this.idle = 0;
    let day = this.step();
    while (day.spans.length === 0) day = this.step();
    return day;
  }
}

/** Whether the local day containing `instant` has working hours (a weekday with hours, not a holiday). */
export function isBusinessDay(instant: Date, calendar: Calendar, region?: string): boolean {
  const days = daysOf(calendar);
  return spansOf(days.dayOf(instant.getTime()), days.holidaysIn(region)).length > 0;
}

/**
 * The instant after `workingMs` of working time from `start`. A start outside working hours counts
 * from the next opening; an end exactly at a closing time stays at that closing time.
 */
export function addWorkingTime(start: Date, workingMs: number, calendar: Calendar, region?: string): Date {
  if (!Number.isFinite(workingMs) || workingMs < 0)
    throw new RangeError(`cannot add ${workingMs} ms of working time`);
  if (workingMs === 0) return start;
  const from = start.getTime();
  const days = daysOf(calendar);
  const walk = new DayWalk(days, days.dayOf(from), region, true);
  let remaining = workingMs;
  for (let { spans } = walk.current; ; { spans } = walk.step()) {
    for (const span of spans) {
      if (span.end <= from) continue;
      const begin = Math.max(from, span.start);
      if (span.end - begin >= remaining) return new Date(begin + remaining);
      remaining -= span.end - begin;
    }
  }
}

/** Working time in milliseconds between two instants; negative when `b` is before `a`. */
export function workingTimeBetween(a: Date, b: Date, calendar: Calendar, region?: string): number {
  if (b < a) return -workingTimeBetween(b, a, calendar, region);
  const [from, to] = [a.getTime(), b.getTime()];
  const days = daysOf(calendar);
  const holidays = days.holidaysIn(region);
  let total = 0;
  for (let day = days.dayOf(from); day.start < to; day = days.next(day)) {
    for (const span of spansOf(day, holidays)) {
      total += Math.max(0, Math.min(span.end, to) - Math.max(span.start, from));
    }
  }
  return total;
}

/** n business days after the walk's current day (n = 0: the current day, business day or not). */
function afterBusinessDays(walk: DayWalk, n: number): WorkingDay {
  for (let i = 0; i < n; i++) walk.nextBusinessDay();
  return walk.current;
}

/**
 * Close of business on the nth business day after the local day of `received` (that day itself never
 * counts, whatever the time). n = 0: close of business on the day itself, or the next business day.
 */
export function endOfBusinessDay(received: Date, n: number, calendar: Calendar, region?: string): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  const days = daysOf(calendar);
  const walk = new DayWalk(days, days.dayOf(received.getTime()), region);
  let target = afterBusinessDays(walk, n);
  if (target.spans.length === 0) target = walk.nextBusinessDay();
  return new Date(target.spans.at(-1)!.end);
}

/**
 * `n` business days after `start`: the same point of the working day, n business days later. Counting
 * from an opening (or from outside working hours) ends at close of business on the nth working day,
 * counting that opening's day as the first; both agree in working time with "the next opening".
 */
export function addBusinessDays(start: Date, n: number, calendar: Calendar, region?: string): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  if (n === 0) return start;
  const from = start.getTime();
  const days = daysOf(calendar);
  const walk = new DayWalk(days, days.dayOf(from), region);
  const { spans } = walk.current;
  const position = spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.end, from) - s.start), 0);
  const closed = spans.length === 0 || from >= spans.at(-1)!.end;
  if (closed || position === 0) {
    if (closed) walk.nextBusinessDay();
    const last = afterBusinessDays(walk, n - 1);
    return new Date(last.spans.at(-1)!.end);
  }
  const target = afterBusinessDays(walk, n);
  let remaining = position;
  for (const span of target.spans) {
    if (span.end - span.start >= remaining) return new Date(span.start + remaining);
    remaining -= span.end - span.start;
  }
  // A shorter day (a half day) ends before the same position: close of business then.
  return new Date(target.spans.at(-1)!.end);
}

/** End of the local calendar day `days` after the local day of `instant` (23:59:59.999 local). */
export function endOfCalendarDay(instant: Date, days: number, calendar: Calendar): Date {
  const calendarDays = daysOf(calendar);
  return new Date(calendarDays.endOfDayAfter(calendarDays.dayOf(instant.getTime()), days));
}

/** Wall-clock addition in the calendar zone: `{ days: 1 }` keeps the local time across a DST change. */
export function addCalendarTime(
  start: Date,
  amount: { hours?: number; days?: number; weeks?: number },
  calendar: Calendar,
): Date {
  const days = daysOf(calendar);
  const { hours = 0, days: n = 0, weeks = 0 } = amount;
  // luxon adds days on the wall clock, then hours as elapsed time.
  const onWallClock = n + 7 * weeks === 0 ? start.getTime() : days.plusDays(start.getTime(), n + 7 * weeks);
  if (onWallClock !== undefined && Number.isInteger(hours)) return new Date(onWallClock + hours * 3_600_000);
  return DateTime.fromJSDate(start, { zone: days.zone }).plus(amount).toJSDate();
}
