// The escalation ladder after a breach: each level's delay runs from the breach in the policy calendar.
import { addDuration } from './duration.js';
import type { Policy } from './policy.js';

export interface EscalationStep {
  level: number;
  dueAt: Date;
  /** The role or team the complaint escalates to. */
  to: string;
}

/**
 * Every level of the ladder for a breach at `breachedAt`. A level is never due before the one below
 * it, even if the policy's delays are out of order.
 */
export function escalationLadder(policy: Policy, breachedAt: Date, region?: string): EscalationStep[] {
  const steps: EscalationStep[] = [];
  let floor = breachedAt;
  for (const { level, after, to } of policy.escalation.levels) {
    const due = addDuration(breachedAt, after, policy.calendar, region);
    floor = new Date(Math.max(due.getTime(), floor.getTime()));
    steps.push({ level, dueAt: floor, to });
  }
  return steps;
}

/** The level after `currentLevel` (0 before any escalation) and when it is due; undefined at the top. */
export function nextEscalation(
  policy: Policy,
  breachedAt: Date,
  currentLevel: number,
  region?: string,
): EscalationStep | undefined {
  return escalationLadder(policy, breachedAt, region).find((s) => s.level > currentLevel);
}
