import { COMPLAINT_STREAM_PREFIX, cloudEventSources, subjects } from '@chp/contracts';
import type { Position } from '@chp/eventstore';
import { errorFields, silentLogger } from '@chp/messaging';
import { sleep } from '@chp/platform';
import { Checkpointer } from './checkpointer.js';
import type { RelayDeps } from './deps.js';
import { measureLag } from './lag.js';
import { KvLease } from './lease.js';
import { relayMetrics } from './metrics.js';
import { validateRelayOptions } from './options.js';
import { OrderedPipeline } from './pipeline.js';
import { publishEvent } from './publish-event.js';

export interface RelayStats {
  leading: boolean;
  published: number;
  duplicates: number;
  deadLettered: number;
  /** The last event relayed in order (published, skipped or dead-lettered). */
  position: Position | undefined;
}

export interface Relay {
  /** Stops reading, waits for the publishes in flight, stores the checkpoint, releases the lease. */
  stop(): Promise<void>;
  stats(): RelayStats;
}

const maxRetryDelayMs = 30_000;

/**
 * Relays every Complaint event from the event store to JetStream `COMPLAINTS`, from a durable
 * checkpoint, in store order, with msgID = event id. After a crash it republishes from the
 * checkpoint and JetStream's dedupe drops the repeats. See `src/relay/README.md`.
 */
