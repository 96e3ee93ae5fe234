import {
  type CommandMetadata,
  type ComplaintEvent,
  currentSchemaVersion,
  decodeStoredEvent,
  type EventMetadata,
} from '@chp/contracts';
import type { EventData, RecordedEvent } from '@chp/eventstore';
import { eventIdFor } from './ids.js';

/**
 * A stored Complaint event as the domain sees it: data upcast to the current version by the
 * contracts' registry and validated, plus its metadata. Throws `ContractError` for an event this
 * code cannot read (a newer version, corrupt data), which must not be folded silently.
 */
export function decodeRecorded(recorded: RecordedEvent): { event: ComplaintEvent; metadata: EventMetadata } {
  return decodeStoredEvent(recorded);
}

/**
 * The event-store form of an event produced by a command: its id is derived from the command id
 * (so a retried command appends the same ids), and its metadata says who and why.
 */
export function encodeNew(event: ComplaintEvent, index: number, command: CommandMetadata): EventData {
  const metadata: EventMetadata = {
    correlationId: command.correlationId,
    causationId: command.commandId,
    actor: command.actor,
    schemaVersion: currentSchemaVersion(event.type),
    ...(command.traceparent === undefined ? {} : { traceparent: command.traceparent }),
  };
  return { id: eventIdFor(command.commandId, index), type: event.type, data: event.data, metadata };
}
