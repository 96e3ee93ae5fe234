// What the SLA monitor should do next for one complaint, and when: pure, from the folded state.
import type { SlaTarget } from '@chp/contracts';
import { type ComplaintState, clockInputOf, isOpen, slaTargetOf } from '../complaint/index.js';
import { nextBreach, nextEscalation, type PolicySet } from '../sla/index.js';

export type SlaAction =
  | { kind: 'breach'; target: SlaTarget; dueAt: Date }
  /** A rung of the escalation ladder, measured from `ladderFrom` (the first breach's due time). */
  | { kind: 'escalate'; level: number; to: string; dueAt: Date; ladderFrom: Date };

/**
 * The monitor's next action for a complaint, due or not, or undefined when nothing is scheduled:
 * - the earliest binding target that is not met, not paused and not yet recorded as breached
 *   (`nextBreach` of `src/sla`; its due time may be past: a monitor that was down catches up);
 * - after a breach, the next level of the policy's escalation ladder above the current level, while
 *   the complaint is open (received, acknowledged, in progress or awaiting the customer).
 * A breach comes before an escalation due at the same instant.
 */
export function nextSlaAction(state: ComplaintState, policies: PolicySet, now: Date): SlaAction | undefined {
  if (state.status === 'none') return undefined;
  const input = clockInputOf(state, policies);
  const breach = nextBreach(input, now);
  const breachAction: SlaAction | undefined = breach
    ? { kind: 'breach', target: slaTargetOf(breach.key), dueAt: breach.dueAt }
    : undefined;

  let escalation: SlaAction | undefined;
  if (isOpen(state) && state.breaches.length > 0) {
    const ladderFrom = new Date(Math.min(...state.breaches.map((b) => Date.parse(b.dueAt))));
    const step = nextEscalation(input.policy, ladderFrom, state.escalation.level, input.region);
    if (step)
      escalation = { kind: 'escalate', level: step.level, to: step.to, dueAt: step.dueAt, ladderFrom };
  }

  if (breachAction && escalation) {
    return escalation.dueAt.getTime() < breachAction.dueAt.getTime() ? escalation : breachAction;
  }
  return breachAction ?? escalation;
}
