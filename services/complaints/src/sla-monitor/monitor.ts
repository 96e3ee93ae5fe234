import { COMPLAINT_STREAM_PREFIX } from '@chp/contracts';
import { type EventStore, type Position, type RecordedEvent, WrongExpectedVersion } from '@chp/eventstore';
import { errorFields, type MessagingLogger, silentLogger } from '@chp/messaging';
import { sleep } from '@chp/platform';
import type { Clock, CommandHandler } from '../application/index.js';
import { ComplaintRuleViolation } from '../complaint/index.js';
import type { PolicySet } from '../sla/index.js';
import { commandFor } from './commands.js';
import { nextSlaAction } from './due.js';
import { slaMonitorMetrics } from './metrics.js';
import { Schedule } from './schedule.js';

export interface SlaMonitorDeps {
  store: EventStore;
  /** Sends `RecordSlaBreach` and `EscalateComplaint`; give it the same clock. */
  handler: CommandHandler;
  clock: Clock;
  policies: PolicySet;
  logger?: MessagingLogger;
  /** How often due times are checked against the clock (wall-clock ms). Default 1000. */
  tickMs?: number;
  /** Re-reads after losing a race, per complaint and tick. Default 5. */
  maxAttempts?: number;
  /** Wall-clock wait before retrying a complaint after a refusal or an error. Default 60 s. */
  retryAfterMs?: number;
}

export interface SlaMonitorStats {
  /** The index holds every event that was in the store when the monitor started. */
  caughtUp: boolean;
  /** Ticks run since catching up. */
  ticks: number;
  /** Complaints in the index, and those with something still to come. */
  indexed: number;
  scheduled: number;
  breaches: number;
  escalations: number;
  /** Races lost to another replica (or an agent): re-read, then looked again. */
  conflicts: number;
  refusals: number;
  errors: number;
}

export interface SlaMonitor {
  /** Stops reading and ticking; waits for the tick in progress. */
  stop(): Promise<void>;
  stats(): SlaMonitorStats;
}

const catchUpPage = 500;

/**
 * Records `SlaBreached` when a target passes and climbs the escalation ladder, exactly once per
 * breach across replicas and restarts (see `src/sla-monitor/README.md`).
 */
