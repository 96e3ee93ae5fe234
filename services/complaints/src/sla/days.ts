// The local days of a calendar, memoised. Building a day (its midnight, the next midnight and its
// working intervals as epoch milliseconds) takes a handful of luxon offset lookups; walking days and
// counting working time then needs none. A day is keyed by the instant of its local midnight: luxon
// derives a DateTime from (instant, zone) alone, so a cached day is exactly the one luxon would build.
//
// Finding the day of an instant is a luxon offset lookup (Intl, costly: README.md here, Performance,
// and bench/sla.bench.ts) unless the instant falls in a "plain" day: one that starts at 00:00 local
// and keeps one UTC offset until the next day starts.
// Within a plain day every instant has that day's date and offset, so luxon's startOf('day') of any
// of them is the day's start, and the instant can be placed by comparing epoch milliseconds. A day is
// found plain by luxon: its offset at the start and in its last millisecond agree (no tz database
// zone changes its offset twice within one local day). DST days are not plain and go to luxon.
import { DateTime, IANAZone } from 'luxon';
import { type Calendar, WEEKDAYS } from './policy.js';

/** Working time as epoch milliseconds, `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One local day of a calendar. `spans` come from the working hours; holidays are applied by the caller. */
export interface Day {
  /** Local date, YYYY-MM-DD (what holidays name). */
  readonly iso: string;
  /** The local start of the day, as luxon's `startOf('day')` gives it. */
  readonly start: number;
  /** The start of the next local day. */
  readonly end: number;
  readonly spans: readonly Span[];
  /** UTC offset at the start, minutes. */
  readonly offset: number;
  /** Starts at 00:00 local and keeps `offset` until `end`. */
  readonly plain: boolean;
}

/** Days kept per calendar (about eleven years), and midnights kept per calendar (one per date and offset). */
export const MAX_CACHED_DAYS = 4_096;
/** Instants whose day is kept per calendar. */
export const MAX_CACHED_INSTANTS = 1_024;
/** Plain days indexed by UTC day number. */
const UTC_DAY = 86_400_000;

/** Regions whose holiday sets are kept per calendar. */
export const MAX_CACHED_REGIONS = 256;

const NO_SPANS: readonly Span[] = [];

/** A Map that drops its oldest entry when full: a bound on memory, whatever the inputs. */
class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get size(): number {
    return this.entries.size;
  }
  get(key: K): V | undefined {
    return this.entries.get(key);
  }
  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }
}

class CalendarDays {
  readonly zone: IANAZone;
  /** Day by the instant of its local midnight. */
  private readonly days = new BoundedMap<number, Day>(MAX_CACHED_DAYS);
  /** Plain days by the UTC days (epoch ms / 86,400,000) they overlap: placing an instant needs no luxon. */
  private readonly plainDays = new BoundedMap<number, Day[]>(2 * MAX_CACHED_DAYS);
  /** The day of an instant (a filing asks for the days of receipt and of now again and again). */
  private readonly dayOfInstant = new BoundedMap<number, Day>(MAX_CACHED_INSTANTS);
  /** Local midnight by "local date|offset": startOf('day') depends on the date and on the offset it starts from. */
  private readonly midnights = new BoundedMap<string, number>(MAX_CACHED_DAYS);
  private readonly holidays = new BoundedMap<string, ReadonlySet<string>>(MAX_CACHED_REGIONS);
  private readonly endOfDays = new BoundedMap<string, number>(MAX_CACHED_DAYS);

  constructor(private readonly calendar: Calendar) {
    this.zone = IANAZone.create(calendar.timeZone);
  }

  /** Entries held by each cache (for the bound spec). */
  get size(): Record<'days' | 'plainDays' | 'instants' | 'midnights' | 'holidaySets' | 'endOfDays', number> {
    return {
      days: this.days.size,
      plainDays: this.plainDays.size,
      instants: this.dayOfInstant.size,
      midnights: this.midnights.size,
      holidaySets: this.holidays.size,
      endOfDays: this.endOfDays.size,
    };
  }

  /** The local day containing `instant`: at most one luxon offset lookup, the rest from the caches. */
  dayOf(instant: number): Day {
    const plain = this.plainDays.get(Math.floor(instant / UTC_DAY));
    if (plain) for (const day of plain) if (day.start <= instant && instant < day.end) return day;
    return this.dayOfInstant.get(instant) ?? this.dayOfInstant.set(instant, this.lookUpDay(instant));
  }

