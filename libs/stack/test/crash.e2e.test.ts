// The crash test: 500 complaints flow in over HTTP while each service in turn (intake, complaints,
// projections, notifications) and then nats-server is killed with SIGKILL and started again. After
// the dust settles every complaint is filed once, in the read model once, and acknowledged by e-mail
// at most once.
//
// What the design guarantees under SIGKILL, and so what this test asserts:
//
// - Filing: exactly once. A channel retries with the same Idempotency-Key until it gets 201/202;
//   the complaint id is a UUIDv5 of the key, the intake ledger (NATS KV `create`) and the filing
//   (idempotent by complaint id in complaints) make every retry the same complaint, and a 202 is
//   backed by a message on INTAKE (msgID = complaint id) that intake's durable consumer files.
// - Read model: exactly once. The relay republishes from its stored checkpoint (msgID = event id,
//   JetStream dedupes within the 2-minute window); projections applies revision N only over N-1 and
//   repairs gaps from complaints' feed.
// - nats-server 2.9.10 (single server, `-js`): a stream's file store is "flush in place"
//   (`fs.fip = !AsyncFlush`, and AsyncFlush is only set for clustered R>1 streams), so a message is
//   written to the OS (write(2), not fsync) before the PubAck is sent. A SIGKILL of the process
//   keeps everything acknowledged (the page cache survives the process; a power loss would not,
//   which this test cannot and does not simulate). Consumer state (acks, delivered) is written
//   asynchronously, so a kill may forget recent acks: those messages are delivered again, and every
//   consumer here is idempotent (ledger/filing by id, revision guard, sent log). A publish whose
//   PubAck was lost is retried by its publisher (relay from its checkpoint, intake's channel client
//   with the same key, notifications' report on redelivery), deduplicated by msgID. The stream
//   dedupe state is rebuilt from the stored messages at start. So nothing is lost or doubled here.
// - Acknowledgement e-mails: AT MOST once, not exactly once (services/notifications/README.md,
//   "Delivery guarantees"). A SIGKILL of notifications between the SMTP send and recording the
//   result leaves a `sending` intent; the restarted service finds it older than SEND_LEASE, marks it
//   `unknown` and does not send again. Such a mail may or may not have reached the sink. So the test
//   asserts: no complaint has two acknowledgements, no Message-ID twice, every sent-log row is `sent`
//   (with exactly one mail) or `unknown` (with at most one), mails + unknown-without-mail == 500, no
//   more `unknown` rows than one process has events in flight (CONSUMER_CONCURRENCY), and no more
//   unknown rows without a mail than SMTP connections (a message is claimed only when a connection
//   is free for it, so a kill cuts off at most one SMTP transaction per connection). The kill of
//   notifications is aimed at that window: it happens the instant the sink accepts a mail.
//   The unknown count is read from the sent log itself (PGlite, opened by the test while
//   notifications is stopped); notifications' `/metrics` (`chp_notifications_emails_total{outcome=
//   "unknown"}`) tells the test when the restarted service has settled them.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPgliteDriver } from '@chp/eventstore';
import { eventually, samples } from '@chp/stack';
import type { ReceivedMail } from '@chp/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type E2E, startE2E } from './support/e2e.js';

jest.setTimeout(600_000);

const total = 500;
/** Channel clients submitting at once. */
const concurrency = 8;
/** Notifications handles this many events at once, so at most this many intents can be open at a kill. */
const notificationsConcurrency = 32;
/** Pooled SMTP connections: a message is claimed only with one free, so at most this many claimed mails are unsent at a kill. */
const smtpConnections = 5;
/** Short, so that an intent cut off by the kill turns `unknown` within the test (the default is 5 minutes). */
const sendLease = '20s';
const acknowledgement = 'complaint-acknowledgement';

type Target = 'intake' | 'complaints' | 'projections' | 'notifications' | 'nats-server';
/** Each kill happens once this many submissions were answered; submissions wait for a kill they got 40 ahead of. */
const schedule: { after: number; target: Target }[] = [
  { after: 60, target: 'intake' },
  { after: 140, target: 'complaints' },
  { after: 220, target: 'projections' },
  { after: 300, target: 'notifications' },
  { after: 380, target: 'nats-server' },
];
const maxAhead = 40;

interface Answer {
  key: string;
  email: string;
  status: number;
  complaintId: string;
  reference: string;
  attempts: number;
}

interface SentLogRow {
  complaint_id: string;
  recipient: string;
  status: string;
  message_id: string;
}

