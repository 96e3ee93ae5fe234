import { spawn } from 'node:child_process';
import {
  benchLine,
  type Calibration,
  cpuMsOfStat,
  cpuSpent,
  cpuWorkload,
  type Machine,
  percentile,
  percentileOfSorted,
  percentiles,
  pidsNamed,
  printBenchResult,
  processCpuMs,
  ratios,
} from '../src/bench/index.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it('takes the value at rank ⌈p/100 × n⌉', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 51)).toBe(3);
    expect(percentile([7], 99)).toBe(7);
  });

  it('gives the smallest at p0, the largest at p100, and NaN for no values', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('leaves its input as it was', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('gives several at once, and the same on values already sorted', () => {
    expect(percentiles(hundred, [50, 99, 100])).toEqual({ 50: 50, 99: 99, 100: 100 });
    const ascending = [...hundred].reverse();
    expect(percentileOfSorted(ascending, 99)).toBe(99);
    expect(percentileOfSorted(ascending, 10)).toBe(10);
  });
});

describe('ratios to the calibration', () => {
  const calibration: Calibration = { cpu_ms: 480, pg_inserts_per_s: 2_400 };

  it('divides each metric by its figure, to 4 significant digits, keyed metric/figure', () => {
    expect(
      ratios({ complaints_per_s: 384, cpu_us_per_op: 123.4 }, calibration, {
        complaints_per_s: 'pg_inserts_per_s',
        cpu_us_per_op: ['cpu_ms'],
      }),
    ).toEqual({ 'complaints_per_s/pg_inserts_per_s': 0.16, 'cpu_us_per_op/cpu_ms': 0.2571 });
  });

  it('divides one metric by several figures', () => {
    expect(ratios({ rate: 1_200 }, calibration, { rate: ['pg_inserts_per_s', 'cpu_ms'] })).toEqual({
      'rate/pg_inserts_per_s': 0.5,
      'rate/cpu_ms': 2.5,
    });
  });

  it('leaves out a figure this run did not measure', () => {
    expect(ratios({ rate: 10 }, calibration, { rate: ['jetstream_publishes_per_s', 'cpu_ms'] })).toEqual({
      'rate/cpu_ms': 0.02083,
    });
  });

  it('gives null for a metric that is missing, not a number, or over a figure of 0', () => {
    expect(
      ratios(
        { nan: Number.NaN, text: 'pglite', none: null },
        { cpu_ms: 0, pg_inserts_per_s: 1 },
        {
          missing: 'pg_inserts_per_s',
          nan: 'pg_inserts_per_s',
          text: 'pg_inserts_per_s',
          none: 'pg_inserts_per_s',
          zero: 'cpu_ms',
        },
      ),
    ).toEqual({
      'missing/pg_inserts_per_s': null,
      'nan/pg_inserts_per_s': null,
      'text/pg_inserts_per_s': null,
      'none/pg_inserts_per_s': null,
      'zero/cpu_ms': null,
    });
  });
});

describe('the JSON line', () => {
  const machine: Machine = { cores: 2, load_average: [1.5, 1, 0.5] };
  const result = {
    suite: 'e2e',
    context: { store: 'postgres' },
    metrics: { sustained_complaints_per_s: 384, visible_p99_ms: 56.5, errors: 0, broken: Number.NaN },
    calibration: { cpu_ms: 500, pg_inserts_per_s: 3_000, jetstream_publishes_per_s: 40_000 },
    ratios: { sustained_complaints_per_s: 'pg_inserts_per_s', visible_p99_ms: 'cpu_ms' } as const,
  };

  it('is one line: suite, the context, metrics, calibration, ratios and machine, in that order', () => {
    const line = benchLine(result, machine);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['suite', 'store', 'metrics', 'calibration', 'ratios', 'machine']);
    expect(parsed).toEqual({
      suite: 'e2e',
      store: 'postgres',
      // NaN has no JSON form: it is written as null.
      metrics: { sustained_complaints_per_s: 384, visible_p99_ms: 56.5, errors: 0, broken: null },
      calibration: { cpu_ms: 500, pg_inserts_per_s: 3_000, jetstream_publishes_per_s: 40_000 },
      ratios: { 'sustained_complaints_per_s/pg_inserts_per_s': 0.128, 'visible_p99_ms/cpu_ms': 0.113 },
      machine: { cores: 2, load_average: [1.5, 1, 0.5] },
    });
  });

  it('is printed last, after a readable line per ratio and the machine', () => {
    const lines: string[] = [];
    printBenchResult(result, (line) => lines.push(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('ratio sustained_complaints_per_s ÷ calibration pg_inserts_per_s: 0.128');
    expect(lines[1]).toBe('ratio visible_p99_ms ÷ calibration cpu_ms: 0.113');
    expect(lines[2]).toMatch(/^machine: \d+ cores, load average [\d.]+ [\d.]+ [\d.]+$/);
    const last = JSON.parse(lines[3] ?? '') as { suite: string; calibration: Calibration };
    expect(last.suite).toBe('e2e');
    expect(last.calibration.cpu_ms).toBe(500);
  });
});

describe('CPU from /proc', () => {
  it('reads utime + stime past a command name holding spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = '4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 100 0 0 0 123 45 0 0 20 0 1 0';
    expect(cpuMsOfStat(stat)).toBe(1_680);
  });

  it('adds up the CPU spent by processes present in both readings, or new ones when asked', () => {
    const before = new Map([
      [1, 100],
      [2, 50],
    ]);
    const after = new Map([
      [1, 160],
      [3, 30],
    ]);
    expect(cpuSpent(before, after)).toBe(60);
    expect(cpuSpent(before, after, { countNew: true })).toBe(90);
  });

  it('finds a child by its command name and reads its CPU', async () => {
    const child = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(pidsNamed('sleep', { parent: process.pid })).toEqual([child.pid]);
      expect(processCpuMs(child.pid)).toBeGreaterThanOrEqual(0);
      expect(processCpuMs(process.pid)).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });

  it('reads nothing for a process that is not there', () => {
    expect(processCpuMs(undefined)).toBeUndefined();
    expect(processCpuMs(2 ** 22 + 1)).toBeUndefined(); // above pid_max's ceiling
  });
});

describe('the CPU workload', () => {
  // The digest of 250,000 chained SHA-256 rounds from "chp-calibration", computed independently
  // (Python's hashlib): the workload is the same on every machine, or its times do not compare.
  it('is a fixed amount of work', () => {
    expect(cpuWorkload()).toBe('c01e4c5b84cbd546f26af88006910ae4d4e3d183df4d9be37ed2a16bf46b8dce');
    expect(cpuWorkload(0.01)).toBe('cf998660c5697d0d5c6f7887742c6afc02f5a6459d68c3f613426a837e12ddea');
  });
});
