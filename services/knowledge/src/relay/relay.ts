import {
  type CloudEvent,
  cloudEventSources,
  cloudEventTypeOf,
  KNOWLEDGE_STREAM_PREFIX,
  streams,
  subjects,
} from '@chp/contracts';
import type { EventStore, Position, RecordedEvent, Subscription } from '@chp/eventstore';
import { ensureStream, platformStreamSpecs, publishCloudEvent, type StreamSpec } from '@chp/messaging';
import { type Logger, loggableError, sleep } from '@chp/platform';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';

const CHECKPOINT = 'knowledge-relay';

/** The KNOWLEDGE stream, as the platform declares it (`platformStreamSpecs`: file storage, limits, dedupe). */
export const knowledgeStreamSpec = (replicas = 1): StreamSpec => {
  const spec = platformStreamSpecs({ replicas }).find((candidate) => candidate.name === streams.knowledge);
  if (!spec) throw new Error(`${streams.knowledge} is not among the platform's streams`);
  return spec;
};

export const ensureKnowledgeStream = (jsm: JetStreamManager, replicas = 1) =>
  ensureStream(jsm, knowledgeStreamSpec(replicas));

interface StoredMetadata {
  correlationId?: string;
  causationId?: string;
}

/** The CloudEvent of a stored event: `knowledge.<Type>.v1`, subject the entry's stream. */
export function toKnowledgeCloudEvent(event: RecordedEvent): CloudEvent {
  const metadata = (event.metadata ?? {}) as StoredMetadata;
  return {
    specversion: '1.0',
    id: event.id,
    type: cloudEventTypeOf('knowledge', event.type, 1),
    source: cloudEventSources.knowledge,
    subject: event.streamName.slice(KNOWLEDGE_STREAM_PREFIX.length),
    time: event.createdAt.toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    streamrevision: Number(event.revision),
    position: String(event.position),
    ...(metadata.correlationId ? { correlationid: metadata.correlationId } : {}),
    ...(metadata.causationId ? { causationid: metadata.causationId } : {}),
  };
}

export interface Relay {
  stop(): Promise<void>;
}

/**
 * Publishes every `knowledge-` event of the store to `knowledge.events.<Type>` from a checkpoint kept
 * in the store (no dual write). After a crash it republishes from the checkpoint; JetStream drops a
 * repeat within its window by msgID (the event id).
 */
export async function startRelay(deps: {
  store: EventStore;
  js: JetStreamClient;
  logger?: Logger;
}): Promise<Relay> {
  const { store, js, logger } = deps;
  let after: Position | undefined = await store.checkpoints.load(CHECKPOINT);
  let stopped = false;
  let subscription: Subscription | undefined;
  const run = async () => {
    while (!stopped) {
      subscription = store.subscribeToAll({
        ...(after !== undefined ? { after } : {}),
        filter: { streamNamePrefix: KNOWLEDGE_STREAM_PREFIX },
      });
      try {
        for await (const event of subscription) {
          await publishCloudEvent(js, subjects.knowledge.event(event.type), toKnowledgeCloudEvent(event));
          await store.checkpoints.store(CHECKPOINT, event.position);
          after = event.position;
        }
      } catch (error) {
        if (stopped) return;
        logger?.warn({ err: loggableError(error) }, 'knowledge relay failed; resuming from its checkpoint');
        await sleep(1_000);
      }
    }
  };
  const running = run();
  return {
    async stop() {
      stopped = true;
      await subscription?.stop();
      await running;
    },
  };
}