let e2e: E2E;
const run = Date.now().toString(36);
/** Set when the test gives up (a failed restart, or the end of the file): the submission loops stop. */
let stopping = false;

beforeAll(async () => {
  e2e = await startE2E({
    serviceEnv: {
      notifications: {
        SEND_LEASE: sendLease,
        CONSUMER_CONCURRENCY: String(notificationsConcurrency),
        SMTP_MAX_CONNECTIONS: String(smtpConnections),
      },
    },
  });
});

afterAll(async () => {
  stopping = true;
  await e2e?.stop();
});

function submissionOf(i: number): { key: string; email: string; body: unknown } {
  const sample = samples[i % samples.length]!;
  const email = `crash.${run}.${i}@customers.example`;
  return {
    key: `crash-${run}-${i}`,
    email,
    body: {
      channel: 'web',
      externalRef: `crash-${run}-${i}`,
      customer: { name: sample.name, email, preferredLanguage: sample.language },
      subject: sample.subject,
      description: `${sample.description} (#${i})`,
    },
  };
}

/** A refusal a channel must not retry (4xx other than 429): a bug, so the test fails. */
class Refused extends Error {}

/**
 * What a real channel does: POST with its own Idempotency-Key and, on a connection error, a
 * timeout, 5xx or 429, the same key again after a short backoff, until 201 or 202.
 */
async function submitUntilAccepted(i: number): Promise<Answer> {
  const { key, email, body } = submissionOf(i);
  for (let attempt = 1; ; attempt += 1) {
    if (stopping) throw new Error(`submission ${key} abandoned: the test is stopping`);
    try {
      const response = await fetch(`${e2e.stack.urls.intake}/v1/complaints`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${e2e.tokens.channel}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status === 201 || response.status === 202) {
        const answer = JSON.parse(text) as { complaintId: string; reference: string };
        return {
          key,
          email,
          status: response.status,
          complaintId: answer.complaintId,
          reference: answer.reference,
          attempts: attempt,
        };
      }
      if (response.status < 500 && response.status !== 429) {
        throw new Refused(`submission ${key} answered ${response.status}: ${text}`);
      }
    } catch (error) {
      if (error instanceof Refused) throw error;
      // Connection refused or reset, or no answer in time: the same key again.
    }
    await sleep(Math.min(50 * 2 ** Math.min(attempt, 5), 1_000));
  }
}

