// The one JSON line every benchmark ends with, and the ratios that make its figures compare across
// machines: a throughput over the calibration's raw rate, a time or CPU per operation over the CPU
// workload's time.
import type { Calibration } from './calibration.js';
import { type Machine, machine } from './proc.js';

export type MetricValue = number | string | boolean | null;
export type Metrics = Record<string, MetricValue>;
export type CalibrationFigure = keyof Calibration;

/**
 * Which metric is divided by which calibration figure(s): `{ emails_per_s: 'jetstream_publishes_per_s',
 * cpu_us_per_email: 'cpu_ms' }`. Each ratio is keyed `<metric>/<figure>`.
 */
export type RatioPairs = Record<string, CalibrationFigure | readonly CalibrationFigure[]>;

/**
 * `metric / figure` for every pair, to 4 significant digits. A figure the calibration did not measure
 * (no PostgreSQL in this run) leaves the ratio out; a metric that is missing, not a number, or a
 * figure of 0 gives null, so the line still says the ratio was meant.
 */
export function ratios(
  metrics: Metrics,
  calibration: Calibration,
  pairs: RatioPairs,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [metric, figures] of Object.entries(pairs)) {
    for (const figure of typeof figures === 'string' ? [figures] : figures) {
      const divisor = calibration[figure];
      if (divisor === undefined) continue;
      const value = metrics[metric];
      const ratio = typeof value === 'number' && divisor !== 0 ? value / divisor : Number.NaN;
      out[`${metric}/${figure}`] = Number.isFinite(ratio) ? Number(ratio.toPrecision(4)) : null;
    }
  }
  return out;
}

export interface BenchResult {
  suite: string;
  metrics: Metrics;
  calibration: Calibration;
  /** The headline metrics to give as ratios to the calibration. */
  ratios?: RatioPairs;
  /** Top-level fields describing the run (e.g. `store: 'pglite'`), placed after `suite`. */
  context?: Record<string, MetricValue>;
}

/**
 * The final JSON line: `{"suite", ...context, "metrics", "calibration", "ratios", "machine"}`.
 * `machine` (cores, load averages) is read now unless given.
 */
export function benchLine(result: BenchResult, at: Machine = machine()): string {
  return JSON.stringify({
    suite: result.suite,
    ...result.context,
    metrics: result.metrics,
    calibration: result.calibration,
    ratios: ratios(result.metrics, result.calibration, result.ratios ?? {}),
    machine: at,
  });
}

/** Prints the ratios readably, then the JSON line, which is the run's last line. */
export function printBenchResult(result: BenchResult, log: (line: string) => void = console.log): void {
  const line = benchLine(result);
  const parsed = JSON.parse(line) as { ratios: Record<string, number | null>; machine: Machine };
  for (const [name, value] of Object.entries(parsed.ratios)) {
    const [metric, figure] = name.split('/');
    log(`ratio ${metric} ÷ calibration ${figure}: ${value ?? 'n/a'}`);
  }
  log(`machine: ${parsed.machine.cores} cores, load average ${parsed.machine.load_average.join(' ')}`);
  log(line);
}
