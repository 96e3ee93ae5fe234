import type { CommandErrorKind, Issue } from '@chp/contracts';
import { WrongExpectedVersion } from '@chp/eventstore';
import { ConcurrencyConflict } from '../application/index.js';
import { ComplaintNotFound, ComplaintRuleViolation, UnknownSlaRegion } from '../complaint/index.js';

/**
 * A failed command as `serve` from `@chp/messaging` answers it: `kind` from the contracts'
 * `commandErrorKinds` (so intake can map it to an HTTP status), `title`, `rule`, and the message as `detail`.
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  /** For `validation`: the bad fields, as `serve` puts them in the reply's `issues`. */
  readonly issues?: Issue[];
  constructor(
    readonly kind: CommandErrorKind,
    readonly title: string,
    message: string,
    readonly rule?: string,
    options?: ErrorOptions & {
      /** For `validation`: the bad fields, paths from the request root (`data.region`). */
      issues?: Issue[];
    },
  ) {
    super(message, options);
    if (options?.issues) this.issues = options.issues;
  }
}

/** The domain's and the store's errors in the contracts' vocabulary; anything else is left as it is (`internal`). */
export function toCommandFailure(error: unknown): unknown {
  if (error instanceof ComplaintRuleViolation) {
    return new CommandFailure('illegal_transition', 'Illegal transition', error.message, error.rule, {
      cause: error,
    });
  }
  if (error instanceof ComplaintNotFound) {
    return new CommandFailure('not_found', 'Complaint not found', error.message, undefined, { cause: error });
  }
  if (error instanceof UnknownSlaRegion) {
    return new CommandFailure(
      'validation',
      'Unknown SLA region',
      `data.region: ${error.message}`,
      undefined,
      {
        cause: error,
        issues: [{ path: 'data.region', message: error.message, code: 'unknown_region' }],
      },
    );
  }
  if (error instanceof WrongExpectedVersion) {
    return new CommandFailure('revision_mismatch', 'Revision mismatch', error.message, undefined, {
      cause: error,
    });
  }
  if (error instanceof ConcurrencyConflict) {
    return new CommandFailure('unavailable', 'Write conflict', error.message, undefined, { cause: error });
  }
  return error;
}

/** Runs a command and rethrows its failure as a {@link CommandFailure}. */
export async function translatingErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCommandFailure(error);
  }
}
