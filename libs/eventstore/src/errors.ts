import type { ExpectedRevision } from './port.js';

/** Base of every event-store error; `kind` is stable for mapping to HTTP problems. */
export abstract class EventStoreError extends Error {
  abstract readonly kind: string;
}

export class WrongExpectedVersion extends EventStoreError {
  readonly kind = 'wrong_expected_version';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `no_stream`. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersion';
  }
}

export class StreamNotFound extends EventStoreError {
  readonly kind = 'stream_not_found';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} does not exist`);
    this.name = 'StreamNotFound';
  }
}

export class InvalidStreamName extends EventStoreError {
  readonly kind = 'invalid_stream_name';
  constructor(
    readonly streamName: string,
    readonly reason: string,
  ) {
    super(`Invalid stream name ${JSON.stringify(streamName)}: ${reason}`);
    this.name = 'InvalidStreamName';
  }
}

export class EmptyAppend extends EventStoreError {
  readonly kind = 'empty_append';
  constructor(readonly streamName: string) {
    super(`Append to ${streamName} carries no events`);
    this.name = 'EmptyAppend';
  }
}

export class InvalidPosition extends EventStoreError {
  readonly kind = 'invalid_position';
  constructor(
    readonly raw: string,
    readonly reason: string,
  ) {
    super(`Invalid position ${JSON.stringify(raw)}: ${reason}`);
    this.name = 'InvalidPosition';
  }
}

export class UnsupportedEventStoreUrl extends EventStoreError {
  readonly kind = 'unsupported_event_store_url';
  constructor(readonly url: string) {
    super(
      `Unsupported EVENT_STORE_URL ${JSON.stringify(url)}: use esdb://, esdb+discover://, postgres://, postgresql://, pglite://<dir> or memory://`,
    );
    this.name = 'UnsupportedEventStoreUrl';
  }
}
