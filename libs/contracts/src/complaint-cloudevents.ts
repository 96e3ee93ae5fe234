import { z } from 'zod';
import { type CloudEvent, cloudEventSchema, cloudEventTypeOf } from './cloudevents.js';
import {
  decodeEvent,
  type EventFamily,
  type ParsedCloudEvent,
  parseFamilyCloudEvent,
  type SafeParsed,
  safely,
} from './codec.js';
import { ContractError } from './errors.js';
import {
  type ComplaintEvent,
  type ComplaintEventType,
  complaintEventDataSchemas,
  complaintEventSchema,
  complaintEventVersions,
  complaintUpcasters,
  type EventMetadata,
  eventMetadataSchema,
} from './events/index.js';
import { complaintIdOfStream } from './stream-names.js';
import { complaintIdSchema, isoDateTime, opaqueId } from './values/index.js';

export const COMPLAINT_EVENTS_PREFIX = 'complaints';

/** A Complaint event on NATS: the complaint id as subject, and every extension the relay sets. */
export const complaintCloudEventSchema = cloudEventSchema.extend({
  subject: complaintIdSchema,
  time: isoDateTime(),
  streamrevision: z.number().int().nonnegative(),
  position: z.string().min(1).max(100),
  correlationid: opaqueId(),
  causationid: opaqueId(),
});

/** The envelope of one event type at its current version, with its data schema (for docs and strict consumers). */
export const complaintCloudEventSchemaOf = (type: ComplaintEventType) =>
  complaintCloudEventSchema.extend({
    type: z.literal(cloudEventTypeOf(COMPLAINT_EVENTS_PREFIX, type, complaintEventVersions[type])),
    data: complaintEventDataSchemas[type],
  });

export const complaintEvents: EventFamily<ComplaintEvent> = {
  prefix: COMPLAINT_EVENTS_PREFIX,
  upcasters: complaintUpcasters,
  eventSchema: complaintEventSchema,
  envelopeSchema: complaintCloudEventSchema,
};

export type ComplaintCloudEvent = CloudEvent<ComplaintEvent['data']>;

/** What the relay reads from the event store; structurally the eventstore's `RecordedEvent`. */
export interface RecordedEventLike {
  id: string;
  type: string;
  streamName: string;
  revision: bigint | number;
  position: string;
  data: unknown;
  metadata: unknown;
  createdAt: Date;
}

/** Upcasts and validates a stored Complaint event; throws {@link ContractError} (`metadata`, `data` …). */
export function decodeStoredEvent(recorded: Pick<RecordedEventLike, 'type' | 'data' | 'metadata'>): {
  event: ComplaintEvent;
  metadata: EventMetadata;
} {
  const metadata = eventMetadataSchema.safeParse(recorded.metadata);
  if (!metadata.success) {
    throw ContractError.fromZod('metadata', `invalid ${recorded.type} metadata`, metadata.error, [
      'metadata',
    ]);
  }
  const event = decodeEvent(complaintEvents, recorded.type, metadata.data.schemaVersion, recorded.data);
  return { event, metadata: metadata.data };
}

/**
 * Wraps a stored Complaint event as the CloudEvent the relay publishes: `type`
 * `complaints.<Type>.v<current>` (older data is upcast first), `id` the event id, `subject` the
 * complaint id, `time` the event's `at` (in UTC), and the extensions `streamrevision`, `position`,
 * `correlationid`, `causationid` and `traceparent`.
 */
export function toCloudEvent(recorded: RecordedEventLike, options: { source: string }): ComplaintCloudEvent {
  const complaintId = complaintIdOfStream(recorded.streamName);
  if (complaintId === undefined) {
    throw new ContractError('envelope', `stream "${recorded.streamName}" is not a complaint stream`);
  }
  const { event, metadata } = decodeStoredEvent(recorded);
  const cloudEvent: ComplaintCloudEvent = {
    specversion: '1.0',
    id: recorded.id,
    type: cloudEventTypeOf(COMPLAINT_EVENTS_PREFIX, event.type, complaintEventVersions[event.type]),
    source: options.source,
    subject: complaintId,
    // Canonical UTC with milliseconds, as the CloudEvents SDK writes it, so a round trip is exact.
    time: new Date(event.data.at).toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    streamrevision: Number(recorded.revision),
    position: String(recorded.position),
    correlationid: metadata.correlationId,
    causationid: metadata.causationId,
  };
  if (metadata.traceparent !== undefined) cloudEvent.traceparent = metadata.traceparent;
  return cloudEvent;
}

/**
 * Parses a Complaint CloudEvent (JSON text, bytes or object): envelope, type and data, upcast to the
 * current version. Throws {@link ContractError} with the zod issues.
 */
export const parseCloudEvent = (input: unknown): ParsedCloudEvent<ComplaintEvent> =>
  parseFamilyCloudEvent(complaintEvents, input);

/** {@link parseCloudEvent} without throwing. */
export const safeParseCloudEvent = (input: unknown): SafeParsed<ParsedCloudEvent<ComplaintEvent>> =>
  safely(() => parseCloudEvent(input));
