/**
 * Resolves after `ms`, or at once when `signal` aborts (already or meanwhile). Unlike
 * `setTimeout` from `node:timers/promises` it never rejects: a loop that sleeps between attempts
 * checks its own stop flag after waking. Also exported as `@chp/platform/sleep`, for the libraries
 * below platform that should not load its HTTP and telemetry kit.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
