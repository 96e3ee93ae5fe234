// The regions a calendar knows, which decide whether a complaint's region selects its holidays.
import type { Calendar } from './policy.js';

const known = new WeakMap<Calendar, readonly string[]>();

/** Every region the calendar names, sorted: its `regions` and those of its holidays. */
export function calendarRegions(calendar: Calendar): readonly string[] {
  const cached = known.get(calendar);
  if (cached !== undefined) return cached;
  const regions = new Set(calendar.regions ?? []);
  for (const holiday of calendar.holidays) for (const r of holiday.regions ?? []) regions.add(r);
  const sorted = [...regions].sort();
  known.set(calendar, sorted);
  return sorted;
}

/**
 * Whether the calendar knows `region`: it names it, or the country it belongs to (`GB` covers
 * `GB-SCT`), the same matching that applies holidays.
 */
export function knowsRegion(calendar: Calendar, region: string): boolean {
  return calendarRegions(calendar).some((r) => r === region || region.startsWith(`${r}-`));
}
