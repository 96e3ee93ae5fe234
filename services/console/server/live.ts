import { streams, subjects } from '@chp/contracts';
import { type ConnectOptions, connect, errorFields } from '@chp/messaging';
import type { Logger } from '@chp/platform';
import { DeliverPolicy, type JsMsg, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { RequestHandler } from 'express';
import { z } from 'zod';

/**
 * What the browser learns of a change: which complaint, which event, at which stream sequence (the
 * SSE id). Nothing else: no personal data leaves through the event stream, the app reads the rest
 * through the API with the user's own rights.
 */
export interface LiveEvent {
  seq: number;
  complaintId: string;
  type: string;
  revision: number | undefined;
}

type Listener = (event: LiveEvent) => void;

// The few envelope fields the feed reads from the relay's structured CloudEvent.
const envelope = z.object({
  subject: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  streamrevision: z.number().int().nonnegative().optional(),
});

export interface LiveFeedOptions {
  /** Where and as whom: the console's NATS user may read complaints' events, nothing more. */
  nats: ConnectOptions;
  logger: Logger;
  /** How many events are kept for browsers that reconnect (Last-Event-ID). */
  replay?: number;
}

/**
 * Follows `complaints.events.>` with one ordered, ephemeral JetStream consumer (from new events on)
 * and fans each event out to the connected browsers. A bounded buffer lets a reconnecting browser
 * catch up from its Last-Event-ID; one older than the buffer is told to read everything again.
 * Without NATS the console still serves the desk, without live updates, and keeps trying.
 */
export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private readonly enders = new Set<() => void>();
  private readonly buffer: LiveEvent[] = [];
  private readonly replay: number;
  private nc: NatsConnection | undefined;
  private stopped = false;
  private lastSeq = 0;

  constructor(private readonly options: LiveFeedOptions) {
    this.replay = options.replay ?? 1_000;
  }

  /** True while the consumer is attached (for /readyz-like reporting and tests). */
  connected = false;

  start(): void {
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const end of this.enders) end();
    await this.nc?.close();
  }

  /**
   * Calls `listener` for every event after `after` (a stream sequence): first those still in the
   * buffer, then live ones. `reset` is true when the events after `after` are not all kept (an old
   * id, or a restarted console): the browser then reads everything again. `end` is called when the
   * feed stops (shutdown), so that open responses do not hold the server.
   */
  subscribe(
    listener: Listener,
    after: number | undefined,
    end: () => void,
  ): { unsubscribe: () => void; reset: boolean } {
    let reset = false;
    if (after !== undefined) {
      const first = this.buffer[0];
      const upToDate = this.lastSeq > 0 && after === this.lastSeq;
      const kept = first !== undefined && first.seq <= after + 1 && after <= this.lastSeq;
      if (upToDate || kept) {
        for (const event of this.buffer) if (event.seq > after) listener(event);
      } else reset = true;
    }
    this.listeners.add(listener);
    this.enders.add(end);
    return {
      unsubscribe: () => {
        this.listeners.delete(listener);
        this.enders.delete(end);
      },
      reset,
    };
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.follow();
        attempt = 0;
      } catch (error) {
        this.connected = false;
        // Once, then every tenth try: NATS being absent is a state, not a stream of errors.
        if (attempt % 10 === 1) {
          logger.warn(
            { servers: this.options.nats.servers, ...errorFields(error) },
            'live updates are off: cannot follow complaints.events.> on NATS; retrying',
          );
        }
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * attempt)));
    }
  }

  private async follow(): Promise<void> {
    // A connection closed under us (not by stop) is replaced; the client reconnects by itself otherwise.
    if (this.nc?.isClosed()) this.nc = undefined;
    this.nc ??= await connect({ ...this.options.nats, logger: this.options.logger });
    const js = jetstream(this.nc);
    // After a restart of the loop, continue after the last event seen rather than from "new".
    const start =
      this.lastSeq > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.lastSeq + 1 }
        : { deliver_policy: DeliverPolicy.New };
    const consumer = await js.consumers.get(streams.complaints, {
      filter_subjects: subjects.complaints.allEvents,
      ...start,
    });
    const messages = await consumer.consume();
    this.connected = true;
    this.options.logger.info({ stream: streams.complaints }, 'live updates: following complaint events');
    for await (const message of messages) {
      if (this.stopped) break;
      this.deliver(message);
    }
    this.connected = false;
  }

  private deliver(message: JsMsg): void {
    this.lastSeq = message.seq;
    let parsed: z.infer<typeof envelope>;
    try {
      parsed = envelope.parse(message.json());
    } catch (error) {
      // Not ours to judge: the relay's consumers dead-letter bad events; the feed just skips it.
      this.options.logger.warn(
        { seq: message.seq, ...errorFields(error) },
        'live updates: unreadable event skipped',
      );
      return;
    }
    const event: LiveEvent = {
      seq: message.seq,
      complaintId: parsed.subject,
      type: parsed.type,
      revision: parsed.streamrevision,
    };
    this.buffer.push(event);
    if (this.buffer.length > this.replay) this.buffer.shift();
    for (const listener of this.listeners) listener(event);
  }
}

/** Sent when idle, under the usual 60 s proxy read timeouts. */
const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/events`: `text/event-stream` of `complaint` events (`id:` the stream sequence, data
 * `{complaintId, type, revision}`), a `reset` event when a reconnecting browser's Last-Event-ID can
 * no longer be caught up, and comments as heartbeats. The browser reconnects after 2 s.
 */
export function liveEventsRoute(live: LiveFeed | undefined): RequestHandler {
  return (req, res) => {
    if (live === undefined) {
      res.status(503).type('application/problem+json').json({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'Live updates are not configured',
      });
      return;
    }
    const lastEventId = req.header('last-event-id');
    const after =
      lastEventId !== undefined && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined;
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    const subscription = live.subscribe(
      (event) => {
        const data = JSON.stringify({
          complaintId: event.complaintId,
          type: event.type,
          revision: event.revision,
        });
        res.write(`id: ${event.seq}\nevent: complaint\ndata: ${data}\n\n`);
      },
      after,
      () => res.end(),
    );
    if (subscription.reset) res.write('event: reset\ndata: {}\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
    });
  };
}
