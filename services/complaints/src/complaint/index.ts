export { clockInputOf, deadlinesOf, sameDeadlines, slaTargetOf, targetKeyOf } from './clock-input.js';
export { linkResolutionOf } from './customer-acts.js';
export { decide } from './decide.js';
export { DEFAULT_PRIORITY } from './decide-filing.js';
export { REJECTED_REOPEN_REASON } from './decide-resolution.js';
export type { DecideContext } from './decision.js';
export {
  ComplaintNotFound,
  ComplaintRuleViolation,
  describeStatus,
  REOPEN_WINDOW_DAYS,
  rules,
  UnknownSlaRegion,
} from './errors.js';
export { evolve } from './evolve.js';
export {
  type AwaitingComplaint,
  activeLinks,
  type ClosedComplaint,
  type Closure,
  type ComplaintFacts,
  type ComplaintLink,
  type ComplaintState,
  type ComplaintStatus,
  type DismissedComplaint,
  ENDED_STATUSES,
  type Escalation,
  type EscalationLevel,
  endedAt,
  type FiledComplaint,
  hasEnded,
  type InformationRequest,
  type Instant,
  initialState,
  isOpen,
  type Markers,
  type MetTimes,
  OPEN_STATUSES,
  type OpenComplaint,
  type PauseInterval,
  type RecordedBreach,
  type Resolution,
  type ResolvedComplaint,
  type Satisfaction,
  type Withdrawal,
  type WithdrawnComplaint,
} from './state.js';
