import {
  type AllStreamResolvedEvent,
  EVENT_TYPE,
  STREAM_NAME,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { InvalidPosition, InvalidStreamName, StreamNotFound, WrongExpectedVersion } from '../src/errors.js';
import { checkpointStreamName } from '../src/eventstoredb/checkpoints.js';
import {
  isSystemEvent,
  mapEsdbError,
  matchesFilter,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbFilter,
  toRecordedEvent,
} from '../src/eventstoredb/mapping.js';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  parsePosition,
} from '../src/eventstoredb/positions.js';
import type { RecordedEvent } from '../src/port.js';

const MAX_U64 = 18446744073709551615n;

describe('EventStoreDB positions', () => {
  it('encode as zero-padded "<commit>/<prepare>" and decode back', () => {
    const encoded = encodePosition({ commit: 1234n, prepare: 1200n });
    expect(encoded).toBe('00000000000000001234/00000000000000001200');
    expect(decodePosition(encoded)).toEqual({ commit: 1234n, prepare: 1200n });
    expect(decodePosition(encodePosition({ commit: MAX_U64, prepare: 0n }))).toEqual({
      commit: MAX_U64,
      prepare: 0n,
    });
  });

  it('parse outside input into the canonical form', () => {
    expect(parsePosition('42/41')).toBe('00000000000000000042/00000000000000000041');
  });

  it.each([
    ['', 'empty'],
    ['42', 'no prepare part'],
    ['42/', 'empty prepare'],
    ['-1/0', 'negative'],
    ['1.5/0', 'not an integer'],
    ['18446744073709551616/0', 'above 2^64-1'],
    ['1/2/3', 'three parts'],
    ['123456789012345678901/0', 'more than 20 digits'],
  ])('reject %j (%s) with InvalidPosition', (raw) => {
    expect(() => parsePosition(raw)).toThrow(InvalidPosition);
  });

  it('order by commit, then prepare, and agree with plain string order', () => {
    const ordered = [
      { commit: 0n, prepare: 0n },
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 3n },
      { commit: 10n, prepare: 10n },
      { commit: 1_000_000n, prepare: 1n },
    ].map(encodePosition);
    for (let i = 1; i < ordered.length; i++) {
      const [a, b] = [ordered[i - 1] as string, ordered[i] as string];
      expect(comparePositions(a, b)).toBeLessThan(0);
      expect(comparePositions(b, a)).toBeGreaterThan(0);
      expect(a < b).toBe(true);
    }
    expect(comparePositions('10/3', '00000000000000000010/00000000000000000003')).toBe(0);
  });
});

describe('EventStoreDB expected revisions', () => {
  it.each([
    ['any', 'any'],
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    [7n, 7n],
  ] as const)('%s maps to the client constant %s', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });
});

describe('EventStoreDB errors', () => {
  it('WrongExpectedVersionError becomes WrongExpectedVersion with the expected and actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'complaint-1',
      expected: 3n,
      current: 5n,
    });
    const mapped = mapEsdbError(error, 'complaint-1', 3n);
    expect(mapped).toBeInstanceOf(WrongExpectedVersion);
    expect(mapped).toMatchObject({ streamName: 'complaint-1', expected: 3n, actual: 5n });
  });

  it('keeps the caller expected revision and reports a missing stream as no_stream', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'complaint-2',
      expected: 'any',
      current: 'no_stream',
    });
    expect(mapEsdbError(error, 'complaint-2', 'stream_exists')).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
    expect(mapEsdbError(error, 'complaint-2')).toMatchObject({ expected: 'any', actual: 'no_stream' });
  });

  it('StreamNotFoundError and StreamDeletedError become StreamNotFound', () => {
    expect(mapEsdbError(new StreamNotFoundError(undefined, 'complaint-3'), 'complaint-3')).toEqual(
      new StreamNotFound('complaint-3'),
    );
    expect(mapEsdbError(StreamDeletedError.fromStreamName('complaint-4'), 'complaint-4')).toBeInstanceOf(
      StreamNotFound,
    );
  });

  it('passes other errors through unchanged', () => {
    const unavailable = new UnavailableError(undefined, 'connection refused');
    expect(mapEsdbError(unavailable, 'complaint-5')).toBe(unavailable);
  });
});

