import type { EventStore } from '@chp/eventstore';
import { measureLag } from './lag.js';
import { defaultRelayCheckpointId } from './options.js';
import type { RelayStats } from './relay.js';

/** Where the relay stands, for operators (`GET /admin/v1/relay`). */
export interface RelayStatus {
  checkpointId: string;
  /** The stored checkpoint (a position of the event store), or null before the first one. */
  position: string | null;
  /** Complaint events after the position: `atLeast` when the count reached the probe limit. */
  lag: { events: number; seconds: number; atLeast: boolean };
  /** This replica: whether it runs a relay and holds the lease (another replica may lead). */
  replica: { relayEnabled: boolean; leading: boolean; published: number; deadLettered: number };
}

/**
 * The relay's position and lag behind the head of the store. The position is read from the store's
 * checkpoint (the newer of it and this replica's own progress), so any replica can answer, leader or not.
 */
export async function relayStatus(
  store: EventStore,
  options: { checkpointId?: string; probeLimit?: number; relay?: { stats(): RelayStats }; now?: Date },
): Promise<RelayStatus> {
  const checkpointId = options.checkpointId ?? defaultRelayCheckpointId;
  const probeLimit = options.probeLimit ?? 10_000;
  const stored = await store.checkpoints.load(checkpointId);
  const stats = options.relay?.stats();
  const own = stats?.position;
  const position =
    stored === undefined
      ? own
      : own === undefined
        ? stored
        : store.comparePositions(own, stored) > 0
          ? own
          : stored;
  const lag = await measureLag(store, position, probeLimit, options.now);
  return {
    checkpointId,
    position: position === undefined ? null : String(position),
    lag: { events: lag.events, seconds: lag.seconds, atLeast: lag.events >= probeLimit },
    replica: {
      relayEnabled: stats !== undefined,
      leading: stats?.leading ?? false,
      published: stats?.published ?? 0,
      deadLettered: stats?.deadLettered ?? 0,
    },
  };
}
