// Working time in a policy calendar. Every wall-clock computation goes through luxon in the
// calendar's time zone, so weekends, holidays and DST changes fall out of the local dates.
import { DateTime } from 'luxon';
import { type Calendar, WEEKDAYS } from './policy.js';

/** Working time is measured in milliseconds. */
interface Span {
  start: number;
  end: number;
}

/** A year's worth of days without working time means the calendar (or region) is unusable. */
const MAX_IDLE_DAYS = 366;

const holidayCache = new WeakMap<Calendar, Map<string, ReadonlySet<string>>>();

/** The holiday dates that apply in `region`: those without regions, plus those naming it or its country. */
function holidaysFor(calendar: Calendar, region: string | undefined): ReadonlySet<string> {
  let byRegion = holidayCache.get(calendar);
  if (!byRegion) {
    byRegion = new Map();
    holidayCache.set(calendar, byRegion);
  }
  const key = region ?? '';
  let dates = byRegion.get(key);
  if (!dates) {
    const applies = (regions: readonly string[] | undefined) =>
      !regions || (region !== undefined && regions.some((r) => r === region || region.startsWith(`${r}-`)));
    dates = new Set(calendar.holidays.filter((h) => applies(h.regions)).map((h) => h.date));
    byRegion.set(key, dates);
  }
  return dates;
}

function startOfLocalDay(instant: number, calendar: Calendar): DateTime {
  return DateTime.fromMillis(instant, { zone: calendar.timeZone }).startOf('day');
}

function nextDay(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

function wallClock(day: DateTime, minutes: number): number {
  // set() keeps wall-clock time across DST changes; plus({ minutes }) would not.
  if (minutes === 24 * 60) return nextDay(day).toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** The working spans of one local day (`day` is its start in the calendar zone). */
function spansOn(day: DateTime, calendar: Calendar, holidays: ReadonlySet<string>): Span[] {
  if (holidays.has(day.toISODate() ?? '')) return [];
  const hours = calendar.workingHours[WEEKDAYS[day.weekday - 1]!];
  return hours
    .map((h) => ({ start: wallClock(day, h.from), end: wallClock(day, h.to) }))
    .filter((s) => s.end > s.start);
}

/** Days from `day` on, with their spans; throws if the calendar has no working time for a year. */
function* workingDays(day: DateTime, calendar: Calendar, region: string | undefined) {
  const holidays = holidaysFor(calendar, region);
  let idle = 0;
  for (let d = day; ; d = nextDay(d)) {
    const spans = spansOn(d, calendar, holidays);
    idle = spans.length === 0 ? idle + 1 : 0;
    if (idle > MAX_IDLE_DAYS) {
      throw new Error(
        `the calendar has no working time for a year after ${d.toISODate()} (region ${region ?? 'none'})`,
      );
    }
    yield { day: d, spans };
  }
}

/** Whether the local day containing `instant` has working hours (a weekday with hours, not a holiday). */
export function isBusinessDay(instant: Date, calendar: Calendar, region?: string): boolean {
  const day = startOfLocalDay(instant.getTime(), calendar);
  return spansOn(day, calendar, holidaysFor(calendar, region)).length > 0;
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
  let remaining = workingMs;
  for (const { spans } of workingDays(startOfLocalDay(from, calendar), calendar, region)) {
    for (const span of spans) {
      if (span.end <= from) continue;
      const begin = Math.max(from, span.start);
      if (span.end - begin >= remaining) return new Date(begin + remaining);
      remaining -= span.end - begin;
    }
  }
  throw new Error('unreachable: workingDays never ends');
}

/** Working time in milliseconds between two instants; negative when `b` is before `a`. */
export function workingTimeBetween(a: Date, b: Date, calendar: Calendar, region?: string): number {
  if (b < a) return -workingTimeBetween(b, a, calendar, region);
  const [from, to] = [a.getTime(), b.getTime()];
  let total = 0;
  const holidays = holidaysFor(calendar, region);
  for (let day = startOfLocalDay(from, calendar); day.toMillis() < to; day = nextDay(day)) {
    for (const span of spansOn(day, calendar, holidays)) {
      total += Math.max(0, Math.min(span.end, to) - Math.max(span.start, from));
    }
  }
  return total;
}

/** The next business day strictly after `day`, with its spans. */
function nextBusinessDay(day: DateTime, calendar: Calendar, region: string | undefined) {
  for (const d of workingDays(nextDay(day), calendar, region)) if (d.spans.length > 0) return d;
  throw new Error('unreachable: workingDays never ends');
}

function afterBusinessDays(day: DateTime, n: number, calendar: Calendar, region: string | undefined) {
  let current = { day, spans: spansOn(day, calendar, holidaysFor(calendar, region)) };
  for (let i = 0; i < n; i++) current = nextBusinessDay(current.day, calendar, region);
  return current;
}

/**
 * Close of business on the nth business day after the local day of `received` (that day itself never
 * counts, whatever the time). n = 0: close of business on the day itself, or the next business day.
 */
export function endOfBusinessDay(received: Date, n: number, calendar: Calendar, region?: string): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  let target = afterBusinessDays(startOfLocalDay(received.getTime(), calendar), n, calendar, region);
  if (target.spans.length === 0) target = nextBusinessDay(target.day, calendar, region);
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
  let day = {
    day: startOfLocalDay(from, calendar),
    spans: spansOn(startOfLocalDay(from, calendar), calendar, holidaysFor(calendar, region)),
  };
  const position = day.spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.end, from) - s.start), 0);
  const closed = day.spans.length === 0 || from >= day.spans.at(-1)!.end;
  if (closed || position === 0) {
    if (closed) day = nextBusinessDay(day.day, calendar, region);
    const last = afterBusinessDays(day.day, n - 1, calendar, region);
    return new Date(last.spans.at(-1)!.end);
  }
  const target = afterBusinessDays(day.day, n, calendar, region);
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
  return startOfLocalDay(instant.getTime(), calendar).plus({ days }).endOf('day').toJSDate();
}

/** Wall-clock addition in the calendar zone: `{ days: 1 }` keeps the local time across a DST change. */
export function addCalendarTime(
  start: Date,
  amount: { hours?: number; days?: number; weeks?: number },
  calendar: Calendar,
): Date {
  return DateTime.fromJSDate(start, { zone: calendar.timeZone }).plus(amount).toJSDate();
}
