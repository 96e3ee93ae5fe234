// The retention sweep: a customer is erased once all their complaints ended and outlived the
// policy, never under a legal hold (on any of their complaints), never twice; an admin's erasure
// is refused under a hold too.
import { ProtectingEventStore } from '@chp/eventstore';
import { waitFor } from '@chp/testing';
import { parseRetentionPolicy, sweepOnce } from '../src/retention/index.js';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

const DAY = 86_400_000;
const policy = parseRetentionPolicy('fca_disp=60d,default=30d');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: '2026-03-02T09:00:00Z' });
});
afterAll(async () => {
  await h?.close();
});

const erasedAt = async (complaintId: string) =>
  ((await h.as('agent').get(`/v1/complaints/${complaintId}`)).body.state as { personalDataErasedAt?: string })
    .personalDataErasedAt;

it('erases after the period, not under a legal hold, not while a complaint is open, and once', async () => {
  const grace = {
    name: 'Grace Retention',
    email: 'grace.retention@example.com',
    preferredLanguage: 'en' as const,
  };
  const open = { name: 'Otto Open', email: 'otto.open@example.com', preferredLanguage: 'en' as const };
  const first = await fileDirectly(h, { customer: grace });
  const second = await fileDirectly(h, { customer: grace });
  const stillOpen = await fileDirectly(h, { customer: open });
  const ended = await fileDirectly(h, { customer: open });
  const admin = h.as('admin');
  for (const { complaintId } of [first, second, ended]) {
    expect(
      (await h.as('agent').post(`/v1/complaints/${complaintId}/withdraw`, { reason: 'Sorted' })).status,
    ).toBe(200);
  }
  expect(
    (await admin.post(`/v1/complaints/${second.complaintId}/place-legal-hold`, { reason: 'Case FOS-1' }))
      .status,
  ).toBe(200);
  if (!(h.store instanceof ProtectingEventStore)) throw new Error('the harness encrypts');
  const deps = { store: h.store, handler: h.handler, clock: h.clock, policy, erasure: h.store.cipher };

  // The global log shows events once every transaction before them has ended (other tests share
  // the server): wait until the sweep sees both customers. Before the period: nothing.
  h.clock.advance(10 * DAY);
  const seen = await waitFor(async () => {
    const result = await sweepOnce(deps);
    return result.checked >= 2 ? result : undefined;
  });
  expect(seen.erased).toBe(0);

  // After it: the hold on the second complaint keeps the customer's data; an admin cannot erase either.
  h.clock.advance(25 * DAY);
  expect((await sweepOnce(deps)).erased).toBe(0);
  expect(await erasedAt(first.complaintId)).toBeUndefined();
  const refused = await admin.post(`/v1/complaints/${first.complaintId}/erase-customer-data`, {
    reason: 'Asked',
  });
  expect(refused.status).toBe(409);

  // Lifted: the next sweep erases both; the customer with an open complaint stays.
  expect(
    (await admin.post(`/v1/complaints/${second.complaintId}/lift-legal-hold`, { reason: 'Closed' })).status,
  ).toBe(200);
  expect((await sweepOnce(deps)).erased).toBe(1);
  expect(await erasedAt(first.complaintId)).toBeDefined();
  expect(await erasedAt(second.complaintId)).toBeDefined();
  expect(await erasedAt(stillOpen.complaintId)).toBeUndefined();
  expect(await erasedAt(ended.complaintId)).toBeUndefined();

  // Once.
  expect((await sweepOnce(deps)).erased).toBe(0);
});
