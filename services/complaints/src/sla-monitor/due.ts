// What the SLA monitor should do next for one complaint, and when: pure, from the folded state.
import { operationalTargets, type SlaTarget, slaTargets } from '@chp/contracts';
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

const operational = new Set<SlaTarget>(operationalTargets);

/**
 * When to look at a complaint next, cheaply: the earliest deadline recorded on its events for a
 * target not met and not yet breached (operational ones only while the clock runs), or the next
 * rung of the ladder. No clock is recomputed for the breach part: the decider records every moved
 * deadline on the event that moves it (filing, triage, the customer's response, a reopen, a PSD2
 * holding reply), so the
 * recorded one is never later than the true due time. It may be earlier (a milestone that does not
 * bind); the exact `nextSlaAction` at that time then says when to look again.
 */
export function wakeHint(state: ComplaintState, policies: PolicySet): number | undefined {
  if (!isOpen(state)) return undefined;
  const recorded = new Set(state.breaches.map((b) => b.target));
  const paused = state.status === 'awaiting_customer';
  let earliest: number | undefined;
  for (const target of slaTargets) {
    const due = state.deadlines[target];
    if (due === undefined || recorded.has(target)) continue;
    const met = operational.has(target) ? state.met[target as keyof typeof state.met] : state.met.resolve;
    if (met !== undefined || (paused && operational.has(target))) continue;
    const at = Date.parse(due);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  if (state.breaches.length > 0) {
    const input = clockInputOf(state, policies);
    const ladderFrom = new Date(Math.min(...state.breaches.map((b) => Date.parse(b.dueAt))));
    const step = nextEscalation(input.policy, ladderFrom, state.escalation.level, input.region);
    if (step && (earliest === undefined || step.dueAt.getTime() < earliest)) earliest = step.dueAt.getTime();
  }
  return earliest;
}
