import {
  complaintStreamName,
  type Deadlines,
  type FileComplaint,
  type FileComplaintResult,
} from '@chp/contracts';
import {
  type CreatedStreams,
  type EventStore,
  type NewStream,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedVersion,
} from '@chp/eventstore';
import type { Clock } from './clock.js';
import type { CommandHandler, HandleResult } from './command-handler.js';
import { decodeRecorded } from './event-codec.js';
import { referenceStreamName, reservationEvent, reserveReference } from './references.js';

export interface FilingDeps {
  store: EventStore;
  handler: CommandHandler;
  clock: Clock;
}

/** What a filing reply is made of: from the `ComplaintFiled` event, or from the state it folded into. */
interface Filing {
  reference: string;
  deadlines: Deadlines;
  /** When it was filed. */
  at: string;
}

/** When the complaint must be acknowledged; a policy without that target answers with the earliest deadline, else the filing time. */
function acknowledgeBy(filed: Filing): string {
  const { deadlines } = filed;
  if (deadlines.acknowledge !== undefined) return deadlines.acknowledge;
  const all = Object.values(deadlines).filter((due): due is string => due !== undefined);
  all.sort((a, b) => Date.parse(a) - Date.parse(b));
  return all[0] ?? filed.at;
}

function resultOf(filed: Filing, complaintId: string, revision: bigint, created: boolean) {
  return {
    complaintId,
    revision: Number(revision),
    reference: filed.reference,
    acknowledgeBy: acknowledgeBy(filed),
    created,
  } satisfies FileComplaintResult;
}

/** The reply to a filing that appended `ComplaintFiled`, from the state it folded into (no need to decode what we just wrote). */
function createdResult(result: HandleResult, complaintId: string): FileComplaintResult {
  const { state } = result;
  if (state.status === 'none') throw new Error(`filing complaint ${complaintId} left it unfiled`);
  return resultOf({ ...state, at: state.filedAt }, complaintId, result.revision, true);
}

async function existingFiling(
  store: EventStore,
  complaintId: string,
): Promise<FileComplaintResult | undefined> {
  let recorded: RecordedEvent[];
  try {
    recorded = await store.readStream(complaintStreamName(complaintId));
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
  const first = recorded[0];
  const last = recorded.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const { event } = decodeRecorded(first);
  if (event.type !== 'ComplaintFiled') {
    throw new Error(`complaint ${complaintId} starts with ${event.type}, not ComplaintFiled`);
  }
  return resultOf(event.data, complaintId, last.revision, false);
}

/** A store that creates several new streams in one statement (PostgreSQL and PGlite). */
interface StreamCreator {
  createStreams(streams: readonly NewStream[]): Promise<CreatedStreams>;
}

const createsStreams = (store: EventStore): store is EventStore & StreamCreator =>
  typeof (store as Partial<StreamCreator>).createStreams === 'function';

/**
 * The common case in one round trip: a new complaint whose proposed reference is free. Its
 * reservation and `ComplaintFiled` are created together, or neither is. Undefined when either
 * stream exists (a re-filing, a reference another complaint holds, a reservation left by a crash):
 * nothing was written, and the careful path sorts it out.
 */
async function fileNew(
  deps: FilingDeps,
  store: StreamCreator,
  command: FileComplaint,
): Promise<FileComplaintResult | undefined> {
  const { complaintId, reference } = command.data;
  const reservation = reservationEvent(reference, {
    complaintId,
    at: deps.clock.now(),
    metadata: command.metadata,
  });
  try {
    const result = await deps.handler.handle(command, {
      create: async (streamName, events) => {
        const created = await store.createStreams([
          { streamName: referenceStreamName(reference), events: [reservation] },
          { streamName, events },
        ]);
        // A repeat of a filing that was created: answer as a re-filing does.
        if (!created.written) throw new WrongExpectedVersion(streamName, 'no_stream', 0n);
        return created.results[1] as (typeof created.results)[number];
      },
    });
    return createdResult(result, complaintId);
  } catch (error) {
    if (error instanceof WrongExpectedVersion) return undefined;
    throw error;
  }
}

/**
 * Files a complaint, idempotently by complaint id: a complaint already filed answers with its
 * reference and `created: false`, and nothing is appended. Otherwise the reference is reserved
 * first (see `reserveReference`; the reply carries the one actually used), then `ComplaintFiled`
 * is appended to a stream that must not exist yet. On PostgreSQL a new complaint whose proposed
 * reference is free takes one statement for both (see `fileNew`).
 */
export async function fileComplaint(deps: FilingDeps, command: FileComplaint): Promise<FileComplaintResult> {
  if (createsStreams(deps.store)) {
    const filed = await fileNew(deps, deps.store, command);
    if (filed) return filed;
  }
  const { complaintId } = command.data;
  const existing = await existingFiling(deps.store, complaintId);
  if (existing) return existing;

  const reference = await reserveReference(deps.store, {
    complaintId,
    requested: command.data.reference,
    at: deps.clock.now(),
    metadata: command.metadata,
  });
  const result = await deps.handler.handle(
    { ...command, data: { ...command.data, reference } },
    { expectNew: true },
  );
  if (result.events.length > 0) return createdResult(result, complaintId);

  // Another replica filed the same complaint between our read and our append.
  const raced = await existingFiling(deps.store, complaintId);
  if (raced === undefined) throw new Error(`complaint ${complaintId} was neither filed nor found`);
  return raced;
}
