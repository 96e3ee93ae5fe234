// The operators' decisions on `unknown` sent-log rows (maybe sent): taken once, recorded, and a
// resend goes through the claim protocol, so that two clicks still give one send.
import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '@chp/eventstore';
import { type PostgresHandle, postgres } from '@chp/testing';
import { messageIdOf, notificationIdOf } from '../src/ids/index.js';
import { type Intent, SentLog } from '../src/sent-log/index.js';
import { openStorage, sentLogSchema } from '../src/storage/index.js';

const lease = 60_000;
const intentOf = (): Intent => {
  const key = {
    eventId: randomUUID(),
    template: 'complaint-acknowledgement',
    recipient: `r-${randomUUID()}@example.com`,
  };
  return {
    ...key,
    complaintId: randomUUID(),
    audience: 'customer',
    messageId: messageIdOf(key, 'complaints.test'),
    notificationId: notificationIdOf(key),
  };
};

describe.each(['auto', 'pglite'] as const)('settling unknown e-mails on %s', (use) => {
  let db: PostgresHandle;
  let storage: SqlDriver;
  let log: SentLog;
  beforeAll(async () => {
    db = await postgres({ use });
    storage = await openStorage(db.url);
    // Twice: the schema script (with its new column) runs at every start.
    await storage.exec(sentLogSchema);
    log = new SentLog(storage);
  });
  afterAll(async () => {
    await storage?.close();
    await db?.close();
  });

  /** A send whose process died between the SMTP send and the record: `unknown` after the lease. */
  async function unknownRow(): Promise<Intent> {
    const intent = intentOf();
    const start = new Date('2026-03-02T09:00:00Z');
    expect((await log.claim(intent, start, lease)).kind).toBe('claimed');
    expect((await log.claim(intent, new Date(start.getTime() + lease + 1), lease)).kind).toBe('abandoned');
    return intent;
  }

  it('lists unknown rows with complaint and template; a resend clicked twice is decided once and sent once', async () => {
    const intent = await unknownRow();
    const listed = (await log.unsettled(100)).find((e) => e.eventId === intent.eventId);
    expect(listed).toMatchObject({
      status: 'unknown',
      complaintId: intent.complaintId,
      template: 'complaint-acknowledgement',
      decisions: [],
    });

    const at = '2026-03-02T10:00:00.000Z';
    const clicks = await Promise.all([
      log.decide(intent, { action: 'resend', by: 'admin-ann', at }),
      log.decide(intent, { action: 'resend', by: 'admin-bob', at }),
    ]);
    expect(clicks.filter((c) => c?.decided)).toHaveLength(1);
    const decided = await log.get(intent);
    expect(decided?.status).toBe('retrying');
    expect(decided?.decisions).toHaveLength(1);
    expect(decided?.decisions[0]).toMatchObject({ action: 'resend', at });

    // The next delivery of the event claims the row once; a second finds it in flight, then settled.
    const now = new Date('2026-03-02T10:00:01Z');
    const claims = await Promise.all([log.claim(intent, now, lease), log.claim(intent, now, lease)]);
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    await log.recordSent(intent, now);
    expect((await log.claim(intent, new Date('2026-03-02T10:05:00Z'), lease)).kind).toBe('settled');
    expect(await log.get(intent)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a row delivered after the SMTP log was checked, once, and keeps the decision in the list', async () => {
    const intent = await unknownRow();
    const at = '2026-03-02T11:00:00.000Z';
    const first = await log.decide(intent, { action: 'marked_delivered', by: 'admin-ann', at });
    expect(first).toMatchObject({ decided: true, entry: { status: 'sent' } });
    const again = await log.decide(intent, { action: 'resend', by: 'admin-bob', at });
    expect(again).toMatchObject({ decided: false, entry: { status: 'sent' } });
    const listed = (await log.unsettled(100)).find((e) => e.eventId === intent.eventId);
    expect(listed).toMatchObject({
      status: 'sent',
      decisions: [{ action: 'marked_delivered', by: 'admin-ann', at }],
    });
    expect(await log.decide(intentOf(), { action: 'resend', by: 'x', at })).toBeUndefined();
  });
});
