// SLA durations from policy files applied to instants.
import { addBusinessDays, addCalendarTime, addWorkingTime, workingTimeBetween } from './calendar.js';
import type { Calendar, SlaDuration } from './policy.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const isBusiness = (d: SlaDuration): boolean => d.unit.startsWith('business_');

/** The instant `duration` after `start`: business units in working time, calendar units on the wall clock. */
export function addDuration(start: Date, duration: SlaDuration, calendar: Calendar, region?: string): Date {
  const { amount, unit } = duration;
  switch (unit) {
    case 'business_minutes':
      return addWorkingTime(start, amount * MINUTE, calendar, region);
    case 'business_hours':
      return addWorkingTime(start, amount * HOUR, calendar, region);
    case 'business_days':
      return addBusinessDays(start, amount, calendar, region);
    case 'calendar_hours':
      return addCalendarTime(start, { hours: amount }, calendar);
    case 'calendar_days':
      return addCalendarTime(start, { days: amount }, calendar);
    case 'calendar_weeks':
      return addCalendarTime(start, { weeks: amount }, calendar);
    default: {
      const never: never = unit;
      throw new Error(`unknown duration unit ${String(never)}`);
    }
  }
}

/**
 * How a paused interval pushes a due time out: a business-time target moves by the paused working
 * time, a calendar-time target by the paused elapsed time.
 */
export interface PauseMetric {
  length(from: Date, to: Date): number;
  extend(due: Date, by: number): Date;
}

export function pauseMetric(duration: SlaDuration, calendar: Calendar, region?: string): PauseMetric {
  return isBusiness(duration)
    ? {
        length: (from, to) => workingTimeBetween(from, to, calendar, region),
        extend: (due, by) => addWorkingTime(due, by, calendar, region),
      }
    : {
        length: (from, to) => to.getTime() - from.getTime(),
        extend: (due, by) => new Date(due.getTime() + by),
      };
}
