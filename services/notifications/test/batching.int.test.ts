import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor } from '@chp/eventstore';
import { type PostgresHandle, postgres } from '@chp/testing';
import { Directory } from '../src/directory/index.js';
import { messageIdOf, notificationIdOf } from '../src/ids/index.js';
import { type Intent, recordSentSql, SentLog } from '../src/sent-log/index.js';
import { openStorage } from '../src/storage/index.js';

/** The storage, counting the statements sent through it. */
function counted(db: SqlExecutor) {
  const statements: string[] = [];
  const executor: SqlExecutor = {
    query: (sql, params, name) => {
      statements.push(name ?? sql);
      return db.query(sql, params, name);
    },
    exec: (script) => db.exec(script),
  };
  return { executor, statements };
}

const intentOf = (
  eventId: string = randomUUID(),
  recipient = `r-${eventId.slice(0, 8)}@example.com`,
): Intent => {
  const key = { eventId, template: 'complaint-acknowledgement', recipient };
  return {
    ...key,
    complaintId: randomUUID(),
    audience: 'customer',
    messageId: messageIdOf(key, 'complaints.test'),
    notificationId: notificationIdOf(key),
  };
};

describe.each(['auto', 'pglite'] as const)('the sent log and the directory on %s', (use) => {
  let db: PostgresHandle;
  let storage: SqlDriver;
  beforeAll(async () => {
    db = await postgres({ use });
    storage = await openStorage(db.url);
  });
  afterAll(async () => {
    await storage?.close();
    await db?.close();
  });

  it('claims and records concurrent messages in a few statements, each as if alone', async () => {
    const { executor, statements } = counted(storage);
    const log = new SentLog(executor);
    const now = new Date();
    const intents = Array.from({ length: 40 }, () => intentOf());
    // The same message twice at once (two copies of one event): one claims, the other finds it in flight.
    const twin = intents[0] as Intent;
    const claims = await Promise.all([...intents, twin].map((intent) => log.claim(intent, now, 60_000)));
    expect(claims.slice(0, 40).every((c) => c.kind === 'claimed' && c.attempts === 1)).toBe(true);
    expect(claims[40]?.kind).toBe('in_flight');
    // One batch, a second for the twin (then its look at the row); not 41 inserts.
    expect(statements.filter((s) => s === 'sent_log_claim_new_batch').length).toBeLessThanOrEqual(3);

    statements.length = 0;
    const notClaimed = intentOf();
    const results = await Promise.allSettled(
      [...intents, notClaimed].map((intent) => log.recordSent(intent, now)),
    );
    expect(results.slice(0, 40).every((r) => r.status === 'fulfilled')).toBe(true);
    // A result for a message nobody claimed is refused, and only that one.
    expect(results[40]).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/not in 'sending'/) },
    });
    expect(statements.length).toBeLessThanOrEqual(4);
    const rows = await Promise.all(intents.map((intent) => log.get(intent)));
    expect(rows.map((row) => row?.status)).toEqual(intents.map(() => 'sent'));
    expect(await log.get(notClaimed)).toBeUndefined();
    // A second result for a sent message is refused as before.
    await expect(log.recordSent(twin, now)).rejects.toThrow(/not in 'sending'/);
  });

  it('fails only the caller whose input breaks the statement', async () => {
    const log = new SentLog(storage);
    const good = Array.from({ length: 5 }, () => intentOf());
    const bad = { ...intentOf(), eventId: 'not-a-uuid' };
    const results = await Promise.allSettled(
      [...good, bad].map((intent) => log.claim(intent, new Date(), 60_000)),
    );
    expect(results.slice(0, 5).map((r) => r.status === 'fulfilled' && r.value.kind)).toEqual(
      good.map(() => 'claimed'),
    );
    expect(results[5]?.status).toBe('rejected');
  });

  it('matches an event id PostgreSQL prints differently (upper case) to its row', async () => {
    const log = new SentLog(storage);
    const intent = intentOf(randomUUID().toUpperCase());
    expect(await log.claim(intent, new Date(), 60_000)).toEqual({ kind: 'claimed', attempts: 1 });
    await log.recordSent(intent, new Date());
    expect(await log.get(intent)).toMatchObject({ status: 'sent' });
  });

  it('remembers concurrent filings in one statement; the same complaint twice keeps the later', async () => {
    const { executor, statements } = counted(storage);
    const directory = new Directory(executor);
    const customer = { name: 'Ada', email: 'ada@example.com', preferredLanguage: 'en' as const };
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const same = ids[0] as string;
    await Promise.all([
      ...ids.map((complaintId) => directory.remember({ complaintId, reference: 'C-AAAA-AAAA', customer })),
      directory.remember({
        complaintId: same,
        reference: 'C-BBBB-BBBB',
        customer: { ...customer, name: 'Ada L.' },
      }),
    ]);
    expect(statements.length).toBeLessThanOrEqual(3);
    expect(await directory.find(same)).toMatchObject({
      reference: 'C-BBBB-BBBB',
      customer: { name: 'Ada L.' },
    });
    expect((await Promise.all(ids.map((id) => directory.find(id)))).every(Boolean)).toBe(true);
  });

  it('writes in a corrected language from then on, whatever order the events come in', async () => {
    const directory = new Directory(storage);
    const complaintId = randomUUID();
    const customer = { name: 'Anna', email: 'anna@example.lv', preferredLanguage: 'en' as const };
    const filing = { complaintId, reference: 'C-CCCC-CCCC', customer };
    expect(await directory.correctLanguage(complaintId, 'lv', 3)).toBe(false); // not filed here yet
    await directory.remember(filing);
    expect(await directory.correctLanguage(complaintId, 'lv', 3)).toBe(true);
    expect(await directory.correctLanguage(complaintId, 'ru', 2)).toBe(true); // an older correction, late
    await directory.remember(filing); // the filing redelivered
    expect((await directory.find(complaintId))?.customer).toMatchObject({
      name: 'Anna',
      preferredLanguage: 'lv',
    });
    await directory.correctLanguage(complaintId, 'ro', 5);
    expect((await directory.find(complaintId))?.customer.preferredLanguage).toBe('ro');
  });

  it('records sends by primary-key lookups whatever the statistics say (a young, never-analysed log)', async () => {
    // 20,000 rows the planner has no statistics for, and the generic plan a named statement keeps.
    await storage.exec(`INSERT INTO notification_sent_log
        (event_id, template, recipient, complaint_id, audience, message_id, notification_id, status, attempts)
      SELECT gen_random_uuid(), 'complaint-acknowledgement', 'bulk-' || g || '@example.com', 'c', 'customer',
        'm', gen_random_uuid(), 'sent', 1 FROM generate_series(1, 20000) AS g`);
    const plan = await storage.transaction(async (tx) => {
      await tx.exec(`SET LOCAL plan_cache_mode = force_generic_plan;
        PREPARE record_sent_probe(jsonb) AS ${recordSentSql}`);
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE record_sent_probe('[{"event_id":"${randomUUID()}","template":"t","recipient":"r","finished_at":"2026-01-01T00:00:00Z"}]')`,
      );
      await tx.exec('DEALLOCATE record_sent_probe');
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using notification_sent_log_pkey/);
    expect(plan).not.toMatch(/Seq Scan on notification_sent_log/);
    // And it still records: a claimed send becomes sent, once.
    const log = new SentLog(storage);
    const intent = intentOf();
    await log.claim(intent, new Date(), 60_000);
    await log.recordSent(intent, new Date());
    expect((await log.get(intent))?.status).toBe('sent');
    await expect(log.recordSent(intent, new Date())).rejects.toThrow();
  });
});
