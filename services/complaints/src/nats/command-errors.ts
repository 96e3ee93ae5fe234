import { type CommandErrorKind, commandProblem, type Issue, KindedError } from '@chp/contracts';
import { commandErrorKindOf } from '../application/index.js';
import { ComplaintRuleViolation, UnknownSlaRegion } from '../complaint/index.js';

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

/**
 * The domain's and the store's errors in the contracts' vocabulary: the kind they carry, the title
 * from the one mapping (`commandProblem`) unless theirs is more precise. Anything else is left as
 * it is (`internal`).
 */
export function toCommandFailure(error: unknown): unknown {
  const kind = commandErrorKindOf(error);
  if (kind === undefined || !(error instanceof Error)) return error;
  const title = (error instanceof KindedError ? error.title : undefined) ?? commandProblem(kind).title;
  if (error instanceof UnknownSlaRegion) {
    return new CommandFailure(kind, title, `data.region: ${error.message}`, undefined, {
      cause: error,
      issues: [{ path: 'data.region', message: error.message, code: 'unknown_region' }],
    });
  }
  const rule = error instanceof ComplaintRuleViolation ? error.rule : undefined;
  return new CommandFailure(kind, title, error.message, rule, { cause: error });
}

/** Runs a command and rethrows its failure as a {@link CommandFailure}. */
export async function translatingErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCommandFailure(error);
  }
}
