// `npx tsx services/complaints/bench/sla.bench.ts`: CPU cost of the SLA computation of a filing
// (selectPolicy + dueTimes, as decide-filing does) under each bundled policy, of every clock of a new
// complaint (computeClocks, as GET /v1/complaints/:id does), and of a complaint with pauses. Pure
// CPU, one thread. Prints CPU µs/op per case and ends with one JSON line.
//
// Cases: `live` files complaints as they arrive (receivedAt moves on ~1.3 s per filing, so most
// filings share their days with the previous ones); `spread` files each complaint at a random instant
// of 2026–2027 (a different day almost every time: the worst case for any per-day cache); `paused`
// recomputes the clocks of a complaint with two closed pauses and an open one, a week after filing.
// BENCH_SLA_MS sets the time per case (default 1,500 ms). Calibration: the CPU workload only.
import { performance } from 'node:perf_hooks';
import { calibrate, printBenchResult } from '@chp/testing';
import {
  type ClockInput,
  computeClocks,
  dueTimes,
  loadPoliciesFile,
  type PolicySelector,
  type SlaClocks,
  selectPolicy,
} from '../src/sla/index.js';

const caseMs = Number(process.env.BENCH_SLA_MS ?? 1_500);
const policies = loadPoliciesFile();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const selectors: Record<string, Omit<PolicySelector, 'receivedAt'>> = {
  standard: {},
  fca: { regime: 'fca_disp' },
  psd2: { category: 'payments' },
  cfpb: { regime: 'cfpb' },
};

/** A deterministic pseudo-random sequence (mulberry32), so runs compare. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let sink = 0;
const consume = (clocks: SlaClocks) => {
  sink += clocks.operational.length + (clocks.regulatory[0]?.dueAt.getTime() ?? 0);
};
const consumeDue = (due: { dueAt: Date }[]) => {
  sink += due.length + (due.at(-1)?.dueAt.getTime() ?? 0);
};

/**
 * Runs `op(i)` for about `caseMs` after a warm-up; CPU µs (user + system of this process) per
 * operation, which time spent waiting for a core on a shared machine does not inflate.
 */
function measure(op: (i: number) => void): number {
  const warm = performance.now();
  for (let i = 0; i < 500 && performance.now() - warm < 200; i++) op(i);
  let ops = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - started < caseMs) {
    for (let j = 0; j < 50; j++) op(ops++);
  }
  const spent = process.cpuUsage(cpu);
  return (spent.user + spent.system) / ops;
}

function filing(selector: Omit<PolicySelector, 'receivedAt'>, receivedAtOf: (i: number) => number) {
  return (i: number) => {
    const receivedAt = new Date(receivedAtOf(i));
    const policy = selectPolicy(policies, { ...selector, receivedAt });
    consumeDue(dueTimes({ receivedAt, priority: 'medium', policy }, new Date(receivedAt.getTime() + 40)));
  };
}

/** Every clock of a new complaint, with states and the working time left (what a GET computes). */
function clocks(selector: Omit<PolicySelector, 'receivedAt'>, receivedAtOf: (i: number) => number) {
  return (i: number) => {
    const receivedAt = new Date(receivedAtOf(i));
    const policy = selectPolicy(policies, { ...selector, receivedAt });
    consume(computeClocks({ receivedAt, priority: 'medium', policy }, new Date(receivedAt.getTime() + 40)));
  };
}

const liveStart = Date.parse('2026-03-02T07:00:00Z');
const spreadStart = Date.parse('2026-01-01T00:00:00Z');
const metrics: Record<string, number> = {};
const report = (name: string, us: number) => {
  metrics[`${name}_us`] = Math.round(us * 100) / 100;
  console.log(`${name.padEnd(20)} ${us.toFixed(2).padStart(10)} CPU µs/op`);
};

async function main(): Promise<void> {
  const calibration = await calibrate();
  for (const [name, selector] of Object.entries(selectors)) {
    report(`live_${name}`, measure(filing(selector, (i) => liveStart + i * 1_300)));
  }
  for (const [name, selector] of Object.entries(selectors)) {
    const next = random(42);
    report(`spread_${name}`, measure(filing(selector, () => spreadStart + Math.floor(next() * 730 * DAY))));
  }

  for (const [name, selector] of Object.entries(selectors)) {
    report(`clocks_live_${name}`, measure(clocks(selector, (i) => liveStart + i * 1_300)));
  }

  const pausedPolicy = selectPolicy(policies, { regime: 'fca_disp', receivedAt: new Date(liveStart) });
  const next = random(7);
  report(
    'paused',
    measure(() => {
      const received = spreadStart + Math.floor(next() * 700 * DAY);
      const input: ClockInput = {
        receivedAt: new Date(received),
        priority: 'high',
        policy: pausedPolicy,
        region: 'GB-SCT',
        pauses: [
          { from: new Date(received + 3 * HOUR), to: new Date(received + 26 * HOUR) },
          { from: new Date(received + 2 * DAY), to: new Date(received + 3 * DAY + 5 * HOUR) },
          { from: new Date(received + 6 * DAY) },
        ],
        met: { acknowledge: new Date(received + HOUR) },
      };
      consume(computeClocks(input, new Date(received + 7 * DAY)));
    }),
  );

  const live = Object.keys(selectors).map((n) => metrics[`live_${n}_us`] ?? 0);
  metrics.live_mean_us = Math.round((live.reduce((a, b) => a + b, 0) / live.length) * 100) / 100;
  if (sink === 0) console.error('nothing computed');
  // Every case is CPU µs per operation: each over the workload's CPU ms.
  const ratios = Object.fromEntries(Object.keys(metrics).map((name) => [name, 'cpu_ms' as const]));
  printBenchResult({ suite: 'sla', metrics, calibration, ratios });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
