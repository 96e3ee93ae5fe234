import { type CommandMetadata, referenceCandidate } from '@chp/contracts';
import { type EventData, type EventStore, StreamNotFound, WrongExpectedVersion } from '@chp/eventstore';
import { z } from 'zod';
import { nameBasedUuid } from './ids.js';

/*
 * Reference uniqueness without a central counter: before a complaint stream is created, its
 * reference is reserved by creating the stream `reference-<REFERENCE>` with expected revision
 * `no_stream`. The store lets exactly one writer create a stream, so two complaints can never hold
 * the same reference. The prefix is deliberately not `complaint-`: that prefix is reserved for
 * complaint streams, which the relay and the internal feed select by it.
 */

export const REFERENCE_STREAM_PREFIX = 'reference-';
export const referenceReservedType = 'ReferenceReserved';
/** Candidates tried before giving up; with 2^35 references a second one is already rare. */
export const MAX_REFERENCE_CANDIDATES = 8;

export const referenceStreamName = (reference: string): string => `${REFERENCE_STREAM_PREFIX}${reference}`;

const reservationSchema = z.object({ reference: z.string(), complaintId: z.uuid(), at: z.string() });
export type ReferenceReservation = z.infer<typeof reservationSchema>;

/** The candidates' sequence lives in contracts: intake proposes from it, this module reserves. */
export { referenceCandidate };

export class NoFreeReference extends Error {
  override readonly name = 'NoFreeReference';
  readonly kind = 'no_free_reference';
  constructor(complaintId: string, tried: readonly string[]) {
    super(`no free reference for complaint ${complaintId} after trying ${tried.join(', ')}`);
  }
}

/** The complaint id holding `reference`, or undefined when nobody reserved it. */
export async function complaintIdOfReference(
  store: EventStore,
  reference: string,
): Promise<string | undefined> {
  try {
    const [first] = await store.readStream(referenceStreamName(reference), { maxCount: 1 });
    return first === undefined ? undefined : reservationSchema.parse(first.data).complaintId;
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
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

/**
 * Reserves `requested` for the complaint, or, when another complaint holds it, the next
 * deterministic candidate. A complaint finds its own earlier reservation (a re-filing after a
 * crash), so the reference never changes once reserved. Returns the reference reserved.
 */
export async function reserveReference(store: EventStore, input: ReserveInput): Promise<string> {
  const tried: string[] = [];
  for (let attempt = 0; attempt < MAX_REFERENCE_CANDIDATES; attempt++) {
    const candidate = attempt === 0 ? input.requested : referenceCandidate(input.complaintId, attempt);
    tried.push(candidate);
    try {
      await store.appendToStream(referenceStreamName(candidate), [reservationEvent(candidate, input)], {
        expectedRevision: 'no_stream',
      });
      return candidate;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      if ((await complaintIdOfReference(store, candidate)) === input.complaintId) return candidate;
    }
  }
  throw new NoFreeReference(input.complaintId, tried);
}
