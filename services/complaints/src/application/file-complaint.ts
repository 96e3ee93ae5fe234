import {
  type ComplaintFiled,
  complaintStreamName,
  type FileComplaint,
  type FileComplaintResult,
} from '@chp/contracts';
import { type EventStore, type RecordedEvent, StreamNotFound } from '@chp/eventstore';
import type { Clock } from './clock.js';
import type { CommandHandler } from './command-handler.js';
import { decodeRecorded } from './event-codec.js';
import { reserveReference } from './references.js';

export interface FilingDeps {
  store: EventStore;
  handler: CommandHandler;
  clock: Clock;
}

/** When the complaint must be acknowledged; a policy without that target answers with the earliest deadline, else the filing time. */
function acknowledgeBy(filed: ComplaintFiled['data']): string {
  const { deadlines } = filed;
  if (deadlines.acknowledge !== undefined) return deadlines.acknowledge;
  const all = Object.values(deadlines).filter((due): due is string => due !== undefined);
  all.sort((a, b) => Date.parse(a) - Date.parse(b));
  return all[0] ?? filed.at;
}

function resultOf(filed: ComplaintFiled['data'], complaintId: string, revision: bigint, created: boolean) {
  return {
    complaintId,
    revision: Number(revision),
    reference: filed.reference,
    acknowledgeBy: acknowledgeBy(filed),
    created,
  } satisfies FileComplaintResult;
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

/**
 * Files a complaint, idempotently by complaint id: a complaint already filed answers with its
 * reference and `created: false`, and nothing is appended. Otherwise the reference is reserved
 * first (see `reserveReference`; the reply carries the one actually used), then `ComplaintFiled`
 * is appended to a stream that must not exist yet.
 */
export async function fileComplaint(deps: FilingDeps, command: FileComplaint): Promise<FileComplaintResult> {
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
  const filed = result.events.map((e) => decodeRecorded(e).event).find((e) => e.type === 'ComplaintFiled');
  if (filed !== undefined) return resultOf(filed.data, complaintId, result.revision, true);

  // Another replica filed the same complaint between our read and our append.
  const raced = await existingFiling(deps.store, complaintId);
  if (raced === undefined) throw new Error(`complaint ${complaintId} was neither filed nor found`);
  return raced;
}
