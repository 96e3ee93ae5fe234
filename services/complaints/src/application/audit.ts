import { type Actor, type ComplaintEvent, complaintStreamName } from '@chp/contracts';
import type { EventStore, RecordedEvent } from '@chp/eventstore';
import { decodeRecorded } from './event-codec.js';

export const MAX_AUDIT_PAGE = 1_000;

/** One line of a complaint's audit trail. */
export interface AuditEntry {
  revision: number;
  eventId: string;
  type: ComplaintEvent['type'];
  /** When it happened (the event's `at`). */
  at: string;
  /** When the store recorded it. */
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  traceparent?: string;
  /** The version the event was written at; `data` is always the current version. */
  schemaVersion: number;
  data: ComplaintEvent['data'];
}

export interface AuditPage {
  complaintId: string;
  events: AuditEntry[];
  /** The `from` of the next page, or null when this page reaches the end of the stream. */
  next: number | null;
}

export interface AuditPageOptions {
  /** First revision, inclusive. Default 0. */
  from?: number;
  /** Events per page, 1 to {@link MAX_AUDIT_PAGE}. Default 100. */
  limit?: number;
}

function entryOf(recorded: RecordedEvent): AuditEntry {
  const { event, metadata } = decodeRecorded(recorded);
  return {
    revision: Number(recorded.revision),
    eventId: recorded.id,
    type: event.type,
    at: event.data.at,
    recordedAt: recorded.createdAt.toISOString(),
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    ...(metadata.traceparent === undefined ? {} : { traceparent: metadata.traceparent }),
    schemaVersion: metadata.schemaVersion,
    data: event.data,
  };
}

/** A page of a complaint's events in stream order, or undefined when the complaint does not exist. */
export async function readAuditTrail(
  store: EventStore,
  complaintId: string,
  options: AuditPageOptions = {},
): Promise<AuditPage | undefined> {
  const from = options.from ?? 0;
  const limit = options.limit ?? 100;
  if (!Number.isSafeInteger(from) || from < 0)
    throw new RangeError(`from must be a revision ≥ 0, got ${from}`);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw new RangeError(`limit must be 1 to ${MAX_AUDIT_PAGE}, got ${limit}`);
  }
  // One more than asked says whether there is a next page without a second query.
  const recorded = await store.readStreamIfExists(complaintStreamName(complaintId), {
    from: BigInt(from),
    maxCount: limit + 1,
  });
  if (recorded === undefined) return undefined;
  const page = recorded.slice(0, limit);
  const more = recorded.length > limit;
  return { complaintId, events: page.map(entryOf), next: more ? from + limit : null };
}