export function startRelay(deps: RelayDeps): Relay {
  const options = validateRelayOptions(deps);
  const { store, js } = deps;
  const logger = deps.logger ?? silentLogger;
  const { checkpointId } = options;
  const metrics = relayMetrics(checkpointId);
  const stopping = new AbortController();
  const stats: RelayStats = {
    leading: false,
    published: 0,
    duplicates: 0,
    deadLettered: 0,
    position: undefined,
  };
  const publishOptions = {
    source: deps.source ?? cloudEventSources.complaints,
    deadLetterSubject: subjects.deadLetters.of('complaints', 'relay'),
    relayId: checkpointId,
    ...(deps.publishTimeoutMs ? { timeoutMs: deps.publishTimeoutMs } : {}),
  };

  const later = (a: Position | undefined, b: Position | undefined): Position | undefined =>
    a === undefined ? b : b === undefined ? a : store.comparePositions(a, b) >= 0 ? a : b;

  /** Relays from `after` until `signal` aborts or a publish fails; returns the failure. */
  async function relayFrom(after: Position | undefined, signal: AbortSignal, checkpointer: Checkpointer) {
    const subscription = store.subscribeToAll({
      ...(after !== undefined ? { after } : {}),
      filter: { streamNamePrefix: COMPLAINT_STREAM_PREFIX },
    });
    const onAbort = () => void subscription.stop();
    signal.addEventListener('abort', onAbort, { once: true });
    const pipeline = new OrderedPipeline(options.maxInFlight, {
      // The subscription may be waiting for new events: end it, so the session restarts now.
      onFailed: onAbort,
      onSettled(event, outcome) {
        stats.position = event.position;
        checkpointer.acknowledged(event.position);
        if (outcome.kind === 'published') {
          stats.published++;
          metrics.published();
          if (outcome.duplicate) {
            stats.duplicates++;
            metrics.duplicate();
          }
        } else if (outcome.kind === 'dead_lettered') {
          stats.deadLettered++;
          metrics.deadLettered();
          logger.error({ eventId: event.id, stream: event.streamName }, outcome.reason);
        }
      },
    });
    let failure: unknown;
    try {
      for await (const event of subscription) {
        if (pipeline.failed || signal.aborted) break;
        await pipeline.push(event, publishEvent(js, event, publishOptions));
      }
    } catch (error) {
      failure = error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      await subscription.stop();
      await pipeline.drain();
    }
    return pipeline.failure ?? failure;
  }

  /** Relays while this replica leads (`signal` aborts when it stops leading). */
  async function relayWhileLeading(signal: AbortSignal): Promise<void> {
    const checkpointer = new Checkpointer({
      store,
      checkpointId,
      every: options.checkpointEvery,
      intervalMs: options.checkpointIntervalMs,
      ...(deps.hooks?.beforeCheckpoint ? { beforeStore: deps.hooks.beforeCheckpoint } : {}),
      onError: (error) => logger.warn({ ...errorFields(error), checkpointId }, 'relay checkpoint not stored'),
    });
    let delay = options.retryDelayMs;
    try {
      // Another replica may have moved the checkpoint past what we relayed while we were standing by.
      let after = later(await store.checkpoints.load(checkpointId), stats.position);
      while (!signal.aborted) {
        logger.info({ checkpointId, after: after ?? 'start' }, 'relay reading the event store');
        const failure = await relayFrom(after, signal, checkpointer);
        const progressed = stats.position !== after;
        after = stats.position ?? after;
        if (failure === undefined) continue;
        metrics.publishFailed();
        delay = progressed ? options.retryDelayMs : Math.min(delay * 2, maxRetryDelayMs);
        logger.warn({ ...errorFields(failure), checkpointId, retryInMs: delay }, 'relay failed; resuming');
        await sleep(delay, signal);
      }
    } finally {
      await checkpointer.close();
    }
  }

  async function run(): Promise<void> {
    const signal = stopping.signal;
    let lease: KvLease | undefined;
    let delay = options.retryDelayMs;
    while (!signal.aborted) {
      try {
        if (deps.lease !== false && lease === undefined)
          lease = await KvLease.open(js, checkpointId, deps.lease);
        if (lease && !(await lease.tryAcquire())) {
          await sleep(lease.ttlMs / 3, signal);
          continue;
        }
        await lead(lease, signal);
        delay = options.retryDelayMs;
      } catch (error) {
        logger.warn({ ...errorFields(error), checkpointId, retryInMs: delay }, 'relay interrupted; retrying');
        await sleep(delay, signal);
        delay = Math.min(delay * 2, maxRetryDelayMs);
      }
    }
    await lease?.release().catch((error: unknown) => {
      logger.warn({ ...errorFields(error), checkpointId }, 'relay lease not released; it expires by itself');
    });
  }

  async function lead(lease: KvLease | undefined, signal: AbortSignal): Promise<void> {
    const leading = new AbortController();
    const stop = () => leading.abort();
    signal.addEventListener('abort', stop, { once: true });
    let renewing = false;
    const renewTimer = lease
      ? setInterval(() => {
          if (renewing) return;
          renewing = true;
          lease
            .renew()
            .then((held) => {
              if (held) return;
              logger.warn({ checkpointId, holder: lease.holderId }, 'relay lease lost; standing by');
              leading.abort();
            })
            .catch((error: unknown) =>
              logger.warn({ ...errorFields(error), checkpointId }, 'relay lease renewal failed'),
            )
            .finally(() => {
              renewing = false;
            });
        }, lease.ttlMs / 3)
      : undefined;
    if (lease) logger.info({ checkpointId, holder: lease.holderId }, 'relay lease acquired');
    stats.leading = true;
    metrics.leader(true);
    try {
      await relayWhileLeading(leading.signal);
    } finally {
      clearInterval(renewTimer);
      signal.removeEventListener('abort', stop);
      stats.leading = false;
      metrics.leader(false);
    }
  }

  async function probeLag(): Promise<void> {
    const from = later(await store.checkpoints.load(checkpointId), stats.position);
    const lag = await measureLag(store, from, options.lagProbeLimit);
    metrics.lag(lag.events, lag.seconds);
  }
  let probing = false;
  const lagTimer = setInterval(() => {
    if (probing) return;
    probing = true;
    probeLag()
      .catch((error: unknown) =>
        logger.warn({ ...errorFields(error), checkpointId }, 'relay lag not measured'),
      )
      .finally(() => {
        probing = false;
      });
  }, options.lagIntervalMs);
  lagTimer.unref();

  const running = run();
  return {
    async stop() {
      clearInterval(lagTimer);
      stopping.abort();
      await running;
    },
    stats: () => ({ ...stats }),
  };
}
