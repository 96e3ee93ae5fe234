// The whole product's happy path, with the stack running as `npm start` runs it (separate processes,
// PGlite, nats-server) and mail going to a real SMTP server in the test.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { customerLinksIn, eventually, rawEmail, samples, toMail } from '@chp/stack';
import type { ReceivedMail } from '@chp/testing';
import { connect } from '@nats-io/transport-node';
import { type E2E, startE2E } from './support/e2e.js';

jest.setTimeout(300_000);

interface AuditEvent {
  revision: number;
  type: string;
  at: string;
  actor: { id: string; role?: string; kind?: string };
}

interface SummaryItem {
  id: string;
  reference: string;
  status: string;
  channel: string;
  satisfactionScore: number | null;
}

let e2e: E2E;
const run = Date.now().toString(36);
const uk = samples.find((s) => s.language === 'uk')!;
const ro = samples.find((s) => s.language === 'ro')!;
const ukEmail = `olena.${run}@customers.example`;
const roEmail = `andreea.${run}@customers.example`;
const ukPhone = '+380441234567';
const roPhone = '+40212345678';

beforeAll(async () => {
  // Debug: the log scan at the end reads every line a service can write.
  e2e = await startE2E({ env: { LOG_LEVEL: 'debug' } });
});

afterAll(async () => {
  await e2e?.stop();
});

const mailsTo = (address: string): ReceivedMail[] =>
  e2e.smtp.messages.filter((m) => m.envelope.to.includes(address));

async function inReadModel(email: string): Promise<SummaryItem> {
  return eventually(`${email}'s complaint in the projections API`, async () => {
    const page = await e2e.client.get<{ items: SummaryItem[] }>(
      'projections',
      `/v1/complaints?customer=${encodeURIComponent(email)}`,
    );
    return page?.items[0];
  });
}

