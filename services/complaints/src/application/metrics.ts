import { Counter, Histogram, register } from 'prom-client';

// Several apps in one process (tests) share the default registry: reuse what is registered.
function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (
    (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames })
  );
}

function histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return (
    (register.getSingleMetric(name) as Histogram<L> | undefined) ??
    new Histogram({
      name,
      help,
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    })
  );
}

export type CommandOutcome =
  | 'appended'
  | 'unchanged'
  | 'rejected'
  | 'not_found'
  | 'revision_mismatch'
  | 'conflict'
  | 'error';

/** The command handler's metrics, on prom-client's default registry (served on `/metrics`). */
export function commandMetrics() {
  return {
    commands: counter(
      'chp_complaints_commands_total',
      'Commands handled, by command type and outcome (appended, unchanged, rejected, not_found, revision_mismatch, conflict, error)',
      ['command', 'outcome'],
    ),
    duration: histogram(
      'chp_complaints_command_duration_seconds',
      'Time to handle one command, read to append',
      ['command'],
    ),
    retries: counter(
      'chp_complaints_command_retries_total',
      'Appends retried after a concurrent write to the same complaint (no If-Match)',
      ['command'],
    ),
  };
}

export type CommandMetrics = ReturnType<typeof commandMetrics>;
