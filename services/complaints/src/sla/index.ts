export {
  addBusinessDays,
  addCalendarTime,
  addWorkingTime,
  endOfBusinessDay,
  endOfCalendarDay,
  isBusinessDay,
  workingTimeBetween,
} from './calendar.js';
export {
  type ClockInput,
  computeClocks,
  dueTimes,
  type NextBreach,
  nextBreach,
  operationalDue,
  type Pause,
  type SlaClocks,
  type TargetClock,
  type TargetKey,
  type TargetState,
  type TimeSpan,
} from './clocks.js';
export { addDuration } from './duration.js';
export { type EscalationStep, escalationLadder, nextEscalation } from './escalation.js';
export {
  type Calendar,
  DURATION_UNITS,
  type DurationUnit,
  type EscalationLevel,
  type Holiday,
  OPERATIONAL_TARGETS,
  type OperationalTarget,
  type Policy,
  type PolicyFile,
  PRIORITIES,
  type Priority,
  policyFileSchema,
  REGIMES,
  type Regime,
  regionCodeSchema,
  type SlaDuration,
} from './policy.js';
export { BUNDLED_POLICIES_FILE, loadPoliciesFile } from './policy-file.js';
export {
  findPolicy,
  loadPolicies,
  type PolicyIssue,
  type PolicySelector,
  type PolicySet,
  SlaPolicyError,
  selectPolicy,
  withDefaultRegion,
} from './policy-set.js';
export { calendarRegions, knowsRegion } from './regions.js';
export {
  REGULATORY_TARGETS,
  type RegulatoryDeadline,
  type RegulatoryMarkers,
  type RegulatoryTarget,
  regulatoryDeadlines,
} from './regulatory.js';
