import { type CloudEvent, subjects } from '@chp/contracts';
import {
  ack,
  type ConsumedMessage,
  type ConsumerRunner,
  publishCloudEvent,
  type RunConsumerOptions,
  reject,
  retry,
  runConsumer,
} from '@chp/messaging';
import { waitFor } from '@chp/testing';
import { connect, errors, headers } from '@nats-io/transport-node';
import { propagation, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { register } from 'prom-client';
import { z } from 'zod';
import { deadLettersOn, type NatsFixture, startNats, stopNats, testStream, uniqueName } from './support';

const dataSchema = z.object({ n: z.number().int() });
const eventSchema = z.object({ id: z.string(), type: z.literal('test.Counted.v1'), data: dataSchema });
type Handled = ConsumedMessage<z.output<typeof eventSchema>>;

let fixture: NatsFixture;
const runners: ConsumerRunner[] = [];

beforeAll(async () => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  fixture = await startNats();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});
afterAll(async () => {
  await stopNats(fixture);
  propagation.disable();
});

function counted(n: number): CloudEvent {
  return {
    specversion: '1.0',
    id: `evt-${uniqueName('')}`,
    type: 'test.Counted.v1',
    source: '/test',
    data: { n },
  };
}

/** A stream, a durable on it and a dead-letter subject of their own, plus the runner's options. */
async function scenario(
  handler: (message: Handled) => ReturnType<RunConsumerOptions<typeof eventSchema>['handler']>,
) {
  const { stream, subject } = await testStream(fixture, uniqueName('RUN'));
  const durable = uniqueName('c');
  const deadLetterSubject = subjects.deadLetters.of('test', durable);
  const options: RunConsumerOptions<typeof eventSchema> = {
    nc: fixture.nc,
    stream,
    durable,
    schema: eventSchema,
    handler,
    deadLetterSubject,
    retryBackoff: { baseMs: 10, maxMs: 50 },
  };
  const start = async (overrides: Partial<RunConsumerOptions<typeof eventSchema>> = {}) => {
    const runner = await runConsumer({ ...options, ...overrides });
    runners.push(runner);
    return runner;
  };
  return { stream, subject, durable, deadLetterSubject, start };
}

async function settled(stream: string, durable: string) {
  return waitFor(
    async () => {
      const info = await fixture.jsm.consumers.info(stream, durable);
      return info.num_pending === 0 && info.num_ack_pending === 0 ? info : undefined;
    },
    { description: `consumer ${durable} to have nothing pending or unacked` },
  );
}