export function startSlaMonitor(deps: SlaMonitorDeps): SlaMonitor {
  const { store, handler, clock, policies } = deps;
  const logger = deps.logger ?? silentLogger;
  const tickMs = deps.tickMs ?? 1_000;
  const maxAttempts = deps.maxAttempts ?? 5;
  const retryAfterMs = deps.retryAfterMs ?? 60_000;
  for (const [name, value] of [
    ['tickMs', tickMs],
    ['maxAttempts', maxAttempts],
    ['retryAfterMs', retryAfterMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`startSlaMonitor: ${name} must be a positive integer, got ${value}`);
    }
  }
  const metrics = slaMonitorMetrics();
  const schedule = new Schedule(policies, (error, complaintId) =>
    logger.error({ ...errorFields(error), complaintId }, 'SLA monitor cannot schedule this complaint'),
  );
  const stats: SlaMonitorStats = {
    caughtUp: false,
    ticks: 0,
    indexed: 0,
    scheduled: 0,
    breaches: 0,
    escalations: 0,
    conflicts: 0,
    refusals: 0,
    errors: 0,
  };
  const filter = { streamNamePrefix: COMPLAINT_STREAM_PREFIX };
  let stopped = false;
  let subscription: ReturnType<EventStore['subscribeToAll']> | undefined;

  // The last position folded, kept across reconnections so that a retry resumes rather than rereads.
  let after: Position | undefined;
  const apply = (event: RecordedEvent) => {
    schedule.apply(event);
    after = event.position;
  };

  /** Reads history page by page (so that "caught up" is known), then follows the live log. */
  async function follow(): Promise<void> {
    while (!stats.caughtUp) {
      if (stopped) return;
      const page = await store.readAll({
        ...(after !== undefined ? { after } : {}),
        maxCount: catchUpPage,
        filter,
      });
      for (const event of page) apply(event);
      if (page.length < catchUpPage) {
        stats.caughtUp = true;
        logger.info({ complaints: schedule.size }, 'SLA monitor index built');
      }
    }
    if (stopped) return;
    subscription = store.subscribeToAll({ ...(after !== undefined ? { after } : {}), filter });
    for await (const event of subscription) apply(event);
  }

  /** Acts on one due complaint from a fresh read, until nothing more is due at `now`. */
  async function settle(complaintId: string, now: Date): Promise<void> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = await handler.load(complaintId);
      if (!loaded) {
        schedule.forget(complaintId);
        return;
      }
      const action = nextSlaAction(loaded.state, policies, now);
      if (!action || action.dueAt.getTime() > now.getTime()) {
        // The exact answer: no estimate until the next event for this complaint.
        schedule.replace(complaintId, loaded.state, loaded.revision, action ? action.dueAt.getTime() : null);
        return;
      }
      const command = commandFor(complaintId, action);
      try {
        // The revision we decided on: if anyone appended since, we re-read rather than act twice.
        const result = await handler.handle(command, { expectedRevision: loaded.revision });
        schedule.replace(complaintId, result.state, result.revision);
        if (result.events.length === 0) return;
        if (action.kind === 'breach') {
          stats.breaches++;
          metrics.breachRecorded(action.target);
        } else {
          stats.escalations++;
          metrics.escalated(action.level);
        }
        logger.info({ command: command.type, ...command.data }, 'SLA monitor acted');
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          stats.conflicts++;
          metrics.conflict();
          continue;
        }
        const refused = error instanceof ComplaintRuleViolation;
        stats[refused ? 'refusals' : 'errors']++;
        metrics.failed(refused ? 'refused' : 'error');
        logger[refused ? 'warn' : 'error'](
          { ...errorFields(error), complaintId, command: command.type, retryInMs: retryAfterMs },
          refused ? 'SLA monitor command refused' : 'SLA monitor command failed',
        );
        schedule.retryLater(complaintId, Date.now() + retryAfterMs);
        return;
      }
    }
    schedule.retryLater(complaintId, Date.now() + tickMs);
  }

  async function tick(): Promise<void> {
    const now = clock.now();
    for (const complaintId of schedule.stale()) {
      if (stopped) return;
      const loaded = await handler.load(complaintId);
      if (loaded) schedule.replace(complaintId, loaded.state, loaded.revision);
      else schedule.forget(complaintId);
    }
    for (const complaintId of schedule.due(now)) {
      if (stopped) return;
      try {
        await settle(complaintId, now);
      } catch (error) {
        stats.errors++;
        metrics.failed('error');
        logger.error({ ...errorFields(error), complaintId }, 'SLA monitor could not check a complaint');
        schedule.retryLater(complaintId, Date.now() + retryAfterMs);
      }
    }
    stats.indexed = schedule.size;
    stats.scheduled = schedule.scheduled;
    metrics.scheduled(stats.scheduled);
    stats.ticks++;
  }

  let ticking: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (ticking || !stats.caughtUp || stopped) return;
    ticking = tick()
      .catch((error: unknown) => logger.error({ ...errorFields(error) }, 'SLA monitor tick failed'))
      .finally(() => {
        ticking = undefined;
      });
  }, tickMs);

  const following = (async () => {
    let delayMs = 500;
    while (!stopped) {
      try {
        await follow();
        return;
      } catch (error) {
        // Rebuild from the start: the index is only sound when folded from a complete log.
        logger.error(
          { ...errorFields(error), retryInMs: delayMs },
          'SLA monitor lost the event store; rebuilding',
        );
        stats.caughtUp = false;
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await subscription?.stop();
      await following;
      await ticking;
    },
    stats: () => ({ ...stats }),
  };
}
