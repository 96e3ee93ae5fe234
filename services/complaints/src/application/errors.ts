import { type CommandErrorKind, KindedError } from '@chp/contracts';
import { WrongExpectedVersion } from '@chp/eventstore';

/**
 * The complaint kept changing under a command sent without `If-Match`: every bounded retry met a
 * newer revision. Transient (HTTP 503 with `Retry-After`, NATS kind `unavailable`).
 */
export class ConcurrencyConflict extends KindedError {
  override readonly name = 'ConcurrencyConflict';
  readonly kind = 'unavailable';
  constructor(
    readonly complaintId: string,
    readonly attempts: number,
  ) {
    super(`complaint ${complaintId} changed concurrently on each of ${attempts} attempts; try again`);
  }
}

/**
 * The command error kind of a failure: the kind an error carries, and `revision_mismatch` for the
 * store's `WrongExpectedVersion` (the store knows nothing of commands). Undefined for anything else.
 */
export function commandErrorKindOf(error: unknown): CommandErrorKind | undefined {
  if (error instanceof KindedError) return error.kind;
  if (error instanceof WrongExpectedVersion) return 'revision_mismatch';
  return undefined;
}
