import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What is being waited for, for the timeout message. A function is evaluated at timeout. */
  description?: string | (() => string);
}

export class WaitTimeoutError extends Error {
  constructor(description: string, timeoutMs: number) {
    super(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `condition` until it returns a truthy value, which is returned. Tests wait for conditions,
 * never for fixed times; the timeout only bounds a test that would otherwise hang.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25, description = 'a condition' }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) {
      throw new WaitTimeoutError(typeof description === 'function' ? description() : description, timeoutMs);
    }
    await sleep(intervalMs);
  }
}
