import { type CloudEvent, cloudEventSchema } from '@chp/contracts';
import { cloudEventContentType, publishCloudEvent } from '@chp/messaging';
import { context, propagation, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { type NatsFixture, startNats, stopNats, testStream, uniqueName } from './support';

let fixture: NatsFixture;

beforeAll(async () => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  fixture = await startNats();
});
afterAll(async () => {
  await stopNats(fixture);
  propagation.disable();
});

function filed(id: string, traceparent?: string): CloudEvent {
  return {
    specversion: '1.0',
    id,
    type: 'complaints.ComplaintFiled.v1',
    source: '/complaints',
    subject: 'c0ffee00-0000-4000-8000-000000000001',
    time: '2026-01-05T10:00:00.000Z',
    datacontenttype: 'application/json',
    data: { reference: 'C-7KX2-9QMA' },
    ...(traceparent ? { traceparent } : {}),
  };
}

describe('publishCloudEvent', () => {
  it('stores an event once when it is published twice with the same id', async () => {
    const { stream, subject } = await testStream(fixture, uniqueName('PUB'));
    const event = filed(uniqueName('evt-'));

    const first = await publishCloudEvent(fixture.js, subject, event);
    const second = await publishCloudEvent(fixture.js, subject, event);

    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, seq: first.seq });
    const info = await fixture.jsm.streams.info(stream);
    expect(info.state.messages).toBe(1);
    const stored = await fixture.jsm.streams.getMessage(stream, { seq: first.seq });
    expect(cloudEventSchema.parse(stored?.json())).toEqual(event);
    expect(stored?.header.get('Nats-Msg-Id')).toBe(event.id);
    expect(stored?.header.get('content-type')).toBe(cloudEventContentType);
  });

  it('puts the active trace context in the headers', async () => {
    const { stream, subject } = await testStream(fixture, uniqueName('PUB'));
    const spanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    };
    const ctx = trace.setSpanContext(ROOT_CONTEXT, spanContext);

    const ack = await publishCloudEvent(fixture.js, subject, filed(uniqueName('evt-')), { context: ctx });

    const stored = await fixture.jsm.streams.getMessage(stream, { seq: ack.seq });
    expect(stored?.header.get('traceparent')).toBe(`00-${spanContext.traceId}-${spanContext.spanId}-01`);
  });

  it("falls back to the event's own traceparent when no span is active", async () => {
    const { stream, subject } = await testStream(fixture, uniqueName('PUB'));
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

    const ack = await publishCloudEvent(fixture.js, subject, filed(uniqueName('evt-'), traceparent), {
      context: context.active(),
    });

    const stored = await fixture.jsm.streams.getMessage(stream, { seq: ack.seq });
    expect(stored?.header.get('traceparent')).toBe(traceparent);
  });
});
