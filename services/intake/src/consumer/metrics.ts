import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  // Tests create several services in one process: reuse what is registered.
  const existing = register.getSingleMetric(name);
  return (existing as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Dead letters written by intake, by channel and reason kind. */
export const deadLetters = counter('chp_intake_dead_letters_total', 'Intake messages dead-lettered', [
  'channel',
  'reason',
]);

/** Submissions by channel, transport and result (filed, queued, invalid, conflict, refused). */
export const submissions = counter('chp_intake_submissions_total', 'Submissions handled by intake', [
  'channel',
  'transport',
  'result',
]);
