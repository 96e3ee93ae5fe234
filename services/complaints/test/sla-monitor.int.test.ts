// The SLA monitor against a real PostgreSQL (or PGlite) store with an injected clock: the clock is
// moved, never waited for. Waiting is only for the monitor to have looked (its tick count).
import { randomUUID } from 'node:crypto';
import { type ComplaintCommand, complaintStreamName, referenceFromBytes } from '@chp/contracts';
import { createEventStore, type EventStore } from '@chp/eventstore';
import { type PostgresHandle, postgres, waitFor } from '@chp/testing';
import {
  type CommandHandler,
  createCommandHandler,
  createTestClock,
  type TestClock,
} from '../src/application/index.js';
import { loadPoliciesFile } from '../src/sla/index.js';
import { type SlaMonitor, startSlaMonitor } from '../src/sla-monitor/index.js';

const policies = loadPoliciesFile();
const agent = { id: 'agent-7', role: 'agent' } as const;
// Monday 2 March 2026, 09:00 in London (GMT), the opening of the working day. The standard
// policy's medium targets: acknowledge in 1 business day, which from an opening is close of business
// that day (Mon 17:30); first response in 2 (Tue 17:30); resolve in 10. Its ladder: level 1 at the
// breach, level 2 four business hours later (Tue 13:00), level 3 one business day later.
const monday0900 = '2026-03-02T09:00:00.000Z';
const monday1730 = '2026-03-02T17:30:00.000Z';

let pg: PostgresHandle;
let store: EventStore;
let clock: TestClock;
let handler: CommandHandler;
const monitors: SlaMonitor[] = [];
const extraStores: EventStore[] = [];

// A store per test: complaints of an earlier test would fall due when a later one moves the clock.
beforeEach(async () => {
  pg = await postgres();
  store = await createEventStore(pg.url, { pollIntervalMs: 50 });
  clock = createTestClock(monday0900);
  handler = createCommandHandler({ store, clock, policies });
});

afterEach(async () => {
  await Promise.all(monitors.splice(0).map((m) => m.stop()));
  await Promise.all(extraStores.splice(0).map((s) => s.close()));
  await store.close();
  await pg.close();
});

function command(type: ComplaintCommand['type'], data: object): ComplaintCommand {
  return {
    type,
    data,
    metadata: { commandId: randomUUID(), actor: agent, correlationId: `test-${randomUUID()}` },
  } as ComplaintCommand;
}

async function file(): Promise<string> {
  const complaintId = randomUUID();
  await handler.handle({
    type: 'FileComplaint',
    data: {
      complaintId,
      reference: referenceFromBytes(Buffer.from(complaintId.replaceAll('-', ''), 'hex')),
      receivedAt: clock.now().toISOString(),
      channel: 'web',
      externalRef: `form-${complaintId}`,
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', preferredLanguage: 'en' },
      subject: 'Charged twice',
      description: 'My card was charged twice.',
      priority: 'medium',
    },
    metadata: { commandId: randomUUID(), actor: { id: 'intake', role: 'service' }, correlationId: 'test' },
  });
  return complaintId;
}

/** A store of its own for a second replica (PGlite allows one per directory, so it shares then). */
async function replicaStore(): Promise<EventStore> {
  if (pg.kind === 'pglite') return store;
  const own = await createEventStore(pg.url, { pollIntervalMs: 50 });
  extraStores.push(own);
  return own;
}

function monitor(replicaHandler: CommandHandler = handler, replica: EventStore = store): SlaMonitor {
  const started = startSlaMonitor({ store: replica, handler: replicaHandler, clock, policies, tickMs: 10 });
  monitors.push(started);
  return started;
}

/**
 * Waits until each monitor has indexed the test's one complaint and run two more ticks, so one
 * began after the clock last moved. (A check that finds nothing proves nothing unless the monitor
 * knew the complaint.)
 */
async function looked(...ms: SlaMonitor[]): Promise<void> {
  const from = ms.map((m) => m.stats().ticks);
  await waitFor(() => ms.every((m, i) => m.stats().indexed === 1 && m.stats().ticks >= (from[i] ?? 0) + 2), {
    description: 'the monitors to index the complaint and look at the clock',
  });
}

async function slaEvents(complaintId: string) {
  const events = await store.readStream(complaintStreamName(complaintId));
  return events
    .filter((e) => e.type === 'SlaBreached' || e.type === 'ComplaintEscalated')
    .map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
}