test('a complaint over HTTP and one over NATS go from filing to closing, with e-mails, links, stats, audit and asOf', async () => {
  const { client } = e2e;

  // Filed over HTTP (a web form backend) and over NATS (a terminal publishing to INTAKE).
  const http = await client.submit(
    {
      channel: 'web',
      externalRef: `form-${run}`,
      customer: { name: uk.name, email: ukEmail, phone: ukPhone, preferredLanguage: 'uk' },
      subject: uk.subject,
      description: uk.description,
    },
    `e2e-${run}-http`,
  );
  expect(http.status).toBe(201);
  expect(http.body.reference).toMatch(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // As a channel gateway (a terminal): the NATS user that may submit to intake.complaints.<channel>.
  const nc = await connect(e2e.stack.natsClientOptions('channel'));
  const ack = JSON.parse(
    new TextDecoder().decode(
      (
        await nc.request(
          'intake.complaints.terminal',
          JSON.stringify({
            channel: 'terminal',
            externalRef: `kiosk-${run}`,
            customer: { name: ro.name, email: roEmail, phone: roPhone, preferredLanguage: 'ro' },
            subject: ro.subject,
            description: ro.description,
          }),
          { timeout: 10_000 },
        )
      ).data,
    ),
  ) as { stream: string };
  await nc.drain();
  expect(ack.stream).toBe('INTAKE');

  // Both appear in the projections API.
  const viaHttp = await inReadModel(ukEmail);
  const viaNats = await inReadModel(roEmail);
  expect(viaHttp).toMatchObject({
    id: http.body.complaintId,
    reference: http.body.reference,
    channel: 'web',
  });
  expect(viaNats).toMatchObject({ channel: 'terminal', status: 'received' });

  // The acknowledgement e-mails arrive, in the customer's language, with the reference.
  for (const [address, item, language] of [
    [ukEmail, viaHttp, 'uk'],
    [roEmail, viaNats, 'ro'],
  ] as const) {
    const [mail] = await eventually(`the acknowledgement to ${address}`, async () => {
      const mails = mailsTo(address);
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail!.parsed.headers.get('content-language')).toBe(language);
    expect(mail!.parsed.subject).toContain(item.reference);
    expect(mail!.parsed.text).toContain(item.reference);
  }
  const ukAck = toMail('', mailsTo(ukEmail)[0]!.parsed);
  const roAck = toMail('', mailsTo(roEmail)[0]!.parsed);
  expect(ukAck.text).not.toEqual(roAck.text.replace(viaNats.reference, viaHttp.reference));

  // An agent acknowledges and asks for information; the customer answers by e-mail, which threads on.
  const id = viaHttp.id;
  await client.command(id, 'acknowledge');
  await client.command(id, 'request-customer-information', { question: 'Яка сума другого платежу?' });
  const question = await eventually('the information request e-mail', async () =>
    mailsTo(ukEmail).find((m) => m.parsed.text?.includes('Яка сума другого платежу?')),
  );
  expect(question.parsed.subject).toContain(`[${viaHttp.reference}]`);
  await client.email(
    rawEmail({
      from: ukEmail,
      fromName: uk.name,
      subject: `Re: ${question.parsed.subject}`,
      text: '49,99 грн, 3 березня.',
      language: 'uk',
      messageId: `reply-${run}@customers.example`,
      ...(question.parsed.messageId ? { inReplyTo: question.parsed.messageId.replace(/[<>]/g, '') } : {}),
    }),
  );
  await eventually('the reply recorded on the complaint', async () => {
    const audit = await client.get<{ events: AuditEvent[] }>(
      'complaints',
      `/v1/complaints/${id}/events?limit=1000`,
    );
    return audit?.events.some((e) => e.type === 'CustomerResponded');
  });

  // The agent resolves; the resolution e-mail carries signed accept/reject/survey links.
  const beforeResolution = new Date().toISOString();
  await client.command(id, 'resolve', {
    summary: 'Другий платіж повернуто.',
    outcome: 'upheld',
    remedies: [{ type: 'refund', amount: { amount: '49.99', currency: 'UAH' } }],
    firstContact: false,
  });
  const links = await eventually('the resolution e-mail with its links', async () => {
    for (const mail of mailsTo(ukEmail)) {
      const found = customerLinksIn(mail.parsed.text ?? '').filter((l) => l.complaintId === id);
      if (found.length > 0) return found;
    }
    return undefined;
  });
  const accept = links.find((l) => l.action === 'accept')!;
  const survey = links.find((l) => l.action === 'survey')!;
  expect(accept).toBeDefined();
  expect(survey).toBeDefined();

  // The customer accepts through the link and rates 5.
  expect((await client.customerLink(accept.url)).status).toBe(200);
  expect((await client.customerLink(accept.url, { comment: 'Дякую' })).status).toBe(200);
  expect((await client.customerLink(survey.url, { score: '5', comment: 'Швидко' })).status).toBe(200);
  await client.command(id, 'close', { reason: 'accepted' });

  // Closed in the read model, and the stats count it.
  await eventually('the complaint closed with CSAT 5 in the read model', async () => {
    const item = await inReadModel(ukEmail);
    return item.status === 'closed' && item.satisfactionScore === 5;
  });
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const stats = await client.get<{
    groups: { total: number; byStatus: Record<string, number>; csat: { responses: number; mean: number } }[];
  }>('projections', `/v1/stats/overview?from=${from}&to=${to}`);
  expect(stats!.groups[0]).toMatchObject({ total: 2, csat: { responses: 1, mean: 5 } });
  expect(stats!.groups[0]!.byStatus).toMatchObject({ closed: 1, received: 1 });

  // The audit trail shows every step with its actor.
  const audit = await client.get<{ events: AuditEvent[] }>(
    'complaints',
    `/v1/complaints/${id}/events?limit=1000`,
  );
  const steps = audit!.events.filter((e) => e.type !== 'CustomerNotified');
  expect(steps.map((e) => e.type)).toEqual([
    'ComplaintFiled',
    'ComplaintAcknowledged',
    'CustomerInformationRequested',
    'CustomerResponded',
    'ComplaintResolved',
    'ResolutionAccepted',
    'SatisfactionRecorded',
    'ComplaintClosed',
  ]);
  const actorOf = (type: string) => steps.find((e) => e.type === type)!.actor.id;
  expect(actorOf('ComplaintAcknowledged')).toBe('local-agent');
  expect(actorOf('ComplaintResolved')).toBe('local-agent');
  expect(actorOf('ComplaintClosed')).toBe('local-agent');
  for (const step of steps) expect(step.actor.id).toEqual(expect.any(String));
  expect(audit!.events.filter((e) => e.type === 'CustomerNotified').length).toBeGreaterThanOrEqual(3);

  // asOf: the state as it was before the resolution.
  const past = await client.get<{ state: { status: string } }>(
    'complaints',
    `/v1/complaints/${id}?asOf=${encodeURIComponent(beforeResolution)}`,
  );
  expect(past!.state.status).toBe('in_progress');
  const now = await client.get<{ state: { status: string } }>('complaints', `/v1/complaints/${id}`);
  expect(now!.state.status).toBe('closed');
});

test('no service log line of the run carries a customer’s name, e-mail address or phone', async () => {
  const { client } = e2e;
  // Requests that fail with personal data in them: a crafted cursor next to the customer's address
  // and a search text, and a submission that is refused.
  const crafted = Buffer.from(JSON.stringify({ s: '-receivedAt', v: 'x', id: 'y' })).toString('base64url');
  const query = `/v1/complaints?customer=${encodeURIComponent(ukEmail)}&q=${encodeURIComponent(uk.name)}`;
  await expect(client.get('projections', `${query}&cursor=${crafted}`)).rejects.toMatchObject({
    status: 400,
  });
  await expect(
    client.submit(
      {
        channel: 'web',
        externalRef: `form-${run}-refused`,
        customer: { name: uk.name, email: ukEmail, phone: ukPhone, preferredLanguage: 'uk' },
        subject: uk.subject,
        description: uk.description,
        receivedAt: '1970-01-01T00:00:00Z',
      },
      `e2e-${run}-refused`,
    ),
  ).rejects.toMatchObject({ status: 400 });

  const logs = join(e2e.stack.dataDir, 'logs');
  const files = (await readdir(logs)).filter((f) => f.endsWith('.log'));
  expect(files.sort()).toEqual([
    'complaints.log',
    'intake.log',
    'knowledge.log',
    'notifications.log',
    'projections.log',
  ]);
  const personal = [
    uk.name,
    ro.name,
    ...uk.name.split(' '),
    ...ro.name.split(' '),
    ukEmail,
    roEmail,
    encodeURIComponent(ukEmail),
    ukEmail.split('@')[0]!,
    roEmail.split('@')[0]!,
    ukPhone,
    roPhone,
    ukPhone.slice(1),
    roPhone.slice(1),
  ];
  let lines = 0;
  for (const file of files) {
    for (const line of (await readFile(join(logs, file), 'utf8')).split('\n')) {
      lines++;
      // JSON lines escape nothing of these, but a line may hold them escaped: check both forms.
      const found = personal.find((p) => line.includes(p) || line.includes(JSON.stringify(p).slice(1, -1)));
      expect({ file, found, line: found ? line : undefined }).toEqual({
        file,
        found: undefined,
        line: undefined,
      });
    }
  }
  expect(lines).toBeGreaterThan(20);
});
