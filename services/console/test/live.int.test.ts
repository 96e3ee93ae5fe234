// The live feed against a real nats-server: complaint events published on the COMPLAINTS stream reach
// `GET /api/events` as server-sent events with the stream sequence as id; a reconnecting browser
// catches up from Last-Event-ID, one too far behind is told to reset; without NATS the console keeps
// serving (no crash, a clear log line). The session and roles in front of the route are tested in
// sign-in.int.test.ts with the real provider.

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { natsInboxPrefix } from '@chp/contracts';
import { connect, ensurePlatformStreams } from '@chp/messaging';
import { createLogger } from '@chp/platform';
import { freePort, type NatsHandle, type NatsTestCredentials, nats } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LiveFeed, liveEventsRoute } from '../server/live.js';

const logLines: string[] = [];
const logger = createLogger({
  service: 'console-test',
  level: 'info',
  destination: { write: (line: string) => void logLines.push(line) },
});

/** An app with only the route, listening on a free port; closed by the returned function. */
async function serve(live: LiveFeed | undefined) {
  const app = express();
  app.get('/api/events', liveEventsRoute(live));
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Reads an event stream until `done` holds for what has arrived, then disconnects. */
async function readEvents(url: string, done: (text: string) => boolean, lastEventId?: string) {
  const abort = new AbortController();
  const response = await fetch(url, {
    signal: abort.signal,
    headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 10_000;
  while (!done(text)) {
    if (Date.now() > deadline) throw new Error(`no matching events within 10 s; got ${JSON.stringify(text)}`);
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  abort.abort();
  return text;
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether the feed has seen sequence `seq` (then a browser at `seq` has nothing to catch up). */
function seen(live: LiveFeed, seq: number): boolean {
  const subscription = live.subscribe(
    () => undefined,
    seq,
    () => undefined,
  );
  subscription.unsubscribe();
  return !subscription.reset;
}

const eventsIn = (text: string) =>
  [...text.matchAll(/id: (\d+)\nevent: complaint\ndata: (.+)\n\n/g)].map((m) => ({
    seq: Number(m[1]),
    ...(JSON.parse(m[2] ?? '{}') as { complaintId: string; type: string; revision: number }),
  }));

describe('live updates without NATS', () => {
  test('the feed logs that live updates are off and the route still answers', async () => {
    const port = await freePort();
    const live = new LiveFeed({ nats: { servers: [`nats://127.0.0.1:${port}`] }, logger });
    live.start();
    const app = await serve(live);
    try {
      const text = await readEvents(app.url, (t) => t.includes('retry: 2000'));
      expect(text).toContain('retry: 2000');
      await expect.poll(() => logLines.join('')).toContain('live updates are off');
      expect(live.connected).toBe(false);
    } finally {
      await live.stop();
      await app.close();
    }
  });
});

describe('live updates from complaints.events.>', () => {
  let server: NatsHandle;
  let nc: NatsConnection;
  let live: LiveFeed;
  let app: Awaited<ReturnType<typeof serve>>;
  const complaintId = randomUUID();

  const publish = async (type: string, revision: number) => {
    const ack = await jetstream(nc).publish(
      `complaints.events.${type}`,
      JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        type: `complaints.${type}.v1`,
        source: '/complaints',
        subject: complaintId,
        streamrevision: revision,
        data: { customer: { name: 'never sent to browsers' } },
      }),
    );
    return ack.seq;
  };

  beforeAll(async () => {
    server = await nats();
    nc = await connect({ servers: server.url });
    await ensurePlatformStreams(await jetstreamManager(nc));
    // Before the console starts: not part of its feed (it follows new events only).
    await publish('ComplaintFiled', 0);
    live = new LiveFeed({
      nats: { servers: [server.url], inboxPrefix: natsInboxPrefix('console'), ...consoleAuth(server) },
      logger,
      replay: 3,
    });
    live.start();
    await until(() => live.connected, 'the feed follows the stream');
    app = await serve(live);
  });

  afterAll(async () => {
    await live?.stop();
    await app?.close();
    await nc?.close();
    await server?.stop();
  });

  test('an event reaches the browser with its stream sequence as id and no personal data', async () => {
    const reading = readEvents(app.url, (t) => eventsIn(t).length >= 1);
    // The route is subscribed once its first bytes are out; give it that moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seq = await publish('ComplaintAcknowledged', 1);
    const text = await reading;
    expect(eventsIn(text)).toEqual([
      { seq, complaintId, type: 'complaints.ComplaintAcknowledged.v1', revision: 1 },
    ]);
    expect(text).not.toContain('never sent to browsers');
  });

  test('a browser that reconnects gets what it missed after its Last-Event-ID', async () => {
    const first = await publish('ComplaintTriaged', 2);
    const second = await publish('ComplaintAssigned', 3);
    await until(() => seen(live, second), 'the feed has seen both');
    const text = await readEvents(app.url, (t) => eventsIn(t).length >= 2, String(first - 1));
    expect(eventsIn(text).map((e) => e.seq)).toEqual([first, second]);
  });

  test('one further behind than the kept events is told to reset', async () => {
    // Three are kept; the ComplaintFiled (sequence 1) was never seen by the feed.
    const text = await readEvents(app.url, (t) => t.includes('event: reset'), '0');
    expect(text).toContain('event: reset');
    expect(eventsIn(text)).toEqual([]);
  });
});

/** The console's own NATS user on the test server: the live feed reads as the console does in production. */
function consoleAuth(server: NatsHandle): { auth?: NatsTestCredentials } {
  const credentials = server.credentials('console');
  return credentials ? { auth: credentials } : {};
}
