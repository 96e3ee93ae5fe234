import {
  complaintEventTypes,
  complaintEventVersions,
  intakeCloudEventTypes,
  notificationEventTypes,
  parseCloudEvent,
  parseIntakeMessage,
  parseNotificationCloudEvent,
} from '@chp/contracts';
import { CloudEvent, HTTP, type Message } from 'cloudevents';
import { complaintCloudEventOf, messageCases, notificationCloudEventOf } from './fixtures/messages.js';

/** What a receiver sees: every header a string, the body text. */
const onTheWire = (message: Message): Message => ({
  headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)])),
  body: typeof message.body === 'string' ? message.body : JSON.stringify(message.body),
});

// The official SDK is the referee: our envelopes must be valid CloudEvents 1.0 to it, survive its
// structured and binary HTTP encodings, and come back through our own parser unchanged.
describe('our envelopes through the official cloudevents SDK', () => {
  describe.each(complaintEventTypes)('%s', (type) => {
    const ours = complaintCloudEventOf(type);

    it('is a valid CloudEvent to the SDK', () => {
      const sdkEvent = new CloudEvent(ours);
      expect(sdkEvent.validate()).toBe(true);
      expect(sdkEvent.type).toBe(`complaints.${type}.v${complaintEventVersions[type]}`);
    });

    it('round-trips through structured mode', () => {
      const message = HTTP.structured(new CloudEvent(ours));
      expect(message.headers['content-type']).toContain('application/cloudevents+json');
      const back = HTTP.toEvent(message) as CloudEvent<unknown>;
      expect(back.validate()).toBe(true);
      const parsed = parseCloudEvent(back.toJSON());
      expect(parsed.envelope).toEqual(ours);
      expect(parsed.event).toEqual({ type, data: ours.data });
    });

    it('round-trips through binary mode (extensions as headers)', () => {
      const message = HTTP.binary(new CloudEvent(ours));
      expect(message.headers['ce-correlationid']).toBe(ours.correlationid);
      const back = HTTP.toEvent(onTheWire(message)) as CloudEvent<unknown>;
      expect(back.streamrevision).toBe(String(ours.streamrevision));
      expect(back.validate()).toBe(true);
      expect(parseCloudEvent(back.toJSON()).envelope).toEqual(ours);
    });
  });

  it.each(notificationEventTypes)('%s is valid and round-trips', (type) => {
    const ours = notificationCloudEventOf(type);
    expect(new CloudEvent(ours).validate()).toBe(true);
    const back = HTTP.toEvent(onTheWire(HTTP.binary(new CloudEvent(ours)))) as CloudEvent<unknown>;
    expect(back.validate()).toBe(true);
    expect(parseNotificationCloudEvent(back.toJSON()).envelope).toEqual(ours);
  });

  // What channel adapters and intake itself put on INTAKE: a channel may build these with the SDK.
  const intakeEnvelopes = {
    [intakeCloudEventTypes.submitted]: messageCases.ComplaintSubmittedCloudEvent?.valid,
    [intakeCloudEventTypes.queued]: messageCases.SubmissionQueuedCloudEvent?.valid,
  } as Record<string, Record<string, unknown>>;
  it.each(Object.values(intakeCloudEventTypes))('%s is valid and round-trips both modes', (type) => {
    const ours = intakeEnvelopes[type] as Record<string, unknown>;
    expect(ours.type).toBe(type);
    expect(new CloudEvent(ours).validate()).toBe(true);
    for (const message of [
      HTTP.structured(new CloudEvent(ours)),
      onTheWire(HTTP.binary(new CloudEvent(ours))),
    ]) {
      const back = HTTP.toEvent(message) as CloudEvent<unknown>;
      expect(back.validate()).toBe(true);
      const parsed = parseIntakeMessage(back.toJSON());
      expect(parsed.kind).toBe(type === intakeCloudEventTypes.submitted ? 'submitted' : 'queued');
      if (!('envelope' in parsed)) throw new Error('no envelope');
      // The SDK writes `time` with milliseconds and stamps one when the sender gave none; binary
      // mode reports `application/json; charset=utf-8` when the sender named no content type.
      const { time, datacontenttype, ...rest } = parsed.envelope;
      const { time: ourTime, datacontenttype: ourContentType, ...ourRest } = ours;
      expect(rest).toEqual(ourRest);
      expect(datacontenttype ?? 'application/json').toMatch(
        ourContentType ? new RegExp(`^${ourContentType}`) : /^application\/json/,
      );
      if (ourTime) expect(Date.parse(time as string)).toBe(Date.parse(ourTime as string));
      else expect(Number.isNaN(Date.parse(time as string))).toBe(false);
    }
  });
});

describe('datacontenttype', () => {
  const base = complaintCloudEventOf('NoteAdded');
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="utf-8"'])(
    'accepts %s',
    (contentType) => {
      expect(parseCloudEvent({ ...base, datacontenttype: contentType }).envelope.datacontenttype).toBe(
        contentType,
      );
    },
  );
  it.each(['text/plain', 'application/jsonx', 'application/json; charset'])(
    'rejects %s, naming the field',
    (contentType) => {
      expect(() => parseCloudEvent({ ...base, datacontenttype: contentType })).toThrow(/datacontenttype/);
    },
  );
});
