import { randomUUID } from 'node:crypto';
import {
  cloudEventSources,
  complaintStreamName,
  deadLetterSchema,
  type NotificationEvent,
  streams,
  subjects,
  toNotificationCloudEvent,
} from '@chp/contracts';
import { publishCloudEvent } from '@chp/messaging';
import { waitFor } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { NOTIFICATIONS_DURABLE } from '../src/nats/index.js';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nats: true });
});
afterAll(async () => {
  await h?.close();
});

function sent(
  complaintId: string,
  eventId = randomUUID(),
): Extract<NotificationEvent, { type: 'NotificationSent' }> {
  return {
    type: 'NotificationSent',
    data: {
      eventId,
      complaintId,
      template: 'complaint-acknowledged',
      recipient: 'ada@example.com',
      audience: 'customer',
      at: '2026-03-02T09:00:05Z',
      messageId: `<${eventId}@mail.example.com>`,
    },
  };
}

const publish = (event: NotificationEvent, id = randomUUID()) =>
  publishCloudEvent(
    jetstream(h.nc!),
    event.type === 'NotificationSent' ? subjects.notifications.sent : subjects.notifications.failed,
    toNotificationCloudEvent(event, { id, source: cloudEventSources.notifications }),
  );

/** Every message published so far has been handled and settled by the consumer. */
async function consumerIdle(): Promise<void> {
  const jsm = await jetstreamManager(h.nc!);
  await waitFor(
    async () => {
      const info = await jsm.consumers.info(streams.notifications, NOTIFICATIONS_DURABLE);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    },
    { description: 'the notifications consumer to settle every message' },
  );
}

const notifiedEvents = async (complaintId: string) =>
  (await h.store.readStream(complaintStreamName(complaintId))).filter((e) => e.type === 'CustomerNotified');

describe('notifications.events.* consumer', () => {
  it('records CustomerNotified once per notification, however often it is delivered', async () => {
    const { complaintId } = await fileDirectly(h);
    const notificationId = randomUUID();
    const report = sent(complaintId);
    await publish(report, notificationId);
    // Published again past JetStream's dedupe (another msgID): the consumer must see it and ignore it.
    const cloudEvent = toNotificationCloudEvent(report, {
      id: notificationId,
      source: cloudEventSources.notifications,
    });
    await jetstream(h.nc!).publish(subjects.notifications.sent, JSON.stringify(cloudEvent), {
      msgID: randomUUID(),
    });
    await consumerIdle();

    const recorded = await notifiedEvents(complaintId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.data).toMatchObject({
      notificationId,
      eventId: report.data.eventId,
      status: 'sent',
      messageId: report.data.messageId,
    });
    expect(recorded[0]?.metadata).toMatchObject({
      actor: { id: 'notifications', role: 'service' },
      causationId: notificationId,
    });
  });

  it('records a failed notification with its error', async () => {
    const { complaintId } = await fileDirectly(h);
    const failure: NotificationEvent = {
      type: 'NotificationFailed',
      data: { ...sent(complaintId).data, error: '550 mailbox unavailable', permanent: true, attempts: 1 },
    };
    await publish(failure);
    await consumerIdle();

    const [recorded] = await notifiedEvents(complaintId);
    expect(recorded?.data).toMatchObject({
      status: 'failed',
      error: '550 mailbox unavailable',
      permanent: true,
    });
  });

  it('dead-letters a notification about a complaint that does not exist', async () => {
    const missing = randomUUID();
    await publish(sent(missing));
    await consumerIdle();

    const jsm = await jetstreamManager(h.nc!);
    const dead = await jsm.streams.getMessage(streams.deadLetters, {
      last_by_subj: subjects.deadLetters.of('complaints', NOTIFICATIONS_DURABLE),
    });
    const letter = deadLetterSchema.parse(dead?.json());
    expect(letter.reason).toContain(missing);
  });
});
