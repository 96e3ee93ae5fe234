// A customer's erasure in the read model: on `CustomerDataErased` the complaint's rows are
// re-projected from the feed (which then serves the stand-ins). No table holds the customer's name,
// e-mail or phone; the statistics are unchanged; the rows equal a rebuild's; a repeat changes nothing.
import { type ComplaintEvent, maskPersonalData } from '@chp/contracts';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { type PostgresHandle, postgres } from '@chp/testing';
import { reprojectErased } from '../src/consumer/index.js';
import { toProjectedEvent } from '../src/feed/index.js';
import type { ProjectedEvent } from '../src/projection/index.js';
import { statsOverview } from '../src/query/index.js';
import { applyBatch, liveTables, migrate } from '../src/store/index.js';
import { EventLog, toEnvelope } from './support/events.js';

const ada = {
  name: 'Ada Quinterra',
  email: 'ada.quinterra@example.com',
  phone: '+447700900321',
  preferredLanguage: 'en' as const,
};
const traces = [ada.name, ada.email, ada.phone, 'Quinterra'];

/** The event as the complaints service serves it once the customer's key is deleted. */
const masked = (projected: ProjectedEvent): ProjectedEvent => ({
  ...projected,
  event: {
    ...projected.event,
    data: maskPersonalData(projected.event.type, projected.event.data).masked,
  } as ComplaintEvent,
});

let databases: PostgresHandle[] = [];
const openDb = async (): Promise<SqlDriver> => {
  const database = await postgres({ memory: true });
  databases.push(database);
  const db = await openSqlDriver(database.url);
  await migrate(db);
  return db;
};
afterAll(async () => {
  for (const database of databases) await database.close();
  databases = [];
});

const dump = async (db: SqlDriver, complaintIds: string[]) => ({
  summary: await db.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(s) - 'search' AS row FROM ${liveTables.summary} s WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid) ORDER BY complaint_id`,
    [JSON.stringify(complaintIds)],
  ),
  timeline: await db.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(t) AS row FROM ${liveTables.timeline} t WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid) ORDER BY complaint_id, revision`,
    [JSON.stringify(complaintIds)],
  ),
});

it('masks the customer in every row, keeps the statistics, equals a rebuild, and is idempotent', async () => {
  const db = await openDb();
  const log = new EventLog();
  const open = log
    .complaint({ customer: ada, subject: `Refund for ${ada.name}`, description: `Call ${ada.phone}` })
    .add('NoteAdded', { noteId: crypto.randomUUID(), visibility: 'customer', text: `Dear ${ada.name}` });
  const resolved = log
    .complaint({ customer: ada })
    .add('ComplaintAcknowledged', {})
    .add('CustomerInformationRequested', { requestId: crypto.randomUUID(), question: 'Which card?' })
    .add('CustomerResponded', { message: `It is ${ada.name}'s Visa`, channel: 'email', from: ada.email })
    .add('ComplaintResolved', {
      summary: `Refunded ${ada.name}`,
      outcome: 'upheld',
      remedies: [],
      firstContact: false,
    });
  const closed = log
    .complaint({ customer: ada })
    .add('ComplaintResolved', {
      summary: 'Refunded',
      outcome: 'not_upheld',
      remedies: [],
      firstContact: true,
    })
    .add('ResolutionAccepted', { comment: `Thanks from ${ada.name}` })
    .add('ComplaintClosed', { reason: 'accepted' })
    .add('CustomerNotified', {
      notificationId: crypto.randomUUID(),
      eventId: crypto.randomUUID(),
      template: 'resolution',
      recipient: ada.email,
      audience: 'customer',
      status: 'sent',
      messageId: '<m@x>',
    });
  const other = log.complaint({});
  const ours = [open, resolved, closed];
  const ids = [...ours, other].map((c) => c.id);
  await applyBatch(db, liveTables, log.events);
  const window = { from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' };
  const statsBefore = await Promise.all(
    (['category', 'channel', 'day'] as const).map((groupBy) => statsOverview(db, { ...window, groupBy })),
  );
  expect(JSON.stringify(await dump(db, ids))).toContain(ada.name);

  // The erasure: each complaint of the customer records it; the feed then serves the stand-ins.
  for (const complaint of ours)
    complaint.add('CustomerDataErased', { by: { id: 'admin', role: 'admin' }, reason: 'Asked' });
  const served = (complaintId: string) =>
    log.events
      .filter((e) => e.complaintId === complaintId)
      .map((e) => toProjectedEvent(toEnvelope(ours.some((c) => c.id === complaintId) ? masked(e) : e)));
  const feed = {
    read: async () => ({ events: [], next: null }),
    readComplaint: async (complaintId: string) => served(complaintId),
  };
  await applyBatch(
    db,
    liveTables,
    ours.map((c) => c.last),
  );
  for (const complaint of ours) await reprojectErased(db, feed, liveTables, complaint.id);

  const after = await dump(db, ids);
  for (const trace of traces) expect(JSON.stringify(after)).not.toContain(trace);
  expect(JSON.stringify(after)).toContain('Ann Example'); // the other customer stays
  const statsAfter = await Promise.all(
    (['category', 'channel', 'day'] as const).map((groupBy) => statsOverview(db, { ...window, groupBy })),
  );
  expect(statsAfter).toEqual(statsBefore);

  // A rebuild (everything from the feed, into fresh tables) gives the same rows.
  const rebuilt = await openDb();
  await applyBatch(rebuilt, liveTables, ids.flatMap(served));
  expect(await dump(rebuilt, ids)).toEqual(after);

  // Idempotent.
  for (const complaint of ours) await reprojectErased(db, feed, liveTables, complaint.id);
  expect(await dump(db, ids)).toEqual(after);
});