describe('consumer runner', () => {
  it('waits for a stream that another service has not created yet, then consumes it', async () => {
    const stream = uniqueName('LATE');
    const warnings: string[] = [];
    const handled: number[] = [];
    const running = runConsumer({
      nc: fixture.nc,
      stream,
      durable: uniqueName('c'),
      schema: eventSchema,
      handler: async (message: Handled) => {
        handled.push(message.data.data.n);
        return ack();
      },
      deadLetterSubject: subjects.deadLetters.of('test', 'late'),
      logger: { info: () => undefined, warn: (_obj, msg) => warnings.push(msg), error: () => undefined },
    });
    await waitFor(() => warnings.length > 0, { description: 'the runner to say it waits for the stream' });
    expect(warnings).toEqual(['stream not found; waiting for the service that owns it to create it']);
    await fixture.jsm.streams.add({ name: stream, subjects: [`t.${stream}.>`] });
    runners.push(await running);
    await publishCloudEvent(fixture.js, `t.${stream}.events`, counted(7));
    await waitFor(() => handled.length === 1, { description: 'the event on the late stream to be handled' });
    expect(handled).toEqual([7]);
  });

  it('fails with the stream named when it does not appear within streamWaitMs', async () => {
    const stream = uniqueName('NEVER');
    await expect(
      runConsumer({
        nc: fixture.nc,
        stream,
        durable: uniqueName('c'),
        schema: eventSchema,
        handler: async () => ack(),
        deadLetterSubject: subjects.deadLetters.of('test', 'never'),
        streamWaitMs: 300,
      }),
    ).rejects.toThrow(new RegExp(`^stream ${stream} does not exist \\(waited \\d+ ms for consumer`));
  });

  it('acks what the handler accepts', async () => {
    const seen: Handled[] = [];
    const s = await scenario((message) => {
      seen.push(message);
      return ack();
    });
    await s.start();
    const event = counted(1);
    await publishCloudEvent(fixture.js, s.subject, event);

    await waitFor(() => seen.length === 1, { description: 'the event to be handled' });
    expect(seen[0]?.data).toMatchObject({ id: event.id, data: { n: 1 } });
    expect(seen[0]?.deliveryCount).toBe(1);
    const info = await settled(s.stream, s.durable);
    expect(info.ack_floor.stream_seq).toBe(1);
  });

  it('runs the handler in a span whose parent is the trace context of the message', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const seen: (string | undefined)[] = [];
    const s = await scenario((message) => {
      seen.push(trace.getSpanContext(message.context)?.traceId);
      return ack();
    });
    await s.start();
    const context = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    await publishCloudEvent(fixture.js, s.subject, counted(7), { context });

    await waitFor(() => seen.length === 1, { description: 'the event to be handled' });
    expect(seen).toEqual([traceId]);
  });

  it('redelivers a message the handler asks to retry, with a growing delivery count', async () => {
    const deliveries: number[] = [];
    const s = await scenario((message) => {
      deliveries.push(message.deliveryCount);
      return message.deliveryCount < 3 ? retry() : ack();
    });
    await s.start();
    await publishCloudEvent(fixture.js, s.subject, counted(2));

    await waitFor(() => deliveries.length === 3, { description: 'three deliveries' });
    expect(deliveries).toEqual([1, 2, 3]);
    await settled(s.stream, s.durable);
  });

  it('retries a handler that throws', async () => {
    const deliveries: number[] = [];
    const s = await scenario((message) => {
      deliveries.push(message.deliveryCount);
      if (message.deliveryCount === 1) throw new Error('database briefly away');
      return ack();
    });
    await s.start();
    await publishCloudEvent(fixture.js, s.subject, counted(3));

    await waitFor(() => deliveries.length === 2, { description: 'a second delivery after the throw' });
    expect(deliveries).toEqual([1, 2]);
    await settled(s.stream, s.durable);
  });

  it('retries when a handler returns no outcome (a missing return is a bug, not an ack)', async () => {
    const deliveries: number[] = [];
    const s = await scenario((message) => {
      deliveries.push(message.deliveryCount);
      return (message.deliveryCount === 1 ? undefined : ack()) as ReturnType<typeof ack>;
    });
    await s.start();
    await publishCloudEvent(fixture.js, s.subject, counted(8));

    await waitFor(() => deliveries.length === 2, { description: 'a second delivery' });
    await settled(s.stream, s.durable);
  });

  it('puts a rejected message in the dead letter with the reason, payload, headers and delivery count', async () => {
    const s = await scenario(() => reject('complaint 42 does not exist'));
    await s.start();
    const event = counted(4);
    await publishCloudEvent(fixture.js, s.subject, event);

    const [letter] = await deadLettersOn(fixture, s.deadLetterSubject);
    expect(letter).toMatchObject({
      reason: 'complaint 42 does not exist',
      originalSubject: s.subject,
      stream: s.stream,
      streamSequence: 1,
      consumer: s.durable,
      deliveryCount: 1,
    });
    expect(JSON.parse(Buffer.from(letter?.payloadBase64 ?? '', 'base64').toString('utf8'))).toEqual(event);
    expect(letter?.headers['Nats-Msg-Id']).toEqual([event.id]);
    // Terminated, not left to be redelivered.
    await settled(s.stream, s.durable);
  });

  it('dead-letters a payload that fails its schema, with the zod issues and the exact bytes', async () => {
    const handled: Handled[] = [];
    const s = await scenario((message) => {
      handled.push(message);
      return ack();
    });
    await s.start();
    const bad = new TextEncoder().encode(
      JSON.stringify({ id: 'x', type: 'test.Counted.v1', data: { n: 'two' } }),
    );
    const hdrs = headers();
    hdrs.set('x-origin', 'test');
    await fixture.js.publish(s.subject, bad, { headers: hdrs });
    await fixture.js.publish(s.subject, new TextEncoder().encode('{not json'));

    const letters = await deadLettersOn(fixture, s.deadLetterSubject, 2);
    expect(letters[0]?.reason).toBe('payload does not match its schema');
    expect(letters[0]?.issues).toEqual([expect.objectContaining({ path: 'data.n', code: 'invalid_type' })]);
    expect(Buffer.from(letters[0]?.payloadBase64 ?? '', 'base64')).toEqual(Buffer.from(bad));
    expect(letters[0]?.headers['x-origin']).toEqual(['test']);
    expect(letters[1]?.reason).toMatch(/^payload is not JSON/);
    expect(handled).toHaveLength(0);
    await settled(s.stream, s.durable);
  });

  it('dead-letters a message still failing at the last delivery', async () => {
    const s = await scenario(() => retry(10, 'mail server down'));
    await s.start({ maxDeliver: 3 });
    await publishCloudEvent(fixture.js, s.subject, counted(5));

    const [letter] = await deadLettersOn(fixture, s.deadLetterSubject);
    expect(letter?.reason).toBe('gave up after 3 deliveries: mail server down');
    expect(letter?.deliveryCount).toBe(3);
    await settled(s.stream, s.durable);
  });

  it('dead-letters a handler that keeps throwing after maxHandlerFailures, even with maxDeliver -1, and the messages behind it go through', async () => {
    const handled: number[] = [];
    const s = await scenario((message) => {
      if (message.data.data.n < 0) throw new RangeError('Maximum call stack size exceeded');
      handled.push(message.data.data.n);
      return ack();
    });
    // Room for only the poison: unbounded, it would hold every ack-pending slot forever.
    await s.start({ maxDeliver: -1, maxHandlerFailures: 3, maxAckPending: 20, concurrency: 4, batch: 4 });
    for (let n = 1; n <= 20; n++) await publishCloudEvent(fixture.js, s.subject, counted(-n));
    await publishCloudEvent(fixture.js, s.subject, counted(7));

    const letters = await deadLettersOn(fixture, s.deadLetterSubject, 20);
    expect(letters[0]?.reason).toBe('handler failed 3 times: Maximum call stack size exceeded');
    expect(letters.every((l) => l.deliveryCount === 3)).toBe(true);
    await waitFor(() => handled.includes(7), { description: 'the valid message behind the poison' });
    await settled(s.stream, s.durable);
  });

  it('retries a known transient error without counting it as a failure', async () => {
    let calls = 0;
    const s = await scenario(() => {
      calls++;
      if (calls <= 4) throw new errors.TimeoutError();
      return ack();
    });
    await s.start({ maxDeliver: -1, maxHandlerFailures: 2 });
    await publishCloudEvent(fixture.js, s.subject, counted(1));
    await waitFor(() => calls === 5, { description: 'five attempts, the last acked' });
    await settled(s.stream, s.durable);
  });

  it('dead-letters a payload nested deeper than the contracts allow, or not UTF-8, before the schema sees it', async () => {
    const handled: unknown[] = [];
    const s = await scenario((message) => {
      handled.push(message.data);
      return ack();
    });
    await s.start();
    await fixture.js.publish(s.subject, `${'['.repeat(6_000)}${']'.repeat(6_000)}`);
    await fixture.js.publish(s.subject, new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    const letters = await deadLettersOn(fixture, s.deadLetterSubject, 2);
    expect(letters[0]?.reason).toBe('payload is not JSON: JSON is nested deeper than 64 levels');
    expect(letters[1]?.reason).toMatch(/^payload is not JSON: not valid UTF-8/);
    expect(handled).toHaveLength(0);
  });

  it('counts outcomes in prom-client', async () => {
    const s = await scenario((message) => (message.data.data.n % 2 === 0 ? ack() : reject('odd')));
    await s.start();
    for (const n of [10, 11, 12]) await publishCloudEvent(fixture.js, s.subject, counted(n));
    await deadLettersOn(fixture, s.deadLetterSubject);
    await settled(s.stream, s.durable);

    const metric = await register.getSingleMetric('chp_consumer_messages_total')?.get();
    const value = (outcome: string) =>
      metric?.values.find((v) => v.labels.consumer === s.durable && v.labels.outcome === outcome)?.value;
    expect(value('ack')).toBe(2);
    expect(value('reject')).toBe(1);
  });

  it('stop() finishes and acks in-flight messages, leaving nothing unacked', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: number[] = [];
    const finished: number[] = [];
    const s = await scenario(async (message) => {
      started.push(message.data.data.n);
      await gate;
      finished.push(message.data.data.n);
      return ack();
    });
    // Its own connection, closed right after stop() as a service does on SIGTERM; a long ack_wait
    // keeps any message whose ack was lost pending for the rest of the test.
    const nc = await connect({ servers: fixture.server.url });
    const runner = await s.start({ nc, concurrency: 3, batch: 3, ackWaitMs: 120_000 });
    for (const n of [1, 2, 3]) await publishCloudEvent(fixture.js, s.subject, counted(n));
    await waitFor(() => started.length === 3, { description: 'three handlers in flight' });

    const stopping = runner.stop();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    // Round trips give a stop() that does not wait for its handlers every chance to return early.
    await fixture.nc.flush();
    await fixture.nc.flush();
    expect(stopped).toBe(false);
    release();
    await stopping;
    await nc.close();

    expect(finished.sort()).toEqual([1, 2, 3]);
    const info = await settled(s.stream, s.durable);
    expect(info.ack_floor.stream_seq).toBe(3);
  });
});
