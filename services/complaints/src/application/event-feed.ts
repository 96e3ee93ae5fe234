import {
  COMPLAINT_STREAM_PREFIX,
  type ComplaintCloudEvent,
  cloudEventSources,
  complaintIdOfStream,
  complaintStreamName,
  toCloudEvent,
} from '@chp/contracts';
import type { EventStore, Position } from '@chp/eventstore';

export const MAX_FEED_PAGE = 1_000;

export interface FeedPage {
  /** Complaint events in global order, as the relay publishes them (the `position` extension included). */
  events: ComplaintCloudEvent[];
  /** Pass as `after` for the next page: the last position read, or the `after` given when nothing was new. */
  next: Position | null;
}

/**
 * A page of every complaint event after `after`, from the store's global log (projections rebuild
 * from it). `after` must already be parsed by `store.parsePosition`.
 */
export async function readEventFeed(
  store: EventStore,
  options: { after?: Position; limit?: number; complaintId?: string } = {},
): Promise<FeedPage> {
  const limit = options.limit ?? 100;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) {
    throw new RangeError(`limit must be 1 to ${MAX_FEED_PAGE}, got ${limit}`);
  }
  if (options.complaintId !== undefined) return readComplaintFeed(store, options.complaintId);
  const recorded = await store.readAll({
    ...(options.after === undefined ? {} : { after: options.after }),
    maxCount: limit,
    filter: { streamNamePrefix: COMPLAINT_STREAM_PREFIX },
  });
  const events = recorded
    // The prefix could match a stream that is not `complaint-<uuid>`; only aggregates belong here.
    .filter((event) => complaintIdOfStream(event.streamName) !== undefined)
    .map((event) => toCloudEvent(event, { source: cloudEventSources.complaints }));
  const last = recorded.at(-1);
  return { events, next: last === undefined ? (options.after ?? null) : String(last.position) };
}

/**
 * Every event of one complaint, in revision order, in the feed's form (`next` null): projections
 * re-project a complaint from it after `CustomerDataErased`, reading the stand-ins a rebuild reads.
 */
async function readComplaintFeed(store: EventStore, complaintId: string): Promise<FeedPage> {
  const recorded = (await store.readStreamIfExists(complaintStreamName(complaintId))) ?? [];
  return {
    events: recorded.map((event) => toCloudEvent(event, { source: cloudEventSources.complaints })),
    next: null,
  };
}