describe('EventStoreDB events', () => {
  it('are written as JSON events with their id, type, data and metadata', () => {
    const written = toEsdbEvent({
      id: '0b8c1a9e-3f37-4f1c-9b9a-2f5d1c0e7a11',
      type: 'ComplaintFiled',
      data: { subject: 'Ключ не підходить' },
      metadata: { correlationId: 'c-1' },
    });
    expect(written).toMatchObject({
      id: '0b8c1a9e-3f37-4f1c-9b9a-2f5d1c0e7a11',
      contentType: 'application/json',
      type: 'ComplaintFiled',
      data: { subject: 'Ключ не підходить' },
      metadata: { correlationId: 'c-1' },
    });
  });

  it('are read into RecordedEvent with an encoded position', () => {
    const created = new Date('2025-01-02T03:04:05.000Z');
    const resolved: AllStreamResolvedEvent = {
      event: {
        streamId: 'complaint-9',
        id: '5f1c7a52-77a4-4e0c-8d93-6d1a3c1f0b22',
        isJson: true,
        revision: 4n,
        type: 'ComplaintAcknowledged',
        created,
        data: { by: 'agent-1' },
        metadata: { correlationId: 'c-9' },
        position: { commit: 500n, prepare: 480n },
      },
      commitPosition: 500n,
    };
    expect(toRecordedEvent(resolved)).toEqual({
      streamName: 'complaint-9',
      revision: 4n,
      position: encodePosition({ commit: 500n, prepare: 480n }),
      id: '5f1c7a52-77a4-4e0c-8d93-6d1a3c1f0b22',
      type: 'ComplaintAcknowledged',
      data: { by: 'agent-1' },
      metadata: { correlationId: 'c-9' },
      createdAt: created,
    });
    expect(toRecordedEvent({})).toBeUndefined();
  });

  it('treat $-prefixed types and streams as system events', () => {
    expect(isSystemEvent('complaint-1', '$metadata')).toBe(true);
    expect(isSystemEvent('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(true);
    expect(isSystemEvent('chp-checkpoints-relay', '$chp-checkpoint')).toBe(true);
    expect(isSystemEvent('complaint-1', 'ComplaintFiled')).toBe(false);
  });
});

describe('EventStoreDB filters', () => {
  const event = (streamName: string, type: string) => ({ streamName, type }) as RecordedEvent;

  it('a stream-name prefix is a server-side stream filter', () => {
    expect(toEsdbFilter({ streamNamePrefix: 'complaint-' })).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['complaint-'],
    });
    expect(matchesFilter(event('complaint-1', 'X'), { streamNamePrefix: 'complaint-' })).toBe(true);
    expect(matchesFilter(event('survey-1', 'X'), { streamNamePrefix: 'complaint-' })).toBe(false);
  });

  it('event types are a server-side prefix filter, matched exactly on the client', () => {
    const filter = { eventTypes: ['ComplaintFiled', 'ComplaintClosed'] };
    expect(toEsdbFilter(filter)).toMatchObject({
      filterOn: EVENT_TYPE,
      prefixes: ['ComplaintFiled', 'ComplaintClosed'],
    });
    expect(matchesFilter(event('complaint-1', 'ComplaintFiled'), filter)).toBe(true);
    // The server lets this through (same prefix); the port's filter is exact.
    expect(matchesFilter(event('complaint-1', 'ComplaintFiledV2'), filter)).toBe(false);
  });

  it('no filter excludes system events on the server', () => {
    expect(toEsdbFilter(undefined)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
  });
});

describe('EventStoreDB checkpoint streams', () => {
  it('are named after the subscriber, and follow the stream-name rules', () => {
    expect(checkpointStreamName('relay')).toBe('chp-checkpoints-relay');
    expect(() => checkpointStreamName('')).toThrow(/subscriber id/);
    expect(() => checkpointStreamName('relay\n')).toThrow(InvalidStreamName);
    expect(() => checkpointStreamName('r'.repeat(200))).toThrow(InvalidStreamName);
  });
});
