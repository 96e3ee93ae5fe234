import { type DeadLetter, deadLetterSchema } from '@chp/contracts';
import { waitFor } from '@chp/testing';
import type { NatsConnection } from '@nats-io/transport-node';

export interface SeenDeadLetter {
  subject: string;
  letter: DeadLetter;
}

/** The dead letters intake publishes on `intake.dead.>` while a test runs. */
export interface DeadLetters {
  /** Every letter so far, in the order they came. */
  readonly seen: SeenDeadLetter[];
  /** The letter for the INTAKE stream sequence `seq` on `subject`, once it comes. */
  of(seq: number, subject?: string): Promise<SeenDeadLetter>;
  stop(): void;
}

export async function watchDeadLetters(nc: NatsConnection): Promise<DeadLetters> {
  const seen: SeenDeadLetter[] = [];
  const subscription = nc.subscribe('intake.dead.>', {
    callback: (_err, msg) => {
      seen.push({ subject: msg.subject, letter: deadLetterSchema.parse(msg.json()) });
    },
  });
  await nc.flush();
  return {
    seen,
    of: (seq, subject = 'intake.dead.web') =>
      waitFor(() => seen.find((d) => d.subject === subject && d.letter.streamSequence === seq), {
        description: `a dead letter for seq ${seq} on ${subject}`,
      }),
    stop: () => subscription.unsubscribe(),
  };
}
