import { COMPLAINT_STREAM_PREFIX, complaintIdOfStream } from '@chp/contracts';
import type { EventStore, Position } from '@chp/eventstore';

export interface Lag {
  /** Complaint events after `after`, up to `limit` (the count saturates there). */
  events: number;
  /** Age of the first of them at `now`; 0 when there are none. */
  seconds: number;
}

/**
 * How far `after` is behind the head of the store, in complaint events and in seconds. Works on
 * every adapter: one bounded `readAll` from the position, no adapter-specific head query.
 */
export async function measureLag(
  store: EventStore,
  after: Position | undefined,
  limit: number,
  now: Date = new Date(),
): Promise<Lag> {
  const behind = await store.readAll({
    ...(after !== undefined ? { after } : {}),
    maxCount: limit,
    filter: { streamNamePrefix: COMPLAINT_STREAM_PREFIX },
  });
  const complaintEvents = behind.filter((e) => complaintIdOfStream(e.streamName) !== undefined);
  const oldest = complaintEvents[0];
  return {
    events: complaintEvents.length,
    seconds: oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1_000) : 0,
  };
}
