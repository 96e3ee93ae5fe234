import { type NatsServiceUser, natsPermissions, streams, subjects } from '@chp/contracts';
import {
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { type Ensured, ensureStream, ensureStreamExists, type StreamSpec } from './ensure.js';

export interface PlatformStreamsOptions {
  /** Replicas per stream: 1 on a single server, 3 in a cluster. Default 1. */
  replicas?: number;
  /** Window in which JetStream drops a repeated `msgID`. Default 2 minutes; 1 second to 24 hours. */
  duplicateWindowMs?: number;
  /**
   * The NATS user of the service (its row in `natsPermissions`): only the streams it owns are created
   * and updated, the streams it uses are created when missing and never changed, and the others are
   * left alone. Without it, every platform stream is ensured (an operator or an open server).
   */
  user?: NatsServiceUser;
  /**
   * Age limit per stream (ms), over `personalDataMaxAgeMs`; 0 keeps messages forever. Streams that
   * hold customers' personal data in clear must have one (SECURITY.md, "Personal data").
   */
  maxAgeMs?: Partial<Record<string, number>>;
}

const DAY_MS = 86_400_000;

/**
 * The default age limits of the platform's streams, all of which carry customers' personal data:
 * submissions are filed within minutes (`INTAKE`: a week covers an outage), consumers are never
 * a month behind (`COMPLAINTS`, `NOTIFICATIONS`), and dead letters are inspected within a month.
 * The durable record is the event store (encrypted); projections rebuild from its feed.
 */
export const personalDataMaxAgeMs: Readonly<Record<string, number>> = {
  [streams.intake]: 7 * DAY_MS,
  [streams.complaints]: 30 * DAY_MS,
  [streams.notifications]: 30 * DAY_MS,
  [streams.deadLetters]: 30 * DAY_MS,
};

const minWindowMs = 1_000;
const maxWindowMs = 24 * 60 * 60 * 1_000;

/** The platform's streams as named in `@chp/contracts`: file storage, limits retention, dedupe window. */
export function platformStreamSpecs(options: PlatformStreamsOptions = {}): StreamSpec[] {
  const replicas = options.replicas ?? 1;
  const windowMs = options.duplicateWindowMs ?? 2 * 60 * 1_000;
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) {
    throw new RangeError(`replicas must be an integer from 1 to 5, got ${replicas}`);
  }
  if (!Number.isFinite(windowMs) || windowMs < minWindowMs || windowMs > maxWindowMs) {
    throw new RangeError(`duplicateWindowMs must be from ${minWindowMs} to ${maxWindowMs}, got ${windowMs}`);
  }
  const common = {
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: replicas,
    duplicate_window: nanos(windowMs),
  } satisfies Partial<StreamSpec>;
  const maxAge = (name: string) => {
    const ms = options.maxAgeMs?.[name] ?? personalDataMaxAgeMs[name] ?? 0;
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`maxAgeMs of ${name} must be 0 or more, got ${ms}`);
    return { max_age: nanos(ms) };
  };
  const specs: StreamSpec[] = [
    {
      ...common,
      name: streams.intake,
      description: 'Channel submissions waiting to be filed',
      subjects: [subjects.intake.all, subjects.intake.emailRaw],
    },
    {
      ...common,
      name: streams.complaints,
      description: 'Integration events relayed from the complaints event store',
      subjects: [subjects.complaints.allEvents],
    },
    {
      ...common,
      name: streams.notifications,
      description: 'Proof of sending and failures from notifications',
      subjects: [subjects.notifications.allEvents],
    },
    {
      ...common,
      name: streams.deadLetters,
      description: 'Dead letters of every consumer, kept for inspection and replay',
      subjects: [...subjects.deadLetters.all],
    },
    {
      ...common,
      name: streams.knowledge,
      description: 'Integration events of the directory of standard answers and typical questions',
      subjects: [subjects.knowledge.allEvents],
    },
  ];
  return specs.map((spec) => ({ ...spec, ...maxAge(spec.name) }));
}

/** Ensures every platform stream (idempotent; see {@link ensureStream}). */
export async function ensurePlatformStreams(
  jsm: JetStreamManager,
  options: PlatformStreamsOptions = {},
): Promise<Record<string, Ensured<StreamInfo>>> {
  const results: Record<string, Ensured<StreamInfo>> = {};
  const grant = options.user ? natsPermissions[options.user] : undefined;
  for (const spec of platformStreamSpecs(options)) {
    if (!grant || grant.ownsStreams.includes(spec.name)) results[spec.name] = await ensureStream(jsm, spec);
    else if (grant.usesStreams.includes(spec.name)) results[spec.name] = await ensureStreamExists(jsm, spec);
  }
  return results;
}
