// Load generation for the complaints benchmark: closed-loop saturation and open-loop pacing.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Run {
  /** Operations that succeeded. */
  ok: number;
  errors: number;
  seconds: number;
  /** Successful operations per second. */
  rate: number;
  /** Latencies of the successful operations, ms, sorted. */
  latencies: number[];
  firstError?: string;
}

type Operation = (n: number) => Promise<void>;

function finish(started: number, latencies: number[], errors: number, firstError?: string): Run {
  const seconds = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    errors,
    seconds,
    rate: latencies.length / seconds,
    latencies,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * Closed loop: `concurrency` workers each run operations back to back until `limit` operations were
 * started or `durationMs` passed. Throughput at saturation.
 */
export async function saturate(
  operation: Operation,
  options: { concurrency: number; durationMs: number; limit?: number },
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline && next < (options.limit ?? Number.POSITIVE_INFINITY)) {
      const n = next++;
      const t0 = performance.now();
      try {
        await operation(n);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return finish(started, latencies, errors, firstError);
}

/**
 * Open loop: starts operation i at `start + i / rate`, whether or not earlier ones finished, and
 * measures each from when it was due (so a stall is counted against every operation it delays).
 */
export async function pace(
  operation: Operation,
  options: { rate: number; durationMs: number },
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const total = Math.round((options.rate * options.durationMs) / 1_000);
  const interval = 1_000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(
      operation(i).then(
        () => {
          latencies.push(performance.now() - due);
        },
        (error: unknown) => {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return finish(started, latencies, errors, firstError);
}
