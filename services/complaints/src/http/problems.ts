import { commandProblem, KindedError } from '@chp/contracts';
import { WrongExpectedVersion } from '@chp/eventstore';
import { type ProblemInit, registerProblemMapper } from '@chp/platform';
import { ConcurrencyConflict, commandErrorKindOf } from '../application/index.js';
import { ComplaintNotFound, ComplaintRuleViolation } from '../complaint/index.js';

/** Status, type and title from the one mapping of command error kinds (`commandProblem`); the rest is the error's own. */
function problemOf(error: Error, own: Omit<ProblemInit, 'status' | 'kind' | 'title'> = {}): ProblemInit {
  const kind = commandErrorKindOf(error);
  if (kind === undefined)
    throw new TypeError(`${error.name} carries no command error kind`, { cause: error });
  const { status, type, title } = commandProblem(kind);
  const precise = error instanceof KindedError ? error.title : undefined;
  return { status, kind: type, title: precise ?? title, detail: error.message, ...own };
}

// Module-level mappers: registering the same function again (a second app in one process) is a no-op.
const ruleViolation = (error: ComplaintRuleViolation): ProblemInit =>
  problemOf(error, {
    extensions: { rule: error.rule, command: error.command, complaintStatus: error.status },
  });

const notFound = (error: ComplaintNotFound): ProblemInit => problemOf(error);

const revisionMismatch = (error: WrongExpectedVersion): ProblemInit =>
  problemOf(error, {
    detail: `The complaint changed: If-Match named revision ${String(error.expected)}, it is now at ${String(error.actual)}. Read it again and retry.`,
    extensions: {
      expectedRevision: typeof error.expected === 'bigint' ? Number(error.expected) : error.expected,
      currentRevision: typeof error.actual === 'bigint' ? Number(error.actual) : null,
    },
  });

const writeConflict = (error: ConcurrencyConflict): ProblemInit =>
  problemOf(error, { headers: { 'Retry-After': '1' } });

/** Maps the domain's and the store's errors to problem+json, once per process. */
export function registerComplaintProblems(): void {
  registerProblemMapper(ComplaintRuleViolation, ruleViolation);
  registerProblemMapper(ComplaintNotFound, notFound);
  registerProblemMapper(WrongExpectedVersion, revisionMismatch);
  registerProblemMapper(ConcurrencyConflict, writeConflict);
}
