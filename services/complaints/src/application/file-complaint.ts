import {
  complaintStreamName,
  type Deadlines,
  type FileComplaint,
  type FileComplaintResult,
} from '@chp/contracts';
import { type EventStore, WrongExpectedVersion } from '@chp/eventstore';
import type { Clock } from './clock.js';
import type { CommandHandler, HandleResult } from './command-handler.js';
import { decodeRecorded } from './event-codec.js';
import { referenceStreamName, reserveReference } from './references.js';

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

/** The reply to a re-filing: from its `ComplaintFiled` (the state's deadlines may have moved since). */
async function existingFiling(
  store: EventStore,
  complaintId: string,
  revision: bigint,
): Promise<FileComplaintResult> {
  const [first] = (await store.readStreamIfExists(complaintStreamName(complaintId), { maxCount: 1 })) ?? [];
  if (first === undefined) throw new Error(`complaint ${complaintId} was neither filed nor found`);
  const { event } = decodeRecorded(first);
  if (event.type !== 'ComplaintFiled') {
    throw new Error(`complaint ${complaintId} starts with ${event.type}, not ComplaintFiled`);
  }
  return resultOf(event.data, complaintId, revision, false);
}

/**
 * Files a complaint, idempotently by complaint id, through the command handler: `ComplaintFiled` is
 * appended with its reference's reservation (see `appendWithReservation`; on PostgreSQL one
 * statement, nothing read first). A complaint already filed answers with its reference and
 * `created: false`, and nothing is appended. Only when another complaint holds the proposed
 * reference does it take two calls: the next free candidate is reserved (see `reserveReference`),
 * and the filing goes through again with it; the reply carries the reference actually used.
 */
export async function fileComplaint(deps: FilingDeps, command: FileComplaint): Promise<FileComplaintResult> {
  const { complaintId, reference: proposed } = command.data;
  // Where the store creates streams together, a new complaint's stream needs no read first: should
  // it exist, nothing was written, and the handler retries from a read.
  const options = { expectNew: deps.store.createStreams !== undefined };
  let result: HandleResult;
  try {
    result = await deps.handler.handle(command, options);
  } catch (error) {
    const held = error instanceof WrongExpectedVersion && error.streamName === referenceStreamName(proposed);
    if (!held) throw error;
    const reference = await reserveReference(deps.store, {
      complaintId,
      requested: proposed,
      at: deps.clock.now(),
      metadata: command.metadata,
    });
    result = await deps.handler.handle({ ...command, data: { ...command.data, reference } }, options);
  }
  if (result.events.length > 0) return createdResult(result, complaintId);
  return existingFiling(deps.store, complaintId, result.revision);
}
