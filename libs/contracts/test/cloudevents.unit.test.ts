import {
  ContractError,
  cloudEventSources,
  decodeStoredEvent,
  parseCloudEvent,
  parseNotificationCloudEvent,
  safeParseCloudEvent,
  toCloudEvent,
  toNotificationCloudEvent,
} from '@chp/contracts';
import { eventExamples } from './fixtures/events.js';
import { complaintCloudEventOf, notificationExamples, recordedEvent } from './fixtures/messages.js';
import { complaintId, eventId, metadata, withValue } from './fixtures/values.js';

const source = cloudEventSources.complaints;

/** The ContractError a call throws, or a failure when it throws none. */
function errorOf(f: () => unknown): ContractError {
  try {
    f();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError, got none');
}

describe('toCloudEvent', () => {
  it('wraps a stored event with the type, ids, time and extensions of DESIGN.md', () => {
    const cloudEvent = toCloudEvent(
      { ...recordedEvent('SlaBreached'), revision: 7n, position: '88' },
      { source },
    );
    expect(cloudEvent).toEqual({
      specversion: '1.0',
      id: eventId,
      type: 'complaints.SlaBreached.v1',
      source,
      subject: complaintId,
      time: '2026-03-02T09:15:00.000Z',
      datacontenttype: 'application/json',
      data: eventExamples.SlaBreached,
      streamrevision: 7,
      position: '88',
      correlationid: metadata.correlationId,
      causationid: metadata.causationId,
      traceparent: metadata.traceparent,
    });
  });

  it('leaves traceparent out when the event had none', () => {
    const { traceparent: _t, ...untraced } = metadata;
    const cloudEvent = toCloudEvent({ ...recordedEvent('NoteAdded'), metadata: untraced }, { source });
    expect('traceparent' in cloudEvent).toBe(false);
  });

  it('refuses a stream that is not a complaint, and metadata without a schema version', () => {
    expect(
      errorOf(() => toCloudEvent({ ...recordedEvent('NoteAdded'), streamName: 'order-1' }, { source })).kind,
    ).toBe('envelope');
    const noVersion = {
      ...recordedEvent('NoteAdded'),
      metadata: withValue(metadata, ['schemaVersion'], undefined),
    };
    const error = errorOf(() => toCloudEvent(noVersion, { source }));
    expect([error.kind, error.issues.map((i) => i.path)]).toEqual(['metadata', ['metadata.schemaVersion']]);
  });

  it('refuses data that does not match its event type', () => {
    const bad = {
      ...recordedEvent('SatisfactionRecorded'),
      data: { ...eventExamples.SatisfactionRecorded, score: 9 },
    };
    const error = errorOf(() => toCloudEvent(bad, { source }));
    expect([error.kind, error.issues.map((i) => i.path)]).toEqual(['data', ['data.score']]);
  });
});

describe('parseCloudEvent', () => {
  const cloudEvent = complaintCloudEventOf('ComplaintFiled');

  it('reads an object, JSON text and UTF-8 bytes alike', () => {
    const text = JSON.stringify(cloudEvent);
    const fromObject = parseCloudEvent(cloudEvent);
    expect(parseCloudEvent(text)).toEqual(fromObject);
    expect(parseCloudEvent(new TextEncoder().encode(text))).toEqual(fromObject);
    expect(fromObject.event).toEqual({ type: 'ComplaintFiled', data: eventExamples.ComplaintFiled });
    expect(fromObject.version).toBe(1);
  });

  it.each([
    ['text that is not JSON', '{"specversion":', 'json', []],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'json', []],
    ['no id', withValue(cloudEvent, ['id'], undefined), 'envelope', ['id']],
    [
      'no stream revision',
      withValue(cloudEvent, ['streamrevision'], undefined),
      'envelope',
      ['streamrevision'],
    ],
    [
      'an unknown event type',
      withValue(cloudEvent, ['type'], 'complaints.ComplaintPraised.v1'),
      'unknown_type',
      [],
    ],
    ['another family', withValue(cloudEvent, ['type'], 'orders.OrderPlaced.v1'), 'unknown_type', []],
    [
      'a version from the future',
      withValue(cloudEvent, ['type'], 'complaints.ComplaintFiled.v2'),
      'unsupported_version',
      [],
    ],
    [
      'bad data',
      withValue(cloudEvent, ['data', 'customer', 'email'], 'olena@'),
      'data',
      ['data.customer.email'],
    ],
  ])('refuses %s with a typed error', (_what, input, kind, paths) => {
    const error = errorOf(() => parseCloudEvent(input));
    expect([error.kind, error.issues.map((i) => i.path)]).toEqual([kind, paths]);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('keeps the zod issues for callers that want them', () => {
    const error = errorOf(() => parseCloudEvent(withValue(cloudEvent, ['data', 'priority'], 'asap')));
    expect(error.zodIssues).toEqual([
      expect.objectContaining({ code: 'invalid_value', path: ['data', 'priority'] }),
    ]);
  });

  it('has a variant that returns the outcome instead of throwing', () => {
    expect(safeParseCloudEvent(cloudEvent)).toMatchObject({ success: true });
    const failed = safeParseCloudEvent({});
    expect(failed.success === false && failed.error.kind).toBe('envelope');
  });
});

describe('decodeStoredEvent', () => {
  it('returns the validated event and metadata', () => {
    expect(decodeStoredEvent(recordedEvent('ComplaintClosed'))).toEqual({
      event: { type: 'ComplaintClosed', data: eventExamples.ComplaintClosed },
      metadata,
    });
  });
});

describe('notification CloudEvents', () => {
  const options = { id: '2c5ea4c0-4067-41c2-9f2b-7d2b0a8f5e11', source: cloudEventSources.notifications };

  it('wraps a report with the complaint id as subject and parses it back', () => {
    const cloudEvent = toNotificationCloudEvent(
      { type: 'NotificationSent', data: notificationExamples.NotificationSent },
      options,
    );
    expect(cloudEvent).toMatchObject({ type: 'notifications.NotificationSent.v1', subject: complaintId });
    expect(parseNotificationCloudEvent(cloudEvent).event.type).toBe('NotificationSent');
  });

  it('refuses bad data and an id that is not a UUID before publishing', () => {
    const bad = { ...notificationExamples.NotificationFailed, attempts: 0 };
    expect(
      errorOf(() => toNotificationCloudEvent({ type: 'NotificationFailed', data: bad }, options)).kind,
    ).toBe('data');
    const sent = { type: 'NotificationSent' as const, data: notificationExamples.NotificationSent };
    expect(errorOf(() => toNotificationCloudEvent(sent, { ...options, id: 'x' })).kind).toBe('envelope');
  });

  it('does not take a Complaint event for a notification', () => {
    expect(errorOf(() => parseNotificationCloudEvent(complaintCloudEventOf('NoteAdded'))).kind).toBe(
      'unknown_type',
    );
  });
});
