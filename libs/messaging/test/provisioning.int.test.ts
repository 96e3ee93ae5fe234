import { streams, subjects } from '@chp/contracts';
import {
  ensureConsumer,
  ensurePlatformStreams,
  ensureStream,
  ProvisioningError,
  personalDataMaxAgeMs,
  platformStreamSpecs,
} from '@chp/messaging';
import { AckPolicy, DeliverPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { type NatsFixture, startNats, stopNats, uniqueName } from './support';

let fixture: NatsFixture;

beforeAll(async () => {
  fixture = await startNats();
});
afterAll(async () => {
  await stopNats(fixture);
});

describe('ensureStream', () => {
  it('creates, then leaves alone, then updates what differs', async () => {
    const name = uniqueName('ENS');
    const spec = { name, subjects: [`t.${name}.a`, `t.${name}.b`], duplicate_window: nanos(60_000) };

    expect((await ensureStream(fixture.jsm, spec)).action).toBe('created');
    // Subject order does not matter.
    expect(
      (await ensureStream(fixture.jsm, { ...spec, subjects: [...spec.subjects].reverse() })).action,
    ).toBe('unchanged');
    const updated = await ensureStream(fixture.jsm, { ...spec, max_msgs: 1_000 });

    expect(updated.action).toBe('updated');
    expect(updated.info.config).toMatchObject({ max_msgs: 1_000, duplicate_window: nanos(60_000) });
  });

  it('refuses, with a clear error, a change the server cannot make', async () => {
    const name = uniqueName('ENS');
    await ensureStream(fixture.jsm, { name, subjects: [`t.${name}.>`], storage: StorageType.File });

    const attempt = ensureStream(fixture.jsm, {
      name,
      subjects: [`t.${name}.>`],
      storage: StorageType.Memory,
    });

    await expect(attempt).rejects.toThrow(ProvisioningError);
    await expect(attempt).rejects.toThrow(/cannot update stream .* \(storage differ\)/);
  });
});

describe('ensureConsumer', () => {
  it('creates a durable pull consumer with one filter subject, then updates its ack wait', async () => {
    const stream = uniqueName('ENS');
    await ensureStream(fixture.jsm, { name: stream, subjects: [`t.${stream}.>`] });
    const spec = {
      durable_name: uniqueName('c'),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `t.${stream}.x`,
      ack_wait: nanos(10_000),
      max_deliver: 5,
    };

    expect((await ensureConsumer(fixture.jsm, stream, spec)).action).toBe('created');
    expect((await ensureConsumer(fixture.jsm, stream, spec)).action).toBe('unchanged');
    const updated = await ensureConsumer(fixture.jsm, stream, { ...spec, ack_wait: nanos(20_000) });

    expect(updated.action).toBe('updated');
    expect(updated.info.config).toMatchObject({ ack_wait: nanos(20_000), filter_subject: `t.${stream}.x` });
  });

  it('refuses several filter subjects, which need nats-server 2.10', async () => {
    await expect(
      ensureConsumer(fixture.jsm, 'ANY', { durable_name: 'c', filter_subjects: ['a', 'b'] }),
    ).rejects.toThrow(/several filter subjects need nats-server 2.10/);
  });

  it('explains a change the server cannot make', async () => {
    const stream = uniqueName('ENS');
    await ensureStream(fixture.jsm, { name: stream, subjects: [`t.${stream}.>`] });
    const spec = {
      durable_name: uniqueName('c'),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    };
    await ensureConsumer(fixture.jsm, stream, spec);

    await expect(
      ensureConsumer(fixture.jsm, stream, { ...spec, deliver_policy: DeliverPolicy.New }),
    ).rejects.toThrow(/cannot update consumer .* \(deliver_policy differ\)/);
  });
});

describe('ensurePlatformStreams', () => {
  it('provisions the streams named in the contracts, idempotently', async () => {
    // startNats() already ran it once.
    const results = await ensurePlatformStreams(fixture.jsm);

    expect(Object.keys(results).sort()).toEqual(Object.values(streams).sort());
    for (const result of Object.values(results)) {
      expect(result.action).toBe('unchanged');
      expect(result.info.config).toMatchObject({
        storage: StorageType.File,
        duplicate_window: nanos(120_000),
      });
    }
    expect(results[streams.deadLetters]?.info.config.subjects).toEqual(['*.dead.>']);
    const ack = await fixture.js.publish(subjects.intake.dead('web'), '{}');
    expect(ack.stream).toBe(streams.deadLetters);
  });

  it('takes a longer dedupe window and rejects one out of range', async () => {
    const updated = await ensurePlatformStreams(fixture.jsm, { duplicateWindowMs: 24 * 60 * 60 * 1_000 });
    expect(updated[streams.complaints]?.action).toBe('updated');
    // Back to the default, for whoever shares this server.
    expect((await ensurePlatformStreams(fixture.jsm))[streams.complaints]?.action).toBe('updated');
    expect(() => platformStreamSpecs({ duplicateWindowMs: 25 * 60 * 60 * 1_000 })).toThrow(
      /duplicateWindowMs/,
    );
    expect(() => platformStreamSpecs({ replicas: 0 })).toThrow(/replicas/);
  });

  it('limits the age of every stream that holds personal data, and takes another limit', async () => {
    const results = await ensurePlatformStreams(fixture.jsm);
    for (const [name, ms] of Object.entries(personalDataMaxAgeMs)) {
      expect(results[name]?.info.config.max_age).toBe(nanos(ms));
    }
    expect(results[streams.intake]?.info.config.max_age).toBe(nanos(7 * 86_400_000));
    const updated = await ensurePlatformStreams(fixture.jsm, {
      maxAgeMs: { [streams.complaints]: 86_400_000 },
    });
    expect(updated[streams.complaints]?.info.config.max_age).toBe(nanos(86_400_000));
    expect((await ensurePlatformStreams(fixture.jsm))[streams.complaints]?.action).toBe('updated');
    expect(() => platformStreamSpecs({ maxAgeMs: { [streams.intake]: -1 } })).toThrow(/maxAgeMs/);
  });
});
