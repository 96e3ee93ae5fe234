import {
  type CommandMetadata,
  type ComplaintCommand,
  type ComplaintEvent,
  claimReference,
  referenceCandidate,
} from '@chp/contracts';
import {
  type AppendResult,
  type EventData,
  type EventStore,
  type NewStream,
  WrongExpectedVersion,
} from '@chp/eventstore';
import { z } from 'zod';

import { nameBasedUuid } from './ids.js';

/*
 * Reference uniqueness without a central counter: a complaint stream is created together with the
 * stream `reference-<REFERENCE>`, whose creation (`no_stream`) reserves the reference. The store
 * lets exactly one writer create a stream, so two complaints can never hold the same reference. The
 * prefix is deliberately not `complaint-`: that prefix is reserved for complaint streams, which the
 * relay and the internal feed select by it.
 */

export const REFERENCE_STREAM_PREFIX = 'reference-';
export const referenceReservedType = 'ReferenceReserved';

export const referenceStreamName = (reference: string): string => `${REFERENCE_STREAM_PREFIX}${reference}`;

const reservationSchema = z.object({ reference: z.string(), complaintId: z.uuid(), at: z.string() });
export type ReferenceReservation = z.infer<typeof reservationSchema>;

/** The candidates' sequence and walk live in contracts: intake proposes from them, this module reserves. */
export { MAX_REFERENCE_CANDIDATES, NoFreeReference } from '@chp/contracts';
export { referenceCandidate };

/** The complaint id holding `reference`, or undefined when nobody reserved it. */
export async function complaintIdOfReference(
  store: EventStore,
  reference: string,
): Promise<string | undefined> {
  const [first] = (await store.readStreamIfExists(referenceStreamName(reference), { maxCount: 1 })) ?? [];
  return first === undefined ? undefined : reservationSchema.parse(first.data).complaintId;
}

export interface ReserveInput {
  complaintId: string;
  /** The reference the caller proposed (intake derives one from the complaint id). */
  requested: string;
  at: Date;
  metadata: CommandMetadata;
}

/** The event that reserves `reference` for the complaint; the same complaint and reference give the same id. */
export function reservationEvent(reference: string, input: Omit<ReserveInput, 'requested'>): EventData {
  const data: ReferenceReservation = {
    reference,
    complaintId: input.complaintId,
    at: input.at.toISOString(),
  };
  return {
    // A retried reservation is then recognised by the store as a repeat.
    id: nameBasedUuid(`reference:${reference}:${input.complaintId}`),
    type: referenceReservedType,
    data,
    metadata: {
      correlationId: input.metadata.correlationId,
      causationId: input.metadata.commandId,
      actor: input.metadata.actor,
    },
  };
}

/** The reservation that must be created with these events: that of a filing's reference, else none. */
export function reservationOf(
  decided: readonly ComplaintEvent[],
  command: ComplaintCommand,
  at: Date,
): NewStream | undefined {
  const [filed] = decided;
  if (filed?.type !== 'ComplaintFiled') return undefined;
  const { reference } = filed.data;
  const { complaintId } = command.data;
  return {
    streamName: referenceStreamName(reference),
    events: [reservationEvent(reference, { complaintId, at, metadata: command.metadata })],
  };
}

/**
 * Creates a complaint's stream with its reference's reservation: together, in one statement, where
 * the store creates streams (a reservation already holding this very event counts as made), else
 * the reservation first. `WrongExpectedVersion` names the reference's stream when another complaint
 * holds it, and the complaint's when it exists, including a repeat of this very filing: the handler
 * then decides again on a read.
 */
export async function appendWithReservation(
  store: EventStore,
  complaint: NewStream,
  reservation: NewStream,
): Promise<AppendResult> {
  if (store.createStreams) {
    const created = await store.createStreams([reservation, complaint]);
    const result = created.results[1] as AppendResult;
    if (!created.written)
      throw new WrongExpectedVersion(complaint.streamName, 'no_stream', result.nextExpectedRevision);
    return result;
  }
  await store.appendToStream(reservation.streamName, reservation.events, { expectedRevision: 'no_stream' });
  return store.appendToStream(complaint.streamName, complaint.events, { expectedRevision: 'no_stream' });
}

/**
 * Reserves `requested` for the complaint, or, when another complaint holds it, the next
 * deterministic candidate. A complaint finds its own earlier reservation (a re-filing after a
 * crash), so the reference never changes once reserved. Returns the reference reserved.
 */
export function reserveReference(store: EventStore, input: ReserveInput): Promise<string> {
  return claimReference(
    input.complaintId,
    async (candidate) => {
      try {
        await store.appendToStream(referenceStreamName(candidate), [reservationEvent(candidate, input)], {
          expectedRevision: 'no_stream',
        });
        return candidate;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        return (await complaintIdOfReference(store, candidate)) === input.complaintId ? candidate : undefined;
      }
    },
    input.requested,
  );
}
