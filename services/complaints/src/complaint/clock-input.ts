// The bridge from the complaint's state to the SLA clocks of src/sla.
import { type Deadlines, type SlaTarget, slaTargets } from '@chp/contracts';
import {
  type ClockInput,
  dueTimes,
  findPolicy,
  OPERATIONAL_TARGETS,
  type OperationalTarget,
  type PolicySet,
  type TargetKey,
} from '../sla/index.js';
import { type ComplaintState, endedAt, type FiledComplaint, type Instant } from './state.js';

const keys: Readonly<Record<SlaTarget, TargetKey>> = {
  acknowledge: 'operational:acknowledge',
  first_response: 'operational:first_response',
  resolve: 'operational:resolve',
  regulatory_summary_resolution: 'regulatory:summary_resolution',
  regulatory_final_response: 'regulatory:final_response',
};

/** The SLA module's key for a contracts target name: `regulatory_final_response` → `regulatory:final_response`. */
export const targetKeyOf = (target: SlaTarget): TargetKey => keys[target];

/** The contracts target name for an SLA key, as `RecordSlaBreach` takes it. */
export function slaTargetOf(key: TargetKey): SlaTarget {
  const target = slaTargets.find((t) => keys[t] === key);
  if (target === undefined) throw new RangeError(`unknown SLA target key ${key}`);
  return target;
}

const date = (instant: Instant): Date => new Date(instant);

/**
 * The complaint as the SLA clocks see it, or undefined before it is filed. Uses the policy version
 * recorded at filing (throws `SlaPolicyError` when the configuration no longer has it).
 *
 * A complaint that ended (closed, dismissed, withdrawn) stops every clock at its end: each target
 * not met by then counts as met at the end, so the clocks tell whether it ended in time and
 * `nextBreach` never fires afterwards. Every target with a recorded breach is in `recordedBreaches`.
 */
export function clockInputOf(state: FiledComplaint, policies: PolicySet): ClockInput;
export function clockInputOf(state: ComplaintState, policies: PolicySet): ClockInput | undefined;
export function clockInputOf(state: ComplaintState, policies: PolicySet): ClockInput | undefined {
  if (state.status === 'none') return undefined;
  const policy = findPolicy(policies, state.sla.policyId, state.sla.policyVersion);
  const end = endedAt(state);
  const met: Partial<Record<OperationalTarget, Date>> = {};
  for (const target of OPERATIONAL_TARGETS) {
    const at = state.met[target] ?? end;
    if (at !== undefined) met[target] = date(at);
  }
  const { inProgress, exceptional } = state.markers;
  return {
    receivedAt: date(state.receivedAt),
    priority: state.priority,
    policy,
    ...(state.sla.region === undefined ? {} : { region: state.sla.region }),
    pauses: state.pauses.map((p) =>
      p.to === undefined ? { from: date(p.from) } : { from: date(p.from), to: date(p.to) },
    ),
    markers: {
      ...(inProgress === undefined ? {} : { inProgress: date(inProgress) }),
      ...(exceptional === undefined ? {} : { exceptional: date(exceptional) }),
    },
    met,
    recordedBreaches: [...new Set(state.breaches.map((b) => targetKeyOf(b.target)))],
  };
}

/** Every target's due time at `now`, as the events record deadlines. Meaningless during a pause (see computeClocks). */
export function deadlinesOf(input: ClockInput, now: Date): Deadlines {
  const deadlines: Deadlines = {};
  for (const { key, dueAt } of dueTimes(input, now)) deadlines[slaTargetOf(key)] = dueAt.toISOString();
  return deadlines;
}

/** True when both name the same targets at the same instants. */
export function sameDeadlines(a: Deadlines, b: Deadlines): boolean {
  return slaTargets.every((t) => {
    const x = a[t];
    const y = b[t];
    return x === undefined || y === undefined ? x === y : Date.parse(x) === Date.parse(y);
  });
}
