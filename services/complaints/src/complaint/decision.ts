// What every part of decide shares: the context, the stamp on each event, rule checks, and the
// deadlines an event carries when it moves them.
import type { Actor, ComplaintCommand, ComplaintEventOf } from '@chp/contracts';
import type { PolicySet } from '../sla/index.js';
import { clockInputOf, deadlinesOf, sameDeadlines } from './clock-input.js';
import { ComplaintRuleViolation, rules } from './errors.js';
import { evolve } from './evolve.js';
import type { ComplaintState, FiledComplaint } from './state.js';

export interface DecideContext {
  /** The current instant (ISO 8601) from the injected clock: the `at` of the events decided. */
  now: string;
  /** The configured SLA policies: the one in force at filing is chosen from them, and then found by version. */
  policies: PolicySet;
}

/** Who acted and when, on every event: the command's actor, at the context's now. */
export const stamp = (command: ComplaintCommand, context: DecideContext): { by: Actor; at: string } => ({
  by: command.metadata.actor,
  at: context.now,
});

export const violation = (
  command: ComplaintCommand,
  state: FiledComplaint,
  rule: string,
  detail?: string,
): ComplaintRuleViolation => new ComplaintRuleViolation(command.type, state.status, rule, detail);

type StatusOf<S extends FiledComplaint['status']> = Extract<FiledComplaint, { status: S }>;

/**
 * Throws "cannot <action> <status>" unless the complaint is in one of `allowed`, for example
 * `requireStatus(command, state, ['resolved'], 'reject the resolution of')`.
 */
export function requireStatus<S extends FiledComplaint['status']>(
  command: ComplaintCommand,
  state: FiledComplaint,
  allowed: readonly S[],
  action: string,
): asserts state is StatusOf<S> {
  if (!(allowed as readonly string[]).includes(state.status)) {
    throw violation(command, state, rules.status(action, state.status));
  }
}

type WithDeadlines = ComplaintEventOf<'ComplaintTriaged' | 'CustomerResponded' | 'ComplaintReopened'>;

/**
 * The event, carrying the deadlines in force after it when it moves them (a new priority, a resume
 * after a pause, a CFPB "in progress" marker). While the clock is paused there is nothing to record:
 * the due times depend on when the customer answers.
 */
export function withDeadlines<E extends WithDeadlines>(
  state: ComplaintState,
  event: E,
  context: DecideContext,
): E {
  const next = evolve(state, event);
  if (state.status === 'none' || next.status === 'none' || next.status === 'awaiting_customer') return event;
  const deadlines = deadlinesOf(clockInputOf(next, context.policies), new Date(context.now));
  return sameDeadlines(deadlines, state.deadlines) ? event : { ...event, data: { ...event.data, deadlines } };
}

/** Milliseconds since the epoch of an ISO instant. */
export const ms = (instant: string): number => Date.parse(instant);