it('with two replicas racing for one breach, appends one SlaBreached and one escalation; the loser re-reads and finds nothing to do', async () => {
  const complaintId = await file();
  // Replica B reads the complaint, then waits at its append until replica A has done both steps.
  let bHasRead!: () => void;
  const bRead = new Promise<void>((resolve) => {
    bHasRead = resolve;
  });
  let aDone!: () => void;
  const aFinished = new Promise<void>((resolve) => {
    aDone = resolve;
  });
  let aAppends = 0;
  const handlerA: CommandHandler = {
    load: (id, options) => handler.load(id, options),
    async handle(cmd, options) {
      await bRead;
      const result = await handler.handle(cmd, options);
      if (++aAppends === 2) aDone();
      return result;
    },
  };
  const storeB = await replicaStore();
  const realB = createCommandHandler({ store: storeB, clock, policies });
  let bWaited = false;
  const handlerB: CommandHandler = {
    load: (id, options) => realB.load(id, options),
    async handle(cmd, options) {
      if (!bWaited) {
        bWaited = true;
        bHasRead();
        await aFinished;
      }
      return realB.handle(cmd, options);
    },
  };
  const a = monitor(handlerA);
  const b = monitor(handlerB, storeB);
  await looked(a, b);
  expect(await slaEvents(complaintId)).toEqual([]);

  clock.set('2026-03-03T09:30:00Z');
  await waitFor(() => a.stats().escalations === 1 && b.stats().conflicts > 0, {
    description: 'A to act and B to lose the race',
  });
  await looked(a, b);

  expect(await slaEvents(complaintId)).toEqual([
    {
      type: 'SlaBreached',
      data: expect.objectContaining({
        target: 'acknowledge',
        dueAt: monday1730,
        by: { id: 'sla-monitor', role: 'system' },
      }),
    },
    {
      type: 'ComplaintEscalated',
      data: expect.objectContaining({ level: 1, reason: 'sla_breach', to: 'team-lead' }),
    },
  ]);
  expect(a.stats()).toMatchObject({ breaches: 1, escalations: 1 });
  expect(b.stats()).toMatchObject({ breaches: 0, escalations: 0, refusals: 0, errors: 0 });
});

it('after a restart does not record the breach again, and climbs the next rung once when it is due', async () => {
  const complaintId = await file();
  const first = monitor();
  clock.set('2026-03-03T09:30:00Z');
  await waitFor(() => first.stats().escalations === 1, { description: 'the breach and level 1' });
  await first.stop();

  // Two fresh replicas rebuild their index from the store.
  const restarted = [monitor(), monitor(handler, await replicaStore())];
  await looked(...restarted);
  expect(restarted.map((m) => m.stats().breaches + m.stats().escalations)).toEqual([0, 0]);

  clock.set('2026-03-03T13:30:00Z'); // level 2 was due at 13:00
  await waitFor(() => restarted.some((m) => m.stats().escalations === 1), { description: 'level 2' });
  await looked(...restarted);

  const events = await slaEvents(complaintId);
  expect(events.map((e) => [e.type, e.data.target ?? e.data.level])).toEqual([
    ['SlaBreached', 'acknowledge'],
    ['ComplaintEscalated', 1],
    ['ComplaintEscalated', 2],
  ]);
  expect(restarted.reduce((sum, m) => sum + m.stats().escalations + m.stats().breaches, 0)).toBe(1);
});

it('does not breach a paused complaint while it awaits the customer, and breaches after the resume when the moved target passes', async () => {
  const complaintId = await file();
  clock.set('2026-03-02T09:10:00Z');
  await handler.handle(command('AcknowledgeComplaint', { complaintId }));
  clock.set('2026-03-02T09:20:00Z');
  await handler.handle(
    command('RequestCustomerInformation', {
      complaintId,
      requestId: randomUUID(),
      question: 'Which card was it?',
    }),
  );
  const m = monitor();

  // A month in which the resolve target (10 business days) would have passed three times over.
  clock.set('2026-04-15T10:00:00Z');
  await looked(m);
  expect(await slaEvents(complaintId)).toEqual([]);

  await handler.handle(
    command('RecordCustomerResponse', {
      complaintId,
      message: 'The Visa one.',
      channel: 'email',
      source: 'forwarded by the branch',
    }),
  );
  await looked(m);
  expect(await slaEvents(complaintId)).toEqual([]);

  clock.set('2026-05-15T10:00:00Z');
  await waitFor(() => m.stats().breaches === 1, { description: 'the resolve breach' });
  const [breach] = await slaEvents(complaintId);
  expect(breach?.data).toMatchObject({ target: 'resolve' });
  // The paused weeks moved the due time past the resume.
  expect(Date.parse(String(breach?.data.dueAt))).toBeGreaterThan(Date.parse('2026-04-15T10:00:00Z'));
});
