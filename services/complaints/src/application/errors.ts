/**
 * The complaint kept changing under a command sent without `If-Match`: every bounded retry met a
 * newer revision. Transient (HTTP 503 with `Retry-After`, NATS kind `unavailable`).
 */
export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  readonly kind = 'concurrency_conflict';
  constructor(
    readonly complaintId: string,
    readonly attempts: number,
  ) {
    super(`complaint ${complaintId} changed concurrently on each of ${attempts} attempts; try again`);
  }
}
