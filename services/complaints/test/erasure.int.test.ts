// Erasure by crypto-shredding through the running API: a customer with three complaints in
// different statuses is erased; the event store's bytes hold none of their name, e-mail or phone
// (nor ever did in clear), the API shows the stand-ins, another customer is untouched, and erasing
// again appends nothing.
import { complaintStreamName, ERASED_EMAIL, ERASED_TEXT } from '@chp/contracts';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

const ada = {
  name: 'Ada Quinterra',
  email: 'ada.quinterra@example.com',
  phone: '+447700900321',
  preferredLanguage: 'en' as const,
};
const bob = { name: 'Bob Vantablack', email: 'bob.vantablack@example.com', preferredLanguage: 'en' as const };
const adaTexts = [ada.name, ada.email, ada.phone, 'Quinterra', 'quinterra'];

let h: Harness;
let sql: SqlDriver;
beforeAll(async () => {
  h = await startHarness({ start: '2026-03-02T09:00:00Z' });
  sql = await openSqlDriver(h.databaseUrl);
});
afterAll(async () => {
  await sql?.close();
  await h?.close();
});

/** Every byte of the events table, as text. */
const eventBytes = async (): Promise<string> =>
  (await sql.query<{ row: string }>('SELECT (e.*)::text AS row FROM es_events e'))
    .map((r) => r.row)
    .join('\n');

const eventCount = async (complaintId: string) =>
  (await h.store.readStream(complaintStreamName(complaintId))).length;

it("erases a customer's three complaints, leaving no trace of their name, e-mail or phone", async () => {
  const admin = h.as('admin');
  const agent = h.as('agent');
  const received = await fileDirectly(h, { customer: ada });
  const resolved = await fileDirectly(h, { customer: { ...ada, email: 'Ada.Quinterra@Example.com' } });
  const closed = await fileDirectly(h, { customer: ada });
  const other = await fileDirectly(h, { customer: bob });
  const step = async (id: string, path: string, body?: unknown, who = agent) =>
    expect((await who.post(`/v1/complaints/${id}/${path}`, body)).status).toBe(200);
  for (const id of [resolved.complaintId, closed.complaintId]) {
    await step(id, 'acknowledge');
    await step(id, 'add-note', {
      visibility: 'customer',
      text: `Dear ${ada.name}, we call you on ${ada.phone}.`,
    });
    await step(id, 'resolve', {
      summary: `Refunded ${ada.name}.`,
      outcome: 'upheld',
      remedies: [],
      firstContact: false,
    });
  }
  await step(closed.complaintId, 'accept-resolution', { source: 'by phone', comment: `Thanks, ${ada.name}` });
  await step(closed.complaintId, 'close', { reason: 'accepted' });

  // Encrypted at rest from the start: the bytes never held the customers' data in clear.
  const before = await eventBytes();
  for (const text of [...adaTexts, bob.name, bob.email]) expect(before).not.toContain(text);
  expect((await agent.get(`/v1/complaints/${resolved.complaintId}`)).body.state).toMatchObject({
    customer: { name: ada.name, phone: ada.phone },
  });

  // Admins only.
  expect(
    (await agent.post(`/v1/complaints/${received.complaintId}/erase-customer-data`, { reason: 'x' })).status,
  ).toBe(403);
  const erased = await admin.post(`/v1/complaints/${received.complaintId}/erase-customer-data`, {
    reason: 'The customer asked to be forgotten.',
  });
  expect(erased.status).toBe(200);

  // Every complaint of the customer records the erasure and reads the stand-ins.
  for (const { complaintId } of [received, resolved, closed]) {
    const { body } = await agent.get(`/v1/complaints/${complaintId}`);
    const state = body.state as Record<string, unknown>;
    expect(state.customer).toEqual({ name: ERASED_TEXT, email: ERASED_EMAIL, preferredLanguage: 'en' });
    expect(state.description).toBe(ERASED_TEXT);
    expect(typeof state.personalDataErasedAt).toBe('string');
    const events = await h.store.readStream(complaintStreamName(complaintId));
    expect(events.at(-1)?.type).toBe('CustomerDataErased');
    const text = JSON.stringify(events.map((e) => e.data));
    for (const t of adaTexts) expect(text).not.toContain(t);
    const audit = JSON.stringify((await agent.get(`/v1/complaints/${complaintId}/events`)).body);
    for (const t of adaTexts) expect(audit).not.toContain(t);
  }
  // Statuses and outcomes stay.
  expect(
    ((await agent.get(`/v1/complaints/${closed.complaintId}`)).body.state as { status: string }).status,
  ).toBe('closed');
  expect(
    (
      (await agent.get(`/v1/complaints/${resolved.complaintId}`)).body.state as {
        resolution: { outcome: string };
      }
    ).resolution.outcome,
  ).toBe('upheld');

  // The other customer still reads in full.
  expect((await agent.get(`/v1/complaints/${other.complaintId}`)).body.state).toMatchObject({
    customer: bob,
  });

  // The key is gone: its row holds no key.
  const keys = await sql.query<{ erased: number; live: number }>(
    'SELECT count(*) FILTER (WHERE data_key IS NULL)::int AS erased, count(*) FILTER (WHERE data_key IS NOT NULL)::int AS live FROM pk_keys',
  );
  expect(keys[0]).toEqual({ erased: 1, live: 1 });

  // Idempotent: again, on any of the complaints, appends nothing.
  const counts = await Promise.all([received, resolved, closed].map((c) => eventCount(c.complaintId)));
  for (const { complaintId } of [received, closed]) {
    const again = await admin.post(`/v1/complaints/${complaintId}/erase-customer-data`, { reason: 'again' });
    expect(again.status).toBe(200);
    expect(again.body.events).toEqual([]);
  }
  expect(await Promise.all([received, resolved, closed].map((c) => eventCount(c.complaintId)))).toEqual(
    counts,
  );

  // Events appended after the erasure hold no personal data either (no key: only the stand-ins).
  await step(resolved.complaintId, 'add-note', { visibility: 'customer', text: `Late note for ${ada.name}` });
  const after = await eventBytes();
  for (const text of adaTexts) expect(after).not.toContain(text);
});
