import { Counter, Gauge, register } from 'prom-client';

function getOrCreate<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** The SLA monitor's metrics on the default prom-client registry. */
export interface SlaMonitorMetrics {
  breachRecorded(target: string): void;
  escalated(level: number): void;
  /** Lost a race to another replica (the stream moved); it re-read and looked again. */
  conflict(): void;
  failed(reason: 'refused' | 'error'): void;
  scheduled(count: number): void;
}

export function slaMonitorMetrics(): SlaMonitorMetrics {
  const breaches = getOrCreate(
    'chp_sla_breaches_recorded_total',
    () =>
      new Counter({
        name: 'chp_sla_breaches_recorded_total',
        help: 'SlaBreached events this monitor appended, by target',
        labelNames: ['target'],
      }),
  );
  const escalations = getOrCreate(
    'chp_sla_escalations_total',
    () =>
      new Counter({
        name: 'chp_sla_escalations_total',
        help: 'ComplaintEscalated events (reason sla_breach) this monitor appended, by level',
        labelNames: ['level'],
      }),
  );
  const conflicts = getOrCreate(
    'chp_sla_monitor_conflicts_total',
    () =>
      new Counter({
        name: 'chp_sla_monitor_conflicts_total',
        help: 'Commands that met a newer stream revision (another replica or an agent acted first) and were reconsidered',
      }),
  );
  const failures = getOrCreate(
    'chp_sla_monitor_failures_total',
    () =>
      new Counter({
        name: 'chp_sla_monitor_failures_total',
        help: 'Commands the decider refused or that failed; retried later',
        labelNames: ['reason'],
      }),
  );
  const scheduled = getOrCreate(
    'chp_sla_monitor_scheduled',
    () =>
      new Gauge({
        name: 'chp_sla_monitor_scheduled',
        help: 'Complaints in the monitor index with a breach or an escalation still to come',
      }),
  );
  return {
    breachRecorded: (target) => breaches.inc({ target }),
    escalated: (level) => escalations.inc({ level: String(level) }),
    conflict: () => conflicts.inc(),
    failed: (reason) => failures.inc({ reason }),
    scheduled: (count) => scheduled.set(count),
  };
}
