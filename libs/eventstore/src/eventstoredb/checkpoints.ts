import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { CheckpointStore, Position } from '../port.js';
import { validateStreamName } from '../streams.js';
import { comparePositions, parsePosition } from './positions.js';

/**
 * Checkpoints live in the store, one stream per subscriber. The stream name is not `$`-prefixed
 * (system streams need admin rights in a secured cluster) but the event type is, so every
 * subscription and `readAll` skips checkpoints as system events.
 */
export const CHECKPOINT_STREAM_PREFIX = 'chp-checkpoints-';
export const CHECKPOINT_EVENT_TYPE = '$chp-checkpoint';
/** Only the newest checkpoint matters; the server scavenges the rest. */
const CHECKPOINT_STREAM_MAX_COUNT = 10;
/** Two instances of one subscriber racing on the same stream: retry the read-compare-append a few times. */
const MAX_ATTEMPTS = 5;

interface Stored {
  position: Position;
  revision: bigint;
}

export function checkpointStreamName(subscriberId: string): string {
  if (typeof subscriberId !== 'string' || subscriberId.length === 0) {
    throw new TypeError(
      `Invalid subscriber id ${JSON.stringify(subscriberId)}: it must be a non-empty string`,
    );
  }
  const streamName = `${CHECKPOINT_STREAM_PREFIX}${subscriberId}`;
  validateStreamName(streamName);
  return streamName;
}

export function createCheckpointStore(client: EventStoreDBClient): CheckpointStore {
  async function readLast(streamName: string): Promise<Stored | undefined> {
    try {
      for await (const resolved of client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const event = resolved.event;
        if (!event) continue;
        const position = (event.data as { position?: unknown } | undefined)?.position;
        if (typeof position !== 'string') {
          throw new Error(`Checkpoint stream ${streamName} holds a malformed checkpoint ${event.id}`);
        }
        return { position: parsePosition(position), revision: event.revision };
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  return {
    async load(subscriberId) {
      return (await readLast(checkpointStreamName(subscriberId)))?.position;
    },

    async store(subscriberId, position) {
      const streamName = checkpointStreamName(subscriberId);
      const canonical = parsePosition(position);
      for (let attempt = 1; ; attempt++) {
        const current = await readLast(streamName);
        if (current && comparePositions(canonical, current.position) <= 0) return;
        try {
          await client.appendToStream(
            streamName,
            jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: canonical } }),
            { expectedRevision: current ? current.revision : NO_STREAM },
          );
          if (!current) {
            await client.setStreamMetadata(streamName, { maxCount: CHECKPOINT_STREAM_MAX_COUNT });
          }
          return;
        } catch (error) {
          // Someone else moved the checkpoint meanwhile: re-read and keep only the newer one.
          if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
  };
}
