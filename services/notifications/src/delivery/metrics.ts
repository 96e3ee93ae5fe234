import { Counter, register } from 'prom-client';

export type EmailOutcome = 'sent' | 'failed' | 'skipped' | 'retried' | 'unknown' | 'duplicate';

const emails = (() => {
  const name = 'chp_notifications_emails_total';
  // Tests build several services in one process; the default registry keeps one counter.
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<'outcome' | 'template'>;
  return new Counter({
    name,
    help: 'Emails by outcome: sent, failed (permanently or out of attempts), skipped (no address, opted out, no route), retried (temporary failure), unknown (intent without result), duplicate (already settled)',
    labelNames: ['outcome', 'template'] as const,
  });
})();

export const countEmail = (outcome: EmailOutcome, template: string) => emails.inc({ outcome, template });
