import { waitFor } from '@chp/testing';
import { smtpMailer } from '../src/sending/index.js';
import { ComplaintStory } from './support/events.js';
import { type Harness, harness } from './support/harness.js';
import { gatedMailer } from './support/mailers.js';

let h: Harness;
let gated: ReturnType<typeof gatedMailer>;
beforeAll(async () => {
  h = await harness({
    concurrency: 8,
    ackWaitMs: 5_000,
    maxAttempts: 10,
    mailer: (url) => {
      gated = gatedMailer(smtpMailer({ url, maxConnections: 4, rateLimitPerSecond: 10_000 }), 5);
      return gated.mailer;
    },
  });
});
afterAll(async () => {
  await h?.close();
});

it('loses nothing and duplicates nothing when the service restarts in the middle of a batch', async () => {
  const stories = Array.from({ length: 40 }, () => new ComplaintStory());
  const emails = stories.map((s) => `batch-${s.complaintId.slice(0, 8)}@example.com`);
  for (const [i, story] of stories.entries()) await h.publish(story.filed({ email: emails[i] }));
  await h.sink.waitForMessages(5);
  // Sends are now held mid-batch: handlers in flight, more messages buffered. Stop (which waits for
  // the handlers in flight and hands the buffered ones back), let the held sends finish, start again.
  const restarting = h.restart();
  gated.release();
  await restarting;
  expect(h.sink.messages.length).toBeLessThan(40);

  // Messages the server pushed to the stopping pull come back after the ack wait (5 s here).
  await h.sink.waitForMessages(40, 30_000);
  // A redelivered message republishes its report (same id), so count distinct notifications, not reports.
  const reported = () => new Set(h.reports.map((r) => `${r.data.eventId}/${r.data.recipient}`));
  await waitFor(() => reported().size >= 40, {
    timeoutMs: 10_000,
    description: () => `${reported().size} of 40 reported`,
  });
  for (const email of emails) {
    expect(h.sink.messages.filter((m) => m.envelope.to.includes(email))).toHaveLength(1);
  }
  const ids = h.sink.messages.map((m) => m.parsed.messageId);
  expect(new Set(ids).size).toBe(40);
  // Reports carry stable ids: however often one was published, each notification is reported once.
  expect(reported().size).toBe(40);
}, 60_000);
