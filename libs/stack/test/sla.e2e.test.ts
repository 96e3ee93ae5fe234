// SLA end to end: with a one-minute acknowledgement target, an unattended complaint breaches, the
// monitor escalates it once, and the supervisor's alert e-mail arrives once.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, samples } from '@chp/stack';
import type { ReceivedMail } from '@chp/testing';
import { type E2E, startE2E } from './support/e2e.js';

jest.setTimeout(420_000);

const allDay = ['00:00-24:00'];
const minute = { amount: 1, unit: 'business_minutes' };
const far = { amount: 30, unit: 'business_days' };
const policies = {
  calendars: {
    always: {
      timeZone: 'UTC',
      workingHours: {
        mon: allDay,
        tue: allDay,
        wed: allDay,
        thu: allDay,
        fri: allDay,
        sat: allDay,
        sun: allDay,
      },
      holidays: [],
    },
  },
  policies: [
    {
      id: 'e2e-fast',
      version: 1,
      name: 'One-minute acknowledgement (end-to-end test)',
      calendar: 'always',
      targets: Object.fromEntries(
        ['low', 'medium', 'high', 'urgent'].map((p) => [
          p,
          { acknowledge: minute, first_response: far, resolve: far },
        ]),
      ),
      escalation: {
        levels: [
          { level: 1, after: { amount: 0, unit: 'business_minutes' }, to: 'duty-supervisors' },
          { level: 2, after: far, to: 'complaints-manager' },
        ],
      },
    },
  ],
  defaults: { policy: 'e2e-fast' },
};
const supervisor = 'supervisor@company.example';
const duty = 'duty-desk@company.example';
const alertRoutes = {
  default: { levels: { '1': [supervisor] }, breaches: [duty] },
};

interface AuditEvent {
  type: string;
  actor: { id: string };
  data: { level?: number; reason?: string; target?: string };
}

let e2e: E2E;
const run = Date.now().toString(36);

beforeAll(async () => {
  const file = join(tmpdir(), `chp-e2e-sla-${run}.json`);
  await writeFile(file, JSON.stringify(policies));
  e2e = await startE2E({
    serviceEnv: {
      complaints: { SLA_POLICIES_FILE: file },
      notifications: { ALERT_ROUTES: JSON.stringify(alertRoutes) },
    },
  });
});

afterAll(async () => {
  await e2e?.stop();
});

const mailsTo = (address: string, reference: string): ReceivedMail[] =>
  e2e.smtp.messages.filter(
    (m) => m.envelope.to.includes(address) && `${m.parsed.subject} ${m.parsed.text}`.includes(reference),
  );

async function file(n: number) {
  const sample = samples[n % samples.length]!;
  const answer = await e2e.client.submit(
    {
      channel: 'web',
      externalRef: `sla-${run}-${n}`,
      customer: {
        name: sample.name,
        email: `sla.${n}.${run}@customers.example`,
        preferredLanguage: sample.language,
      },
      subject: sample.subject,
      description: sample.description,
    },
    `sla-${run}-${n}`,
  );
  expect(answer.status).toBe(201);
  return answer.body;
}

const auditOf = async (id: string) =>
  (await e2e.client.get<{ events: AuditEvent[] }>('complaints', `/v1/complaints/${id}/events?limit=1000`))!
    .events;

async function breachedAndEscalated(id: string) {
  return eventually(
    `SlaBreached and ComplaintEscalated on ${id}`,
    async () => {
      const events = await auditOf(id);
      return events.some((e) => e.type === 'SlaBreached') &&
        events.some((e) => e.type === 'ComplaintEscalated')
        ? events
        : undefined;
    },
    180_000,
    500,
  );
}

test('an unattended complaint breaches its acknowledgement target, escalates once, and alerts the supervisor once', async () => {
  const unattended = await file(1);
  const events = await breachedAndEscalated(unattended.complaintId);
  const breach = events.find((e) => e.type === 'SlaBreached')!;
  const escalation = events.find((e) => e.type === 'ComplaintEscalated')!;
  expect(breach.data.target).toBe('acknowledge');
  expect(escalation.data).toMatchObject({ level: 1, reason: 'sla_breach' });

  const alert = await eventually(
    'the supervisor alert',
    async () => mailsTo(supervisor, unattended.reference)[0],
    60_000,
  );
  expect(alert.parsed.subject).toContain(unattended.reference);
  await eventually(
    'the breach alert to the duty desk',
    async () => mailsTo(duty, unattended.reference)[0],
    60_000,
  );

  // "Once" needs time to pass with the monitor still working: a second complaint, filed now, breaches a
  // minute later. When its alert is in, the first complaint must still have one breach, one escalation
  // and one supervisor alert.
  const marker = await file(2);
  await breachedAndEscalated(marker.complaintId);
  await eventually(
    'the marker complaint alert',
    async () => mailsTo(supervisor, marker.reference)[0],
    60_000,
  );

  const after = await auditOf(unattended.complaintId);
  expect(after.filter((e) => e.type === 'SlaBreached')).toHaveLength(1);
  expect(after.filter((e) => e.type === 'ComplaintEscalated')).toHaveLength(1);
  expect(mailsTo(supervisor, unattended.reference)).toHaveLength(1);
  expect(mailsTo(duty, unattended.reference)).toHaveLength(1);

  // The read model shows it breached and at level 1.
  const item = await eventually('the breach in the read model', async () => {
    const page = await e2e.client.get<{
      items: { id: string; escalationLevel: number; sla: { breached: boolean } }[];
    }>('projections', '/v1/sla/breaches');
    return page?.items.find((i) => i.id === unattended.complaintId);
  });
  expect(item).toMatchObject({ escalationLevel: 1, sla: { breached: true } });
});
