import { randomUUID } from 'node:crypto';
import { type DeadLetter, deadLetterSchema, streams } from '@chp/contracts';
import { ensurePlatformStreams } from '@chp/messaging';
import { type NatsHandle, nats, waitFor } from '@chp/testing';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface NatsFixture {
  server: NatsHandle;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** A real nats-server for this test file (or NATS_URL), a connection, and the platform streams. */
export async function startNats(): Promise<NatsFixture> {
  const server = await nats();
  const nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const jsm = await jetstreamManager(nc);
  await ensurePlatformStreams(jsm);
  return { server, nc, js: jetstream(nc), jsm };
}

export async function stopNats(fixture: NatsFixture | undefined): Promise<void> {
  if (!fixture) return;
  await fixture.nc.close();
  await fixture.server.stop();
}

/** A name no other test (or a shared NATS_URL server) uses: letters and digits only. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** Waits until `count` dead letters were published to `subject`, and returns them parsed. */
export async function deadLettersOn(fixture: NatsFixture, subject: string, count = 1): Promise<DeadLetter[]> {
  await waitFor(
    async () => {
      const info = await fixture.jsm.streams.info(streams.deadLetters, { subjects_filter: subject });
      return (info.state.subjects?.[subject] ?? 0) >= count;
    },
    { description: `${count} dead letter(s) on ${subject}` },
  );
  // An ordered consumer on the one subject skips other tests' letters (a NATS_URL server may hold many).
  const consumer = await fixture.js.consumers.get(streams.deadLetters, { filter_subjects: subject });
  const letters: DeadLetter[] = [];
  for await (const msg of await consumer.fetch({ max_messages: count, expires: 5_000 })) {
    letters.push(deadLetterSchema.parse(msg.json()));
  }
  return letters;
}

/** A stream of its own for one test, on `t.<name>.>` (two tokens, so it cannot overlap `*.dead.>`). */
export async function testStream(
  fixture: NatsFixture,
  name: string,
): Promise<{ stream: string; subject: string }> {
  await fixture.jsm.streams.add({ name, subjects: [`t.${name}.>`] });
  return { stream: name, subject: `t.${name}.events` };
}
