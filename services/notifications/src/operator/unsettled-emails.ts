import type { Outcome } from '@chp/messaging';
import type { NotificationKey } from '../ids/index.js';
import type { Entry, SentLog } from '../sent-log/index.js';

/** Why a decision could not be taken: no such row, or (a resend) its event cannot be re-read. */
export class UnsettledRefused extends Error {
  constructor(
    readonly why: 'not_found' | 'no_sequence' | 'event_gone',
    message: string,
  ) {
    super(message);
    this.name = 'UnsettledRefused';
  }
}

export interface UnsettledEmailsDeps {
  sentLog: SentLog;
  /** The `COMPLAINTS` message at `sequence`; undefined when the stream no longer holds it. */
  readEvent(sequence: number): Promise<Uint8Array | undefined>;
  /** Runs one event through the notifications handler, as its last delivery (a temporary failure is final). */
  handle(event: { data: Uint8Array; streamSequence: number }): Promise<Outcome>;
}

/** What a decision did: `decided: false` when the row was no longer `unknown` (nothing changed). */
export interface Settlement {
  decided: boolean;
  entry: Entry;
}

/**
 * The operators' desk for the sent log's `unknown` rows (maybe sent): list them, mark one delivered,
 * or resend it. A resend records the decision (the row becomes `retrying`), re-reads the event from
 * `COMPLAINTS` by the sequence kept at the claim and runs it through the handler, whose claim
 * protocol sends the row once; the event's other messages are settled and not sent again. Only a
 * row still `unknown` is decided, so a second click changes nothing and sends nothing.
 */
export class UnsettledEmails {
  constructor(private readonly deps: UnsettledEmailsDeps) {}

  list(limit: number): Promise<Entry[]> {
    return this.deps.sentLog.unsettled(limit);
  }

  async markDelivered(key: NotificationKey, by: string, at: Date): Promise<Settlement> {
    const result = await this.deps.sentLog.decide(key, {
      action: 'marked_delivered',
      by,
      at: at.toISOString(),
    });
    if (!result) throw notFound(key);
    return result;
  }

  async resend(key: NotificationKey, by: string, at: Date): Promise<Settlement> {
    const entry = await this.deps.sentLog.get(key);
    if (!entry) throw notFound(key);
    if (entry.status !== 'unknown') return { decided: false, entry };
    // Everything that could refuse is checked before the decision: a decided row nobody sends would
    // sit in `retrying` until its event happens to be delivered again.
    const sequence = entry.streamSequence;
    if (sequence === null) {
      throw new UnsettledRefused(
        'no_sequence',
        `the row of event ${entry.eventId} was claimed before the event's stream sequence was recorded; resend it by replaying the event`,
      );
    }
    const data = await this.deps.readEvent(sequence);
    if (!data) {
      throw new UnsettledRefused(
        'event_gone',
        `COMPLAINTS no longer holds event ${entry.eventId} (sequence ${sequence})`,
      );
    }
    const decided = await this.deps.sentLog.decide(key, { action: 'resend', by, at: at.toISOString() });
    if (!decided) throw notFound(key);
    if (!decided.decided) return decided;
    await this.deps.handle({ data, streamSequence: sequence });
    return { decided: true, entry: (await this.deps.sentLog.get(key)) ?? decided.entry };
  }
}

const notFound = (key: NotificationKey) =>
  new UnsettledRefused('not_found', `no sent-log row for event ${key.eventId}, ${key.template}`);
