import { type CommandErrorKind, commandErrorKinds } from './nats.js';

/**
 * The problem+json members of a command error kind: `status`, `type` (the token of the type URI
 * `urn:chp:problem:<type>`) and `title`.
 */
export interface CommandProblem {
  status: number;
  type: string;
  title: string;
}

// Types and titles as complaints' HTTP API has always answered them.
const problems: Readonly<Record<CommandErrorKind, CommandProblem>> = {
  validation: { status: 400, type: 'validation', title: 'Invalid request' },
  not_found: { status: 404, type: 'complaint-not-found', title: 'Complaint not found' },
  illegal_transition: { status: 409, type: 'illegal-transition', title: 'Illegal transition' },
  revision_mismatch: { status: 412, type: 'revision-mismatch', title: 'Precondition Failed' },
  idempotency_conflict: { status: 422, type: 'idempotency-conflict', title: 'Idempotency conflict' },
  // A command's only transient failure: the complaint changed on every bounded retry.
  unavailable: { status: 503, type: 'write-conflict', title: 'Service Unavailable' },
  internal: { status: 500, type: 'internal', title: 'Internal error' },
};

/** The one mapping of a command error kind to problem+json: HTTP edges and NATS replies all use it. */
export function commandProblem(kind: CommandErrorKind): CommandProblem {
  const problem = problems[kind];
  if (problem === undefined) throw new RangeError(`no problem+json mapping for command error kind ${kind}`);
  return problem;
}

/** The HTTP status of each kind (see {@link commandProblem}). */
export const commandErrorStatus: Readonly<Record<CommandErrorKind, number>> = Object.fromEntries(
  commandErrorKinds.map((kind) => [kind, commandProblem(kind).status]),
) as Record<CommandErrorKind, number>;

/**
 * An error that carries its command error kind, as Emmett's errors carry their code: mapped to
 * problem+json by {@link commandProblem} wherever it surfaces. `title`, when set, is more precise
 * than the kind's (`Unknown SLA region` for a `validation`).
 */
export abstract class KindedError extends Error {
  abstract readonly kind: CommandErrorKind;
  readonly title?: string;
}
