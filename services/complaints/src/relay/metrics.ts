import { Counter, Gauge, register } from 'prom-client';

type RelayLabel = 'relay';

function gauge(name: string, help: string): Gauge<RelayLabel> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Gauge<RelayLabel>;
  return new Gauge({ name, help, labelNames: ['relay'] });
}

function counter(name: string, help: string): Counter<RelayLabel> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<RelayLabel>;
  return new Counter({ name, help, labelNames: ['relay'] });
}

/** The relay's metrics on the default prom-client registry, bound to one relay (its checkpoint id). */
export interface RelayMetrics {
  published(): void;
  duplicate(): void;
  deadLettered(): void;
  publishFailed(): void;
  leader(isLeader: boolean): void;
  lag(events: number, seconds: number): void;
}

export function relayMetrics(relay: string): RelayMetrics {
  const labels = { relay };
  const published = counter(
    'chp_relay_published_total',
    'Events the relay published to JetStream and saw acknowledged (duplicates included)',
  ).labels(labels);
  const duplicates = counter(
    'chp_relay_duplicates_total',
    'Publishes JetStream acknowledged as duplicates (msgID seen within the duplicate window): republished after a restart',
  ).labels(labels);
  const deadLettered = counter(
    'chp_relay_dead_lettered_total',
    'Stored events the relay could not decode and sent to the dead letters instead',
  ).labels(labels);
  const failures = counter(
    'chp_relay_publish_failures_total',
    'Publishes that failed (no ack, timeout, no stream); the relay restarts from the last acknowledged event',
  ).labels(labels);
  const leader = gauge('chp_relay_leader', '1 while this replica holds the relay lease and relays').labels(
    labels,
  );
  const lagEvents = gauge(
    'chp_relay_lag_events',
    'Complaint events in the store not yet published (capped at the probe limit)',
  ).labels(labels);
  const lagSeconds = gauge(
    'chp_relay_lag_seconds',
    'Age of the oldest complaint event in the store not yet published; 0 when caught up',
  ).labels(labels);
  return {
    published: () => published.inc(),
    duplicate: () => duplicates.inc(),
    deadLettered: () => deadLettered.inc(),
    publishFailed: () => failures.inc(),
    leader: (isLeader) => leader.set(isLeader ? 1 : 0),
    lag(events, seconds) {
      lagEvents.set(events);
      lagSeconds.set(seconds);
    },
  };
}
