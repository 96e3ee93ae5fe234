import { WrongExpectedVersion } from '@chp/eventstore';
import { type ProblemInit, registerProblemMapper } from '@chp/platform';
import { KnowledgeEntryNotFound, KnowledgeRuleViolation } from '../directory/index.js';

const ruleViolation = (error: KnowledgeRuleViolation): ProblemInit => ({
  status: 409,
  kind: 'rule-violation',
  title: 'Not allowed in this state',
  detail: error.message,
  extensions: { rule: error.rule, command: error.command },
});

const notFound = (error: KnowledgeEntryNotFound): ProblemInit => ({
  status: 404,
  kind: 'not-found',
  title: error.kind === 'answer' ? 'Standard answer not found' : 'Typical question not found',
  detail: error.message,
});

const revisionMismatch = (error: WrongExpectedVersion): ProblemInit => ({
  status: 412,
  kind: 'revision-mismatch',
  title: 'Precondition Failed',
  detail: `The entry changed: If-Match named revision ${String(error.expected)}, it is now at ${String(error.actual)}. Read it again and retry.`,
  extensions: {
    expectedRevision: typeof error.expected === 'bigint' ? Number(error.expected) : error.expected,
    currentRevision: typeof error.actual === 'bigint' ? Number(error.actual) : null,
  },
});

/** Maps the directory's and the store's errors to problem+json, once per process. */
export function registerKnowledgeProblems(): void {
  registerProblemMapper(KnowledgeRuleViolation, ruleViolation);
  registerProblemMapper(KnowledgeEntryNotFound, notFound);
  registerProblemMapper(WrongExpectedVersion, revisionMismatch);
}