/** Runs `work` for 0..count-1 on `workers` concurrent loops, in index order. */
async function pool<T>(
  count: number,
  workers: number,
  work: (i: number) => Promise<T>,
  before?: (i: number) => Promise<void>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        const i = next++;
        await before?.(i);
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

/**
 * Resolves as soon as the SMTP sink accepts another mail (or after `limitMs`). The sink records a
 * mail just before it answers 250, so a kill right then lands where notifications has sent but not
 * yet recorded: the at-most-once window.
 */
async function nextMailAccepted(limitMs: number): Promise<boolean> {
  const count = e2e.smtp.messages.length;
  const deadline = Date.now() + limitMs;
  while (e2e.smtp.messages.length === count) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

async function killAndStart(target: Target): Promise<void> {
  if (target === 'nats-server') {
    const nats = e2e.stack.nats!;
    await nats.kill();
    await nats.start();
    return;
  }
  const service = e2e.stack.services[target];
  await service.kill();
  await service.start();
}

/** `chp_notifications_emails_total{outcome="unknown",…}` summed over templates, in the running process. */
async function unknownInMetrics(): Promise<number> {
  const text = await (await fetch(`${e2e.stack.urls.notifications}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('chp_notifications_emails_total{') && line.includes('outcome="unknown"')) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

/** True when a durable on COMPLAINTS has nothing pending and nothing unacknowledged (JetStream's API). */
async function consumerSettled(nc: NatsConnection, durable: string): Promise<boolean> {
  const reply = await nc.request(`$JS.API.CONSUMER.INFO.COMPLAINTS.${durable}`, '', { timeout: 5_000 });
  const info = JSON.parse(new TextDecoder().decode(reply.data)) as {
    num_pending?: number;
    num_ack_pending?: number;
    error?: { description: string };
  };
  if (info.error) throw new Error(`consumer info ${durable}: ${info.error.description}`);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

const header = (mail: ReceivedMail, name: string): string | undefined => {
  const value = mail.parsed.headers.get(name);
  return typeof value === 'string' ? value : undefined;
};

test('500 complaints while each service and nats-server is SIGKILLed: filed once, in the read model once, acknowledged at most once', async () => {
  const { client, smtp, stack } = e2e;

  // --- the run: submissions with the kills spaced through them ---------------------------------
  let answered = 0;
  let killsDone = 0;
  const kills: {
    target: Target;
    atAnswered: number;
    mailsBefore: number;
    inWindow: boolean | undefined;
    ms: number;
  }[] = [];
  const chaos = (async () => {
    for (const step of schedule) {
      while (answered < step.after) await sleep(10);
      // Notifications is killed the moment the sink accepts a mail (see `nextMailAccepted`).
      const inWindow = step.target === 'notifications' ? await nextMailAccepted(60_000) : undefined;
      const mailsBefore = smtp.messages.length;
      const started = Date.now();
      await killAndStart(step.target);
      kills.push({
        target: step.target,
        atAnswered: answered,
        mailsBefore,
        inWindow,
        ms: Date.now() - started,
      });
      killsDone += 1;
    }
  })().catch((error: unknown) => {
    stopping = true;
    throw error;
  });
  const waitForKills = async (i: number) => {
    // A submission may not run more than `maxAhead` past a kill that has not happened yet, so each
    // kill lands while complaints are flowing, however fast or slow the machine is.
    while (killsDone < schedule.length && i >= schedule[killsDone]!.after + maxAhead) {
      if (stopping) throw new Error('a kill or restart failed');
      await sleep(10);
    }
  };
  const submitted = pool(
    total,
    concurrency,
    async (i) => {
      const answer = await submitUntilAccepted(i);
      answered += 1;
      return answer;
    },
    waitForKills,
  );
  const [answers] = await Promise.all([submitted, chaos]);
  // Every service really was killed and came back under a new process.
  expect(kills.map((k) => k.target)).toEqual(schedule.map((s) => s.target));
  for (const name of ['intake', 'complaints', 'projections', 'notifications'] as const) {
    expect(stack.services[name].startCount).toBe(2);
  }
  console.log(
    `kills (target @ answered/mails, kill+ready): ${kills.map((k) => `${k.target} @ ${k.atAnswered}/${k.mailsBefore}${k.inWindow ? ' on a mail' : ''} ${k.ms} ms`).join(', ')}; ` +
      `submissions: ${answers.filter((a) => a.status === 201).length} filed, ${answers.filter((a) => a.status === 202).length} queued, ` +
      `${answers.reduce((n, a) => n + a.attempts - 1, 0)} retries`,
  );

  // --- filed once each -----------------------------------------------------------------------
  const ids = answers.map((a) => a.complaintId);
  expect(new Set(ids).size).toBe(total);
  // The same key answers the same complaint again (the channel's retries could not have made two).
  const replays = await pool(total, concurrency, submitUntilAccepted);
  expect(replays.map((r) => [r.complaintId, r.reference])).toEqual(
    answers.map((a) => [a.complaintId, a.reference]),
  );

  const filed = new Set<string>();
  await eventually(
    'every answered complaint id filed in complaints',
    async () => {
      const missing = ids.filter((id) => !filed.has(id));
      await pool(missing.length, concurrency, async (j) => {
        const id = missing[j]!;
        const complaint = await client.get<{ complaintId: string }>('complaints', `/v1/complaints/${id}`);
        if (complaint) {
          expect(complaint.complaintId).toBe(id);
          filed.add(id);
        }
      });
      return filed.size === total;
    },
    240_000,
    1_000,
  );

  // --- in the read model once each ------------------------------------------------------------
  const expected = new Set(ids);
  const listed = await eventually(
    'exactly the 500 complaints in the projections list',
    async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } | undefined = await client.get(
          'projections',
          `/v1/complaints?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        if (!page) return undefined;
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen.length === total && seen.every((id) => expected.has(id)) ? seen : undefined;
    },
    240_000,
    1_000,
  );
  expect(new Set(listed).size).toBe(total);

  // --- acknowledged at most once each ----------------------------------------------------------
  const byRecipient = new Map(answers.map((a) => [a.email.toLowerCase(), a]));
  const ours = () =>
    smtp.messages.filter((m) => m.envelope.to.some((to) => byRecipient.has(to.toLowerCase())));
  const acknowledged = () => new Set(ours().flatMap((m) => m.envelope.to.map((to) => to.toLowerCase()))).size;
  // Settled: notifications' consumer has every event it was given acknowledged (an intent found in
  // flight is retried, so it stays pending until it is `sent` or `unknown`), and the mails and the
  // unknown intents (counted by the restarted process) cover every complaint. The read model
  // holding all 500 above means every ComplaintFiled is on COMPLAINTS already.
  const nc = await connect(stack.natsClientOptions('operator'));
  try {
    await eventually(
      'an acknowledgement or an unknown intent for every complaint, and notifications settled',
      async () =>
        acknowledged() + (await unknownInMetrics()) >= total && (await consumerSettled(nc, 'notifications')),
      300_000,
      1_000,
    );
  } finally {
    await nc.close();
  }

  // The sent log is PGlite (one process at a time): read it with notifications stopped.
  await stack.services.notifications.stop();
  const sentLog = await createPgliteDriver(`${stack.dataDir}/notifications`);
  let rows: SentLogRow[];
  try {
    rows = await sentLog.query<SentLogRow>(
      `SELECT complaint_id::text AS complaint_id, recipient, status, message_id
       FROM notification_sent_log WHERE template = $1`,
      [acknowledgement],
    );
  } finally {
    await sentLog.close();
  }
  await stack.services.notifications.start();

  const mails = ours();
  const messageIds = mails.map((m) => m.parsed.messageId);
  expect(messageIds.every(Boolean)).toBe(true);
  expect(new Set(messageIds).size).toBe(mails.length); // no Message-ID twice
  const mailsTo = new Map<string, ReceivedMail[]>();
  for (const mail of mails) {
    expect(mail.envelope.to).toHaveLength(1);
    const to = mail.envelope.to[0]!.toLowerCase();
    mailsTo.set(to, [...(mailsTo.get(to) ?? []), mail]);
  }
  const twice = [...mailsTo].filter(([, list]) => list.length > 1).map(([to]) => to);
  expect(twice).toEqual([]); // no complaint with two acknowledgements
  for (const [to, [mail]] of mailsTo) {
    expect(header(mail!, 'x-complaint-reference')).toBe(byRecipient.get(to)!.reference);
  }

  // One sent-log row per complaint, each `sent` (one mail with its Message-ID) or `unknown`.
  expect(rows).toHaveLength(total);
  expect(new Set(rows.map((r) => r.complaint_id))).toEqual(expected);
  const byStatus = (status: string) => rows.filter((r) => r.status === status);
  const sent = byStatus('sent');
  const unknown = byStatus('unknown');
  expect(sent.length + unknown.length).toBe(total);
  for (const row of sent) {
    const list = mailsTo.get(row.recipient) ?? [];
    expect(list.map((m) => m.parsed.messageId)).toEqual([row.message_id]);
  }
  const unknownWithMail = unknown.filter((row) => mailsTo.has(row.recipient)).length;
  expect(mails.length).toBe(sent.length + unknownWithMail);
  expect(mails.length + (unknown.length - unknownWithMail)).toBe(total);
  // Only intents open when notifications was killed (once) can be unknown; of those, only the ones
  // holding a send slot (one per SMTP connection) can be without a mail.
  expect(unknown.length).toBeLessThanOrEqual(notificationsConcurrency);
  expect(unknown.length - unknownWithMail).toBeLessThanOrEqual(smtpConnections);
  console.log(
    `acknowledgements: ${mails.length} mails, ${sent.length} sent, ${unknown.length} unknown (${unknownWithMail} of them with a mail)`,
  );

  // --- the audit trail: one filing each, and the sent ones reported back once -------------------
  const sentIds = new Set(sent.map((r) => r.complaint_id));
  const reported = new Set<string>();
  await eventually(
    'CustomerNotified on every complaint whose acknowledgement was sent',
    async () => {
      const pending = ids.filter((id) => !reported.has(id));
      await pool(pending.length, concurrency, async (j) => {
        const id = pending[j]!;
        const trail = await client.get<{ events: { type: string }[] }>(
          'complaints',
          `/v1/complaints/${id}/events?limit=1000`,
        );
        const types = trail?.events.map((e) => e.type) ?? [];
        expect(types.filter((t) => t === 'ComplaintFiled')).toHaveLength(1);
        const notified = types.filter((t) => t === 'CustomerNotified').length;
        expect(notified).toBeLessThanOrEqual(1);
        if (notified === (sentIds.has(id) ? 1 : 0)) reported.add(id);
      });
      return reported.size === total;
    },
    240_000,
    1_000,
  );

  // Nothing more was sent after the restart that read the sent log.
  expect(ours()).toHaveLength(mails.length);
});
