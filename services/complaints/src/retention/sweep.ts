import { randomUUID } from 'node:crypto';
import { complaintIdOfStream, complaintStreamName } from '@chp/contracts';
import type { EventStore, Position } from '@chp/eventstore';
import { errorFields, type MessagingLogger, silentLogger } from '@chp/messaging';
import type { Clock, CommandHandler, CustomerErasure } from '../application/index.js';
import type { FiledComplaint } from '../complaint/index.js';
import { type RetentionPolicy, retentionVerdict } from './policy.js';

/** Who the sweep's commands come from. */
export const retentionActor = { id: 'retention-sweep', role: 'system' } as const;

/** The events after which a complaint may have ended. */
const endingEvents = ['ComplaintClosed', 'ComplaintWithdrawn'];
const page = 500;

export interface RetentionSweepDeps {
  store: EventStore;
  handler: CommandHandler;
  clock: Clock;
  policy: RetentionPolicy;
  /** Names a customer's complaints (the key store); without it each complaint stands alone. */
  erasure?: CustomerErasure;
  logger?: MessagingLogger;
  /** Wall-clock time between sweeps. Default 24 h; the first runs a minute after the start. */
  intervalMs?: number;
  firstAfterMs?: number;
}

export interface SweepResult {
  /** Customers looked at (those with a complaint that ever ended). */
  checked: number;
  /** Customers erased (each `EraseCustomerData` covers all their complaints). */
  erased: number;
  errors: number;
}

/**
 * One sweep: every complaint that ever ended is checked (from the store's global log, filtered on
 * the ending events), and a customer whose complaints all outlived the retention policy, under no
 * legal hold, is erased with `EraseCustomerData` as the system actor `retention-sweep`. O(ended
 * complaints) per sweep: fine once a day; an index of due times would follow for millions.
 */
export async function sweepOnce(deps: RetentionSweepDeps): Promise<SweepResult> {
  const logger = deps.logger ?? silentLogger;
  const seen = new Set<string>();
  const result: SweepResult = { checked: 0, erased: 0, errors: 0 };
  let after: Position | undefined;
  for (;;) {
    const events = await deps.store.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: page,
      filter: { eventTypes: endingEvents },
    });
    for (const event of events) {
      const complaintId = complaintIdOfStream(event.streamName);
      if (complaintId === undefined || seen.has(complaintId)) continue;
      result.checked++;
      try {
        const streams = (await deps.erasure?.streamsOfCustomer(event.streamName)) ?? [];
        const ids = [complaintId, ...streams.map(complaintIdOfStream)].filter((id) => id !== undefined);
        for (const id of ids) seen.add(id);
        const complaints: FiledComplaint[] = [];
        for (const id of new Set(ids)) {
          const loaded = await deps.handler.load(id);
          if (loaded && loaded.state.status !== 'none') complaints.push(loaded.state);
        }
        const verdict = retentionVerdict(complaints, deps.clock.now(), deps.policy);
        if (!verdict.due) continue;
        await deps.handler.handle({
          type: 'EraseCustomerData',
          data: { complaintId, reason: verdict.reason },
          metadata: {
            commandId: randomUUID(),
            actor: retentionActor,
            correlationId: `retention:${complaintId}`,
          },
        });
        result.erased++;
        logger.info({ complaintStream: complaintStreamName(complaintId) }, 'retention: customer data erased');
      } catch (error) {
        result.errors++;
        logger.warn(
          { ...errorFields(error), complaintId },
          'retention: could not check or erase a complaint',
        );
      }
    }
    const last = events.at(-1);
    if (last === undefined || events.length < page) return result;
    after = last.position;
  }
}

export interface RetentionSweep {
  stop(): Promise<void>;
}

/** Runs `sweepOnce` now and then (every replica may: erasure is idempotent, and refused under a hold). */
export function startRetentionSweep(deps: RetentionSweepDeps): RetentionSweep {
  const logger = deps.logger ?? silentLogger;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = () => {
    running = sweepOnce(deps)
      .then((result) => logger.info(result, 'retention sweep done'))
      .catch((error: unknown) => logger.warn(errorFields(error), 'retention sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, deps.intervalMs ?? 86_400_000);
      });
  };
  timer = setTimeout(run, deps.firstAfterMs ?? 60_000);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
