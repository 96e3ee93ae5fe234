import { streams, subjects } from '@chp/contracts';
import { waitFor } from '@chp/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { notificationsDurable } from '../src/consumer/index.js';
import { messageIdOf, notificationIdOf } from '../src/ids/index.js';
import { ComplaintStory } from './support/events.js';
import { type Harness, harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness({ maxAttempts: 3 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sink.clear();
  h.reports.length = 0;
});

const mailsTo = (address: string) => h.sink.messages.filter((m) => m.envelope.to.includes(address));
const reportsOf = (eventId: string) => h.reports.filter((r) => r.data.eventId === eventId);
const ack = 'complaint-acknowledgement';

/** Waits until every published event is settled (acked or dead-lettered), so that an absence is final. */
const marker = () => h.settled();

async function consumerInfo() {
  return (await jetstreamManager(h.nc)).consumers.info(streams.complaints, notificationsDurable);
}

it('retries a temporary failure (4xx) and sends exactly one email', async () => {
  h.sink.failNext({ code: 451, message: 'Greylisted, try again later' });
  const story = new ComplaintStory();
  const filed = story.filed({ email: 'grey@example.com' });
  await h.publish(filed);
  await waitFor(() => mailsTo('grey@example.com').length === 1, { timeoutMs: 10_000 });
  await waitFor(() => reportsOf(filed.id).length === 1, { timeoutMs: 10_000 });
  await marker();
  expect(mailsTo('grey@example.com')).toHaveLength(1);
  expect(await h.service.sentLog.ofEvent(filed.id)).toMatchObject([
    { status: 'sent', attempts: 2, error: null },
  ]);
  expect(reportsOf(filed.id).map((r) => r.type)).toEqual(['NotificationSent']);
});

it('records a permanent failure (5xx), reports it and does not retry', async () => {
  const before = (await consumerInfo()).num_redelivered;
  h.sink.failNext({ code: 550, message: 'Mailbox unavailable' });
  const story = new ComplaintStory();
  const filed = story.filed({ email: 'gone@example.com' });
  await h.publish(filed);
  await waitFor(() => reportsOf(filed.id).length === 1, { timeoutMs: 10_000 });
  await marker();
  expect(reportsOf(filed.id)).toMatchObject([
    { type: 'NotificationFailed', data: { recipient: 'gone@example.com', permanent: true, attempts: 1 } },
  ]);
  expect(mailsTo('gone@example.com')).toHaveLength(0);
  expect(await h.service.sentLog.ofEvent(filed.id)).toMatchObject([
    { status: 'failed', permanent: true, attempts: 1 },
  ]);
  expect((await consumerInfo()).num_redelivered).toBe(before);
});

it('sends one email when the same event is delivered twice', async () => {
  const story = new ComplaintStory();
  const filed = story.filed({ email: 'twice@example.com' });
  await h.publish(filed);
  await waitFor(() => mailsTo('twice@example.com').length === 1, { timeoutMs: 10_000 });
  // A second copy in the stream (no msgID, so JetStream stores it), as a replay or a relay restart would.
  await h.publishAgain(filed);
  await waitFor(
    async () => (await consumerInfo()).num_ack_pending === 0 && (await consumerInfo()).num_pending === 0,
    {
      timeoutMs: 10_000,
    },
  );
  await marker();
  expect(mailsTo('twice@example.com')).toHaveLength(1);
  expect(await h.service.sentLog.ofEvent(filed.id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
});

it('gives up after the maximum attempts: a failed report and a dead letter', async () => {
  h.sink.failNext({ code: 421, message: 'Service not available' }, 3);
  const story = new ComplaintStory();
  const filed = story.filed({ email: 'flaky@example.com' });
  const jsm = await jetstreamManager(h.nc);
  const lettersBefore = (await jsm.streams.info(streams.deadLetters)).state.messages;
  await h.publish(filed);
  await waitFor(() => reportsOf(filed.id).length === 1, { timeoutMs: 15_000 });
  expect(reportsOf(filed.id)).toMatchObject([
    { type: 'NotificationFailed', data: { permanent: false, attempts: 3 } },
  ]);
  await waitFor(
    async () => (await jsm.streams.info(streams.deadLetters)).state.messages === lettersBefore + 1,
    {
      timeoutMs: 10_000,
    },
  );
  const letter = await jsm.streams.getMessage(streams.deadLetters, {
    last_by_subj: subjects.deadLetters.of('notifications', notificationsDurable),
  });
  expect(letter?.json<{ reason: string }>().reason).toContain('gave up after 3 deliveries');
  await marker();
  expect(mailsTo('flaky@example.com')).toHaveLength(0);
});

describe('a crash between the send and the record (at most once)', () => {
  const intentOf = (story: ComplaintStory, eventId: string, recipient: string) => {
    const key = { eventId, template: ack, recipient };
    return {
      ...key,
      complaintId: story.complaintId,
      audience: 'customer' as const,
      messageId: messageIdOf(key, 'complaints.test'),
      notificationId: notificationIdOf(key),
    };
  };

  it('does not send again an intent older than the lease: it is marked unknown for an operator', async () => {
    const story = new ComplaintStory();
    const filed = story.filed({ email: 'crashed@example.com' });
    // What a process killed mid-send leaves behind: an intent, claimed two minutes ago, without a result.
    await h.service.sentLog.claim(
      intentOf(story, filed.id, 'crashed@example.com'),
      new Date(Date.now() - 120_000),
      60_000,
    );
    await h.publish(filed);
    await waitFor(async () => (await h.service.sentLog.ofEvent(filed.id))[0]?.status === 'unknown', {
      timeoutMs: 10_000,
    });
    await marker();
    expect(mailsTo('crashed@example.com')).toHaveLength(0);
    expect(reportsOf(filed.id)).toEqual([]);
  });

  it('comes back when the lease of an intent in flight runs out, and marks it unknown if still open', async () => {
    const story = new ComplaintStory();
    const filed = story.filed({ email: 'expiring@example.com' });
    // A process that claimed 59 s ago (60 s lease) and died: the event is redelivered meanwhile.
    await h.service.sentLog.claim(
      intentOf(story, filed.id, 'expiring@example.com'),
      new Date(Date.now() - 59_000),
      60_000,
    );
    await h.publish(filed);
    await waitFor(async () => (await h.service.sentLog.ofEvent(filed.id))[0]?.status === 'unknown', {
      timeoutMs: 10_000,
    });
    await marker();
    expect(mailsTo('expiring@example.com')).toHaveLength(0);
  });

  it('waits for an intent still in flight elsewhere and then sends nothing', async () => {
    const story = new ComplaintStory();
    const filed = story.filed({ email: 'inflight@example.com' });
    const intent = intentOf(story, filed.id, 'inflight@example.com');
    // Claimed 52 s ago with a 60 s lease: the copy looks again shortly, then when the lease ends.
    await h.service.sentLog.claim(intent, new Date(Date.now() - 52_000), 60_000);
    const redelivered = (await consumerInfo()).num_redelivered;
    await h.publish(filed);
    await waitFor(async () => (await consumerInfo()).num_redelivered > redelivered, { timeoutMs: 10_000 });
    // The other sender finishes and records its result.
    await h.service.sentLog.recordSent(intent, new Date());
    await waitFor(() => reportsOf(filed.id).length === 1, { timeoutMs: 20_000 });
    expect(reportsOf(filed.id)[0]).toMatchObject({
      type: 'NotificationSent',
      data: { messageId: intent.messageId },
    });
    expect(mailsTo('inflight@example.com')).toHaveLength(0);
  });
});
