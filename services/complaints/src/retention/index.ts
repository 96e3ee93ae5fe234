export {
  DEFAULT_RETENTION_POLICY,
  parseRetentionPolicy,
  type RetentionPolicy,
  type RetentionVerdict,
  retainedUntil,
  retentionVerdict,
} from './policy.js';
export {
  type RetentionSweep,
  type RetentionSweepDeps,
  retentionActor,
  type SweepResult,
  startRetentionSweep,
  sweepOnce,
} from './sweep.js';
