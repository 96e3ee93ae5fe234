import { parseCloudEvent } from '@chp/contracts';
import type { ProjectedEvent } from '../projection/index.js';

/** A page of the complaints service's `/internal/v1/events` feed, parsed. */
export interface FeedPage {
  events: ProjectedEvent[];
  /** Pass as `after` for the next page; null when the feed is empty. */
  next: string | null;
}

/** The port to the complaints event feed: rebuilds and gap repair read it; tests inject their own. */
export interface EventFeed {
  read(after: string | undefined, limit: number): Promise<FeedPage>;
  /** Every event of one complaint, in revision order (re-projection after `CustomerDataErased`). */
  readComplaint?(complaintId: string): Promise<ProjectedEvent[]>;
}

export class FeedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedError';
  }
}

/** A CloudEvent (from JetStream or the feed) as the projection's event; throws ContractError when invalid. */
export function toProjectedEvent(input: unknown): ProjectedEvent {
  const { envelope, event } = parseCloudEvent(input);
  return {
    id: envelope.id,
    complaintId: (envelope.subject ?? '').toLowerCase(),
    revision: envelope.streamrevision ?? -1,
    position: envelope.position ?? '',
    event,
  };
}

export interface HttpEventFeedOptions {
  /** The complaints service, e.g. `http://127.0.0.1:3002`. */
  baseUrl: string;
  /** A bearer token with the `service` or `admin` role. */
  token: () => Promise<string> | string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** `GET <baseUrl>/internal/v1/events?after=&limit=` with a bearer token. */
export function httpEventFeed(options: HttpEventFeedOptions): EventFeed {
  const doFetch = options.fetch ?? fetch;
  const page = async (query: Record<string, string>): Promise<FeedPage> => {
    const url = new URL('/internal/v1/events', options.baseUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await doFetch(url, {
      headers: { authorization: `Bearer ${await options.token()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      throw new FeedError(`event feed answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    const body = (await response.json()) as { events?: unknown; next?: unknown };
    if (!Array.isArray(body.events) || !(typeof body.next === 'string' || body.next === null)) {
      throw new FeedError('event feed answered without {events: [], next}');
    }
    return { events: body.events.map(toProjectedEvent), next: body.next };
  };
  return {
    read: (after, limit) => page({ ...(after === undefined ? {} : { after }), limit: String(limit) }),
    readComplaint: async (complaintId) => (await page({ complaintId })).events,
  };
}
