import { type DeadLetter, deadLetterSchema, kvBuckets, streams, subjects } from '@chp/contracts';
import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import { maskedPreview } from './mask.js';

/** What an operator decided about one dead letter. */
export interface Decision {
  action: 'replayed' | 'discarded';
  /** The operator's token subject. */
  by: string;
  at: string;
  /** Replays only: the subject it went to, and whether the operator sent a corrected payload. */
  to?: string;
  corrected?: boolean;
}

export interface DeadLetterEntry {
  /** The dead letter's sequence on `DEAD_LETTERS`: its id here. */
  sequence: number;
  /** `<service>.dead.<consumer or channel>`. */
  subject: string;
  originalSubject: string;
  stream: string | null;
  streamSequence: number | null;
  consumer: string | null;
  deliveryCount: number;
  reason: string;
  issues: DeadLetter['issues'];
  deadAt: string;
  /** The original payload with personal data masked. */
  preview: string;
  /** How it can be replayed from here: to its channel subject (`intake`), or not (`none`). */
  replay: 'intake' | 'none';
  /** Every decision, oldest first; the last is the letter's state. */
  decisions: Decision[];
}

export type DeadLetterState = 'open' | 'replayed' | 'discarded';
export const stateOf = (entry: Pick<DeadLetterEntry, 'decisions'>): DeadLetterState =>
  entry.decisions.at(-1)?.action ?? 'open';

/** A sequence the operator named that is not a dead letter (any more), or cannot be replayed. */
export class DeadLetterRefused extends Error {
  constructor(
    readonly sequence: number,
    readonly why: 'not_found' | 'not_replayable' | 'discarded',
    message: string,
  ) {
    super(message);
    this.name = 'DeadLetterRefused';
  }
}

const intakeChannelSubject = /^intake\.complaints\.[A-Za-z0-9_-]+$/;
const replayOf = (letter: DeadLetter): DeadLetterEntry['replay'] =>
  intakeChannelSubject.test(letter.originalSubject) ? 'intake' : 'none';
const keyOf = (sequence: number) => `seq.${sequence}`;

/**
 * The dead-letter desk: reads `DEAD_LETTERS` by sequence (never consumes it), keeps each decision
 * in the KV bucket `dead-letter-decisions` (key `seq.<n>`, history kept), and replays a channel's
 * submission to its `intake.complaints.<channel>` subject, where intake checks it like any other.
 * Nothing is deleted: a discarded letter stays on the stream until its retention drops it (only the
 * operator user may delete). Why only channel submissions replay from here: SECURITY.md.
 */
