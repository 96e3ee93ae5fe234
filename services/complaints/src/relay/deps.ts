import type { EventStore, Position } from '@chp/eventstore';
import type { MessagingLogger } from '@chp/messaging';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { LeaseOptions } from './lease.js';

/** What startRelay needs, and its settings (validated by validateRelayOptions). */
export interface RelayDeps {
  store: EventStore;
  /** JetStream client; the `COMPLAINTS` stream must exist (publishes fail and are retried until it does). */
  js: JetStreamClient;
  logger?: MessagingLogger;
  /** Checkpoint id in `store.checkpoints`, metric label and lease key. Default `complaints-relay`. */
  checkpointId?: string;
  /** CloudEvents `source`. Default `urn:chp:complaints`. */
  source?: string;
  /** Publishes awaiting their PubAck at once. Default 256. */
  maxInFlight?: number;
  /** Store the checkpoint after this many acknowledged events... Default 500. */
  checkpointEvery?: number;
  /** ...or after this long. Default 1000 ms. */
  checkpointIntervalMs?: number;
  /** PubAck timeout. Default the JetStream client's. */
  publishTimeoutMs?: number;
  /** First wait after a failure; doubles up to 30 s while failures repeat. Default 500 ms. */
  retryDelayMs?: number;
  /** How often relay lag is measured. Default 5000 ms. */
  lagIntervalMs?: number;
  /** The lag in events is counted up to this. Default 10,000. */
  lagProbeLimit?: number;
  /** Single active relay through a NATS KV lease (the default), or `false` to always relay. */
  lease?: LeaseOptions | false;
  hooks?: {
    /** Awaited before each checkpoint write; for crash tests. */
    beforeCheckpoint?: (position: Position, acknowledged: number) => Promise<void> | void;
  };
}
