import { Counter, Histogram, register } from 'prom-client';

/** Labels of `chp_consumer_messages_total`'s `outcome`. */
export type OutcomeLabel =
  | 'ack'
  | 'retry'
  | 'error'
  | 'reject'
  | 'invalid'
  | 'exhausted'
  | 'dead_letter_failed'
  | 'unsettled'
  | 'released';

function counter(): Counter<'consumer' | 'outcome'> {
  const name = 'chp_consumer_messages_total';
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<'consumer' | 'outcome'>;
  return new Counter({
    name,
    help: 'Messages handled by a consumer runner, by outcome (ack, retry, error, reject, invalid, exhausted, ...)',
    labelNames: ['consumer', 'outcome'],
  });
}

function histogram(): Histogram<'consumer'> {
  const name = 'chp_consumer_handling_seconds';
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Histogram<'consumer'>;
  return new Histogram({
    name,
    help: 'Time from taking a message to settling it (decode, handler, ack/nak/dead letter)',
    labelNames: ['consumer'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  });
}

/** Metric children bound to one consumer, so the hot path does no label lookups. */
export interface ConsumerMetrics {
  count(outcome: OutcomeLabel): void;
  observeSeconds(seconds: number): void;
}

export function consumerMetrics(consumer: string): ConsumerMetrics {
  const messages = counter();
  const byOutcome = new Map<OutcomeLabel, { inc(): void }>();
  const duration = histogram().labels({ consumer });
  return {
    count(outcome) {
      let child = byOutcome.get(outcome);
      if (!child) {
        child = messages.labels({ consumer, outcome });
        byOutcome.set(outcome, child);
      }
      child.inc();
    },
    observeSeconds(seconds) {
      duration.observe(seconds);
    },
  };
}