  private lookUpDay(instant: number): Day {
    const local = DateTime.fromMillis(instant, { zone: this.zone });
    const key = `${local.year}-${local.month}-${local.day}|${local.offset}`;
    const midnight = this.midnights.get(key);
    if (midnight !== undefined) return this.dayAt(midnight, undefined);
    const start = local.startOf('day');
    this.midnights.set(key, start.toMillis());
    return this.dayAt(start.toMillis(), start);
  }

  /** The local day after `day`. */
  next(day: Day): Day {
    return this.dayAt(day.end, undefined);
  }

  /** The holiday dates that apply in `region`: those without regions, plus those naming it or its country. */
  holidaysIn(region: string | undefined): ReadonlySet<string> {
    const key = region ?? '';
    const cached = this.holidays.get(key);
    if (cached) return cached;
    const applies = (regions: readonly string[] | undefined) =>
      !regions || (region !== undefined && regions.some((r) => r === region || region.startsWith(`${r}-`)));
    return this.holidays.set(
      key,
      new Set(this.calendar.holidays.filter((h) => applies(h.regions)).map((h) => h.date)),
    );
  }

  /** End of the local day `days` after `day` (23:59:59.999 local), as luxon's endOf('day') gives it. */
  endOfDayAfter(day: Day, days: number): number {
    const key = `${day.start}|${days}`;
    const cached = this.endOfDays.get(key);
    if (cached !== undefined) return cached;
    const end = this.dateTime(day.start).plus({ days }).endOf('day').toMillis();
    return this.endOfDays.set(key, end);
  }

  private dateTime(instant: number): DateTime {
    return DateTime.fromMillis(instant, { zone: this.zone });
  }

  private dayAt(start: number, known: DateTime | undefined): Day {
    return (
      this.days.get(start) ?? this.days.set(start, this.register(this.build(known ?? this.dateTime(start))))
    );
  }

  /**
   * `instant` plus `days` local days at the same wall-clock time, as luxon's plus({ days }) gives it,
   * from cached days; undefined when the start or the end is on a DST day (then ask luxon).
   */
  plusDays(instant: number, days: number): number | undefined {
    if (!Number.isInteger(days) || days < 0 || days > MAX_CACHED_DAYS) return undefined;
    const from = this.dayOf(instant);
    let to = from;
    for (let i = 0; i < days; i++) to = this.next(to);
    // luxon resolves the local time with the offset it starts from: its first guess lands at
    // `guess`, and when that and the answer lie in the plain target day, the answer is `at`.
    const at = to.start + (instant - from.start);
    const guess = at + (to.offset - from.offset) * 60_000;
    const inside = (t: number) => to.start <= t && t < to.end;
    const exact = from.plain && to.plain && inside(at) && inside(guess);
    return exact && to.iso === isoDatePlus(from.iso, days) ? at : undefined;
  }

  private register(day: Day): Day {
    if (!day.plain) return day;
    for (let u = Math.floor(day.start / UTC_DAY); u <= Math.floor((day.end - 1) / UTC_DAY); u++) {
      const list = this.plainDays.get(u) ?? this.plainDays.set(u, []);
      if (!list.some((d) => d.start === day.start)) list.push(day);
    }
    return day;
  }

  private build(day: DateTime): Day {
    const end = day.plus({ days: 1 }).startOf('day').toMillis();
    // set() keeps wall-clock time across DST changes; plus({ minutes }) would not.
    const wallClock = (minutes: number) =>
      minutes === 24 * 60
        ? end
        : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
    const spans = this.calendar.workingHours[WEEKDAYS[day.weekday - 1]!]
      .map((h) => ({ start: wallClock(h.from), end: wallClock(h.to) }))
      .filter((s) => s.end > s.start);
    const midnight = day.hour === 0 && day.minute === 0 && day.second === 0 && day.millisecond === 0;
    const plain = midnight && end > day.toMillis() && this.zone.offset(end - 1) === day.offset;
    const start = day.toMillis();
    return { iso: day.toISODate() ?? '', start, end, spans, offset: day.offset, plain };
  }
}

/** The local date `days` after a YYYY-MM-DD date: calendar arithmetic, no time zone involved. */
function isoDatePlus(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

const byCalendar = new WeakMap<Calendar, CalendarDays>();

/** The memoised days of `calendar` (a policy's calendar object is its identity). */
export function daysOf(calendar: Calendar): CalendarDays {
  let days = byCalendar.get(calendar);
  if (!days) {
    days = new CalendarDays(calendar);
    byCalendar.set(calendar, days);
  }
  return days;
}

/** The working spans of `day` where `holidays` apply. */
export function spansOf(day: Day, holidays: ReadonlySet<string>): readonly Span[] {
  return holidays.has(day.iso) ? NO_SPANS : day.spans;
}

export type { CalendarDays };
