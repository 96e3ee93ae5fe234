import type { AggregateStreamOptions, AggregateStreamResult, RecordedEvent } from './port.js';

/** The read an aggregate needs: a stream's events, or undefined when it does not exist. */
type StreamReader = (streamName: string) => Promise<RecordedEvent[] | undefined>;

/** Every adapter's `aggregateStream`: one read of the whole stream, folded in order. */
export async function aggregateStream<State>(
  read: StreamReader,
  streamName: string,
  { initialState, evolve }: AggregateStreamOptions<State>,
): Promise<AggregateStreamResult<State>> {
  const events = await read(streamName);
  let state = initialState();
  if (events === undefined) return { state, currentRevision: undefined, streamExists: false };
  for (const event of events) state = evolve(state, event);
  return { state, currentRevision: events.at(-1)?.revision, streamExists: true };
}