export class DeadLetterDesk {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly kv: KV,
  ) {}

  static async open(nc: NatsConnection, options: { replicas?: number } = {}): Promise<DeadLetterDesk> {
    const js = jetstream(nc);
    const kv = await new Kvm(js).create(kvBuckets.deadLetterDecisions, {
      history: 16,
      ...(options.replicas ? { replicas: options.replicas } : {}),
    });
    return new DeadLetterDesk(nc, js, kv);
  }

  /** Up to `limit` dead letters after the sequence `after`, oldest first, with their decisions. */
  async list(options: { after?: number; limit: number; states?: readonly DeadLetterState[] }): Promise<{
    letters: DeadLetterEntry[];
    next: number | null;
  }> {
    const letters: DeadLetterEntry[] = [];
    let seq = (options.after ?? 0) + 1;
    // Bounded: at most 10 reads per wanted letter, so a long run of filtered-out letters still ends.
    for (let reads = 0; letters.length < options.limit && reads < options.limit * 10; reads++) {
      const stored = await this.read(seq, true);
      if (!stored) return { letters, next: null };
      seq = stored.sequence + 1;
      if (!options.states || options.states.includes(stateOf(stored))) letters.push(stored);
    }
    return { letters, next: seq - 1 };
  }

  /** One letter by its sequence, or undefined. */
  async get(sequence: number): Promise<DeadLetterEntry | undefined> {
    return this.read(sequence, false);
  }

  /**
   * Publishes the original payload (or the operator's `payload`) to the original channel subject. The
   * submission is identified as before (channel and external reference, or its idempotency key), so
   * replaying it twice files one complaint. The decision is recorded after the publish is stored.
   */
  async replay(sequence: number, by: string, at: Date, payload?: Uint8Array): Promise<DeadLetterEntry> {
    const { entry, letter } = await this.require(sequence);
    if (entry.replay === 'none') {
      throw new DeadLetterRefused(
        sequence,
        'not_replayable',
        `a dead letter of ${entry.originalSubject} is not replayed from here: only channel submissions (intake.complaints.<channel>) are; see SECURITY.md`,
      );
    }
    const bytes = payload ?? Buffer.from(letter.payloadBase64, 'base64');
    // The bytes only: intake reads a submission (or a structured CloudEvent) from the body alone.
    await this.js.publish(letter.originalSubject, bytes);
    return this.record(entry, {
      action: 'replayed',
      by,
      at: at.toISOString(),
      to: letter.originalSubject,
      corrected: payload !== undefined,
    });
  }

  /** Records that the letter needs nothing more; it leaves the open list (and stays on the stream). */
  async discard(sequence: number, by: string, at: Date): Promise<DeadLetterEntry> {
    const { entry } = await this.require(sequence);
    if (stateOf(entry) === 'discarded') return entry;
    return this.record(entry, { action: 'discarded', by, at: at.toISOString() });
  }

  private async require(sequence: number): Promise<{ entry: DeadLetterEntry; letter: DeadLetter }> {
    const stored = await this.fetch(sequence, false);
    const letter = stored ? deadLetterSchema.safeParse(jsonOf(stored.data)) : undefined;
    if (!stored || !letter?.success) {
      throw new DeadLetterRefused(
        sequence,
        'not_found',
        `no dead letter ${sequence} on ${streams.deadLetters}`,
      );
    }
    return { entry: await this.entryOf(stored.seq, stored.subject, letter.data), letter: letter.data };
  }

  private async read(seq: number, next: boolean): Promise<DeadLetterEntry | undefined> {
    const stored = await this.fetch(seq, next);
    if (!stored) return undefined;
    const parsed = deadLetterSchema.safeParse(jsonOf(stored.data));
    if (!parsed.success) {
      // Not a dead letter in the contract's shape (someone published by hand): shown, never replayed.
      return {
        sequence: stored.seq,
        subject: stored.subject,
        originalSubject: stored.subject,
        stream: null,
        streamSequence: null,
        consumer: null,
        deliveryCount: 1,
        reason: 'not a dead letter in the DeadLetter schema',
        issues: undefined,
        deadAt: stored.time,
        preview: maskedPreview(stored.data),
        replay: 'none',
        decisions: await this.decisionsOf(stored.seq),
      };
    }
    return this.entryOf(stored.seq, stored.subject, parsed.data);
  }

  private async entryOf(sequence: number, subject: string, letter: DeadLetter): Promise<DeadLetterEntry> {
    return {
      sequence,
      subject,
      originalSubject: letter.originalSubject,
      stream: letter.stream ?? null,
      streamSequence: letter.streamSequence ?? null,
      consumer: letter.consumer ?? null,
      deliveryCount: letter.deliveryCount,
      reason: letter.reason,
      issues: letter.issues,
      deadAt: letter.deadAt,
      preview: maskedPreview(Buffer.from(letter.payloadBase64, 'base64')),
      replay: replayOf(letter),
      decisions: await this.decisionsOf(sequence),
    };
  }

  /**
   * `$JS.API.STREAM.MSG.GET.DEAD_LETTERS`: the message at `seq`, or (`next`) the first at or after
   * it. A plain request, because the client's typed `getMessage` offers `next_by_subj` only for
   * direct gets, which the stream does not allow.
   */
  private async fetch(seq: number, next: boolean): Promise<StoredLetter | undefined> {
    const request = next ? { seq, next_by_subj: subjects.deadLetters.all[0] } : { seq };
    const reply = await this.nc.request(
      `$JS.API.STREAM.MSG.GET.${streams.deadLetters}`,
      JSON.stringify(request),
      { timeout: 5_000 },
    );
    const answer = msgGetReply.parse(reply.json());
    if (answer.error) {
      if (answer.error.code === 404) return undefined;
      throw new Error(`reading ${streams.deadLetters} ${seq}: ${answer.error.description}`);
    }
    if (!answer.message) throw new Error(`reading ${streams.deadLetters} ${seq}: no message in the reply`);
    return {
      seq: answer.message.seq,
      subject: answer.message.subject,
      data: Buffer.from(answer.message.data ?? '', 'base64'),
      time: new Date(answer.message.time).toISOString(),
    };
  }

  private async decisionsOf(sequence: number): Promise<Decision[]> {
    const entry = await this.kv.get(keyOf(sequence));
    return entry && entry.operation === 'PUT'
      ? (entry.json<{ decisions: Decision[] }>().decisions ?? [])
      : [];
  }

  /** Appends a decision with compare-and-set, so two operators' clicks are both kept. */
  private async record(entry: DeadLetterEntry, decision: Decision): Promise<DeadLetterEntry> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.kv.get(keyOf(entry.sequence));
      const decisions =
        current && current.operation === 'PUT' ? current.json<{ decisions: Decision[] }>().decisions : [];
      const value = JSON.stringify({ decisions: [...decisions, decision] });
      try {
        if (current) await this.kv.update(keyOf(entry.sequence), value, current.revision);
        else await this.kv.create(keyOf(entry.sequence), value);
        return { ...entry, decisions: [...decisions, decision] };
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
  }
}

interface StoredLetter {
  seq: number;
  subject: string;
  data: Uint8Array;
  time: string;
}

const msgGetReply = z.object({
  message: z
    .object({ subject: z.string(), seq: z.number().int(), data: z.string().optional(), time: z.string() })
    .optional(),
  error: z.object({ code: z.number(), description: z.string() }).optional(),
});

/** The payload as JSON, or undefined when it is not (such a letter fails the schema). */
function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
