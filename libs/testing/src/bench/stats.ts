/**
 * The nearest-rank percentile (`p` from 0 to 100) of `values`, which need not be sorted; NaN when
 * there are none. p50 of [1, 2, 3, 4] is 2, p99 of 100 values is the 99th, p100 the largest.
 */
export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sorted(values), p);
}

/** Several percentiles of `values` at once (one sort), keyed by `p`. */
export function percentiles<P extends number>(
  values: readonly number[],
  ps: readonly P[],
): Record<P, number> {
  const ordered = sorted(values);
  return Object.fromEntries(ps.map((p) => [p, percentileOfSorted(ordered, p)])) as Record<P, number>;
}

/** The same as `percentile`, for values already sorted in ascending order (no copy). */
export function percentileOfSorted(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * ascending.length);
  return ascending[Math.min(ascending.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
