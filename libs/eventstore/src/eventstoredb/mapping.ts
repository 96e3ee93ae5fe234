import {
  type AllStreamResolvedEvent,
  ANY,
  type AppendExpectedRevision,
  type EventData as EsdbEventData,
  type Filter as EsdbFilter,
  eventTypeFilter,
  excludeSystemEvents,
  type JSONType,
  jsonEvent,
  NO_STREAM,
  type ResolvedEvent,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type { AllFilter, EventData, ExpectedRevision, RecordedEvent } from '../port.js';
import { encodePosition } from './positions.js';

/** Our expected revisions and the client's share their spelling; this keeps the mapping explicit. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/**
 * Maps the client's errors onto the port's. `expected` is what the caller passed (the server may
 * report `stream_exists` differently across versions); `actual` comes from the server's answer.
 * Anything else (unavailable, access denied, append too large...) is returned unchanged.
 */
export function mapEsdbError(error: unknown, streamName: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedVersion(
      streamName,
      expected ?? fromEsdbExpectedRevision(error.expectedVersion),
      error.actualVersion,
    );
  }
  // A soft-deleted or tombstoned stream reads as missing: the port has no notion of deletion.
  if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) {
    return new StreamNotFound(streamName);
  }
  return error;
}

function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  return expected;
}

/** Events are stored as JSON (`application/json`), metadata too, so the ESDB UI and projections can read them. */
export function toEsdbEvent(event: EventData): EsdbEventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // JSON.stringify(undefined) is not JSON; the client would fail on it deep inside gRPC.
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata,
  });
}

/**
 * System records are not the application's: `$`-prefixed event types (`$metadata`, `$>` links,
 * `$ProjectionCheckpoint`, our own `$chp-checkpoint`) and `$`-prefixed streams (`$stats-…`).
 */
export function isSystemEvent(streamName: string, type: string): boolean {
  return type.startsWith('$') || streamName.startsWith('$');
}

/**
 * Converts one resolved event from a stream or `$all` read; `undefined` when the entry carries no
 * event. Callers reading `$all` drop system events with `isSystemEvent`.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const position =
    event.position ??
    // Servers before 22.6 give no record position on stream reads, only the commit position.
    (resolved.commitPosition === undefined
      ? undefined
      : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (!position) {
    throw new Error(
      `EventStoreDB returned event ${event.id} of ${event.streamId} without a log position: a server of version 22.6 or later is required`,
    );
  }
  return {
    streamName: event.streamId,
    revision: event.revision,
    position: encodePosition(position),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    createdAt: event.created,
  };
}

/**
 * The server-side filter for a subscription. ESDB filters by prefix; the exact match on event types
 * is enforced by `matchesFilter` on the client. Without a filter, system events are excluded on the
 * server so that they do not cross the wire.
 */
export function toEsdbFilter(filter: AllFilter | undefined): EsdbFilter {
  if (!filter) return excludeSystemEvents();
  if ('streamNamePrefix' in filter) return streamNameFilter({ prefixes: [filter.streamNamePrefix] });
  return eventTypeFilter({ prefixes: [...filter.eventTypes] });
}

/** The exact filter semantics of the port, applied to what the server's prefix filter let through. */
export function matchesFilter(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  if ('streamNamePrefix' in filter) return event.streamName.startsWith(filter.streamNamePrefix);
  return filter.eventTypes.includes(event.type);
}
