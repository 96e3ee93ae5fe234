import { waitFor } from '@chp/testing';
import { SendSlots } from '../src/delivery/index.js';
import { smtpMailer } from '../src/sending/index.js';
import { ComplaintStory } from './support/events.js';
import { type Harness, harness } from './support/harness.js';
import { gatedMailer } from './support/mailers.js';

describe('SendSlots', () => {
  it('hands out its slots, then queues callers in order; a release is counted once', async () => {
    const slots = new SendSlots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const c = slots.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = slots.acquire().then((release) => {
      order.push('d');
      return release;
    });
    expect(slots.inUse).toBe(2);
    expect(slots.waitingCount).toBe(2);
    a();
    a(); // twice: still one slot
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(slots.inUse).toBe(0);
    expect(() => new SendSlots(0)).toThrow(RangeError);
  });
});

let h: Harness;
let held: ReturnType<typeof gatedMailer>;
beforeAll(async () => {
  h = await harness({
    concurrency: 8,
    sendSlots: 2,
    mailer: (url) => {
      held = gatedMailer(smtpMailer({ url, maxConnections: 2, rateLimitPerSecond: 10_000 }));
      return held.mailer;
    },
  });
});
afterAll(async () => {
  await h?.close();
});

const count = async (sql: string) => Number((await h.storage.query<{ n: string }>(sql))[0]?.n);

it('claims only as many messages as it has send slots, so a crash can cut off no more sends than that', async () => {
  const stories = Array.from({ length: 6 }, () => new ComplaintStory());
  for (const [i, story] of stories.entries()) {
    await h.publish(story.filed({ email: `slot-${i}-${story.complaintId.slice(0, 8)}@example.com` }));
  }
  // Every handler has learned its complaint (the step before its delivery), two sends are held.
  await waitFor(
    async () =>
      held.begun() === 2 && (await count('SELECT count(*)::text AS n FROM notification_directory')) === 6,
    { timeoutMs: 15_000, description: () => 'six complaints learned and two sends begun' },
  );
  // The other four wait for a slot without an intent: only two rows are `sending`.
  await waitFor(async () => (await count('SELECT count(*)::text AS n FROM notification_sent_log')) >= 2, {
    timeoutMs: 5_000,
  });
  expect(await count("SELECT count(*)::text AS n FROM notification_sent_log WHERE status = 'sending'")).toBe(
    2,
  );
  expect(await count('SELECT count(*)::text AS n FROM notification_sent_log')).toBe(2);
  expect(held.begun()).toBe(2);

  held.release();
  await h.sink.waitForMessages(6, 15_000);
  await h.settled();
  expect(await count("SELECT count(*)::text AS n FROM notification_sent_log WHERE status = 'sent'")).toBe(6);
  expect(new Set(h.sink.messages.map((m) => m.parsed.messageId)).size).toBe(6);
}, 60_000);
