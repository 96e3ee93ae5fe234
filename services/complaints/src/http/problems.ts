import { WrongExpectedVersion } from '@chp/eventstore';
import { type ProblemInit, registerProblemMapper } from '@chp/platform';
import { ConcurrencyConflict } from '../application/index.js';
import { ComplaintNotFound, ComplaintRuleViolation } from '../complaint/index.js';

// Module-level mappers: registering the same function again (a second app in one process) is a no-op.
const ruleViolation = (error: ComplaintRuleViolation): ProblemInit => ({
  status: 409,
  kind: 'illegal-transition',
  title: 'Illegal transition',
  detail: error.message,
  extensions: { rule: error.rule, command: error.command, complaintStatus: error.status },
});

const notFound = (error: ComplaintNotFound): ProblemInit => ({
  status: 404,
  kind: 'complaint-not-found',
  title: 'Complaint not found',
  detail: error.message,
});

const revisionMismatch = (error: WrongExpectedVersion): ProblemInit => ({
  status: 412,
  kind: 'revision-mismatch',
  title: 'Precondition Failed',
  detail: `The complaint changed: If-Match named revision ${String(error.expected)}, it is now at ${String(error.actual)}. Read it again and retry.`,
  extensions: {
    expectedRevision: typeof error.expected === 'bigint' ? Number(error.expected) : error.expected,
    currentRevision: typeof error.actual === 'bigint' ? Number(error.actual) : null,
  },
});

const writeConflict = (error: ConcurrencyConflict): ProblemInit => ({
  status: 503,
  kind: 'write-conflict',
  title: 'Service Unavailable',
  detail: error.message,
  headers: { 'Retry-After': '1' },
});

/** Maps the domain's and the store's errors to problem+json, once per process. */
export function registerComplaintProblems(): void {
  registerProblemMapper(ComplaintRuleViolation, ruleViolation);
  registerProblemMapper(ComplaintNotFound, notFound);
  registerProblemMapper(WrongExpectedVersion, revisionMismatch);
  registerProblemMapper(ConcurrencyConflict, writeConflict);
}
