/** Where the application reads the time. Everything that stamps or compares time takes one. */
export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until a test moves it, so tests never sleep and never race the wall clock. */
export interface TestClock extends Clock {
  set(instant: Date | string): void;
  /** Moves forward by `ms` (negative moves back) and returns the new time. */
  advance(ms: number): Date;
}

export function createTestClock(start: Date | string = '2026-03-02T09:00:00Z'): TestClock {
  let current = toDate(start);
  return {
    now: () => new Date(current.getTime()),
    set(instant) {
      current = toDate(instant);
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`advance(ms): expected a finite number, got ${ms}`);
      current = new Date(current.getTime() + ms);
      return new Date(current.getTime());
    },
  };
}

function toDate(instant: Date | string): Date {
  const date = typeof instant === 'string' ? new Date(instant) : new Date(instant.getTime());
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return date;
}
