import { complaintIdSchema } from './values/index.js';

/** Event-store streams are named `complaint-<uuid>`; use this prefix to filter subscriptions. */
export const COMPLAINT_STREAM_PREFIX = 'complaint-';

/** The one place a complaint's stream name is built. */
export function complaintStreamName(complaintId: string): string {
  if (!complaintIdSchema.safeParse(complaintId).success) {
    throw new RangeError(`a complaint id is a UUID, got "${complaintId}"`);
  }
  return `${COMPLAINT_STREAM_PREFIX}${complaintId}`;
}

/** The complaint id of a stream name, or undefined when the stream is not a complaint's. */
export function complaintIdOfStream(streamName: string): string | undefined {
  if (!streamName.startsWith(COMPLAINT_STREAM_PREFIX)) return undefined;
  const id = streamName.slice(COMPLAINT_STREAM_PREFIX.length);
  return complaintIdSchema.safeParse(id).success ? id : undefined;
}
