import type { EventStore } from '@chp/eventstore';
import { type NatsConnectionLike, natsReadiness, type ReadinessCheck } from '@chp/platform';

/** What `/readyz` checks: the event store answers a read, and NATS answers a PING. */
export function complaintsReadiness(deps: {
  store: EventStore;
  nc?: NatsConnectionLike;
}): Record<string, ReadinessCheck> {
  return {
    eventStore: async () => {
      await deps.store.readAll({ maxCount: 1 });
    },
    ...(deps.nc ? { nats: natsReadiness(deps.nc) } : {}),
  };
}
