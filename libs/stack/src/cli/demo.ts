// `npm run demo`, against a running stack (`npm start`): publishes knowledge's starter set, files
// complaints in all six languages through HTTP, NATS, e-mail and the portal's form, then walks some of them through acknowledgement, information requests,
// escalation, resolution, the customer's answer through the signed links, and the survey, and gives
// the console's local accounts something of their own: one assigned to `agent`, one to its team.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { natsInboxPrefix } from '@chp/contracts';
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import { customerLinksIn, eventually, fileThroughPortal, readOutbox, StackClient } from '../client.js';
import { rawEmail, type SampleComplaint, samples } from '../demo-data.js';
import { loadOrCreateNatsCredentials } from '../nats-credentials.js';
import { repoRoot, type ServiceName } from '../paths.js';

/** Intake's default `PORTAL_MIN_FILL_TIME`: a form sent sooner is refused (the demo waits, then retries). */
const PORTAL_FILL_WAIT_MS = 3_000;

interface StackInfo {
  natsUrl: string;
  urls: Record<ServiceName, string>;
  tokens: Record<'channel' | 'agent' | 'supervisor' | 'admin', string>;
  /** Absent in a stack.json written before the console existed. */
  consoleUrl?: string;
}

interface Filed {
  sample: SampleComplaint;
  email: string;
  via: string;
  id: string;
  reference: string;
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? join(repoRoot(), '.data'));
  let info: StackInfo;
  try {
    info = JSON.parse(await readFile(join(dataDir, 'stack.json'), 'utf8')) as StackInfo;
  } catch {
    throw new Error(`no ${join(dataDir, 'stack.json')}: start the stack first with \`npm start\``);
  }
  try {
    await fetch(`${info.urls.intake}/readyz`, { signal: AbortSignal.timeout(2_000) });
  } catch {
    throw new Error(
      `intake does not answer at ${info.urls.intake}: start the stack first with \`npm start\``,
    );
  }
  // 0. Knowledge's bundled starter set of standard answers and typical questions (idempotent).
  // A stack.json written before knowledge existed has no URL for it.
  if (info.urls.knowledge) {
    const response = await fetch(`${info.urls.knowledge}/v1/starter-set`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.tokens.supervisor}` },
    });
    if (!response.ok) throw new Error(`knowledge's starter set: ${response.status} ${await response.text()}`);
    const loaded = (await response.json()) as {
      answers: { published: number };
      questions: { published: number };
    };
    console.log(
      `Starter set: ${loaded.answers.published} standard answers and ${loaded.questions.published} typical questions published (none on a later run).`,
    );
  }
  const client = new StackClient(info);
  const run = Date.now().toString(36);
  const outbox = join(dataDir, 'outbox');
  const address = (sample: SampleComplaint, n: number) => `${sample.language}.${n}.${run}@customers.example`;
  const filed: Filed[] = [];

  // 1. Six complaints over HTTP, one per language, through the web form, front desk and call centre.
  const httpChannels = ['web', 'branch', 'phone'] as const;
  for (const [i, sample] of samples.entries()) {
    const channel = httpChannels[i % httpChannels.length] as string;
    const email = address(sample, 1);
    const answer = await client.submit(
      {
        channel,
        externalRef: `demo-${run}-${i}`,
        customer: { name: sample.name, email, preferredLanguage: sample.language },
        subject: sample.subject,
        description: sample.description,
        ...(i % 2 === 0 ? { priority: 'high', category: 'billing' } : {}),
      },
      `demo-${run}-http-${i}`,
    );
    filed.push({
      sample,
      email,
      via: `HTTP (${channel})`,
      id: answer.body.complaintId,
      reference: answer.body.reference,
    });
  }

  // 2. Three over NATS (a postal scanning desk and a terminal publish to intake.complaints.<channel>).
  // As a channel gateway: the NATS user that may submit to intake.complaints.<channel>, nothing else.
  const { channel: gateway } = await loadOrCreateNatsCredentials(dataDir);
  const nc = await connect({
    servers: info.natsUrl.split(','),
    name: 'demo',
    authenticator: nkeyAuthenticator(new TextEncoder().encode(gateway.seed)),
    inboxPrefix: natsInboxPrefix('channel'),
  });
  for (const [i, sample] of samples.slice(3).entries()) {
    const channel = i === 1 ? 'post' : 'terminal';
    const email = address(sample, 2);
    const body = {
      channel,
      externalRef: `demo-${run}-nats-${i}`,
      customer: { name: sample.name, email, preferredLanguage: sample.language },
      subject: sample.subject,
      description: sample.description,
    };
    // A core request on a stream subject is answered by JetStream's publish acknowledgement.
    const ack = JSON.parse(
      new TextDecoder().decode(
        (await nc.request(`intake.complaints.${channel}`, JSON.stringify(body), { timeout: 5_000 })).data,
      ),
    ) as { stream?: string; error?: unknown };
    if (ack.stream !== 'INTAKE')
      throw new Error(`INTAKE did not take the submission: ${JSON.stringify(ack)}`);
    filed.push({ sample, email, via: `NATS (${channel})`, id: '', reference: '' });
  }
  await nc.drain();

  // 3. Three e-mails through the mail gateway endpoint.
  for (const [i, sample] of samples.slice(0, 3).entries()) {
    const email = address(sample, 3);
    await client.email(
      rawEmail({
        from: email,
        fromName: sample.name,
        subject: sample.subject,
        text: sample.description,
        language: sample.language,
        messageId: `demo-${run}-${i}@customers.example`,
      }),
    );
    filed.push({ sample, email, via: 'e-mail', id: '', reference: '' });
  }

  // 4. One through the portal's filing form, as a customer's browser sends it (CSRF cookie, form
  // token, the minimum fill time): first "Check for answers first", which suggests knowledge's
  // typical questions in Latvian, then the complaint itself.
  const lv = samples.find((sample) => sample.language === 'lv') ?? (samples[0] as SampleComplaint);
  const portalEmail = address(lv, 4);
  const portalForm = {
    name: lv.name,
    email: portalEmail,
    category: 'billing',
    subject: 'Rēķins šomēnes lielāks nekā parasti',
    description: 'Mans rēķins par šo mēnesi ir daudz lielāks nekā parasti, lai gan patēriņš nav mainījies.',
    consent: 'yes',
  };
  const viaPortal = await fileThroughPortal(info.urls.intake, 'lv', portalForm, PORTAL_FILL_WAIT_MS);
  console.log(
    `portal: "Check for answers first" suggested ${viaPortal.suggested.length} typical question(s)${viaPortal.suggested[0] ? ` ("${viaPortal.suggested[0]}")` : ''}; filed ${viaPortal.reference} through ${info.urls.intake}/portal/lv/complaint`,
  );
  filed.push({
    sample: { ...lv, subject: portalForm.subject },
    email: portalEmail,
    via: 'portal (form)',
    id: '',
    reference: '',
  });

  // Everything is filed and visible to supervisors (the projections read model) before we go on.
  for (const complaint of filed) {
    const item = await eventually(`${complaint.email} in the read model`, async () => {
      const page = await client.get<{ items: { id: string; reference: string }[] }>(
        'projections',
        `/v1/complaints?customer=${encodeURIComponent(complaint.email)}`,
      );
      return page?.items[0];
    });
    complaint.id = item.id;
    complaint.reference = item.reference;
    console.log(
      `filed ${complaint.reference}  ${complaint.sample.language}  ${complaint.via.padEnd(16)} ${complaint.sample.subject}`,
    );
  }

  const [a, b, c, d, e, f, g] = filed as [Filed, Filed, Filed, Filed, Filed, Filed, Filed];
  const resolutionLinks = async (complaint: Filed) =>
    eventually(`the resolution e-mail of ${complaint.reference} in ${outbox}`, async () => {
      const mail = (await readOutbox(outbox)).find(
        (m) =>
          m.to.includes(complaint.email) &&
          customerLinksIn(m.text).some((l) => l.complaintId === complaint.id),
      );
      return mail ? customerLinksIn(mail.text) : undefined;
    });
  const follow = async (url: string, form: Record<string, string>) => {
    const page = await client.customerLink(url, form);
    if (page.status !== 200)
      throw new Error(`the customer link answered ${page.status}: ${page.html.slice(0, 300)}`);
  };
  const link = (links: { url: string; action: string }[], action: string) => {
    const found = links.find((l) => l.action === action);
    if (!found) throw new Error(`no ${action} link in the resolution e-mail`);
    return found.url;
  };

  // A (en): acknowledged, triaged, assigned, resolved; the customer accepts and rates 5; closed.
  await client.command(a.id, 'acknowledge');
  await client.command(a.id, 'triage', { category: 'billing', priority: 'high', severity: 'moderate' });
  await client.command(a.id, 'assign', {
    team: 'cards',
    assigneeId: 'agent-alice',
    assigneeName: 'Alice Agent',
  });
  await client.command(a.id, 'resolve', {
    summary: 'The duplicate payment was refunded.',
    outcome: 'upheld',
    remedies: [{ type: 'refund', amount: { amount: '49.99', currency: 'GBP' } }],
    firstContact: false,
  });
  const aLinks = await resolutionLinks(a);
  await follow(link(aLinks, 'accept'), { comment: 'Thank you' });
  await follow(link(aLinks, 'survey'), { score: '5', comment: 'Quick and clear' });
  await client.command(a.id, 'close', { reason: 'accepted' });
  console.log(
    `${a.reference}: acknowledged, triaged, assigned, resolved, accepted by the customer, rated 5, closed`,
  );

  // B (uk): the agent asks for information, the customer answers by e-mail (threaded by [C-…]).
  await client.command(b.id, 'acknowledge');
  await client.command(b.id, 'request-customer-information', {
    question: 'Please send the date and amount of both payments.',
  });
  await client.email(
    rawEmail({
      from: b.email,
      fromName: b.sample.name,
      subject: `Re: [${b.reference}] ${b.sample.subject}`,
      text: '3 березня, 2 × 49,99 грн.',
      language: 'uk',
      messageId: `demo-${run}-reply@customers.example`,
    }),
  );
  console.log(`${b.reference}: acknowledged, information requested, the customer replied by e-mail`);

  // C (ru): escalated to level 2 by a supervisor at the customer's request.
  await client.command(c.id, 'acknowledge');
  await client.command(
    c.id,
    'escalate',
    { level: 2, reason: 'customer_request', to: 'supervisors', note: 'Third call this week' },
    'supervisor',
  );
  console.log(`${c.reference}: acknowledged, escalated to level 2`);

  // D (hu): resolved; the customer rejects the resolution, which reopens it; escalated for the reopening.
  await client.command(d.id, 'acknowledge');
  await client.command(d.id, 'resolve', {
    summary: 'The invoice was correct.',
    outcome: 'not_upheld',
    remedies: [{ type: 'apology', description: 'We explained the charges.' }],
    firstContact: false,
  });
  const dLinks = await resolutionLinks(d);
  await follow(link(dLinks, 'reject'), { reason: 'The charge appears twice on the invoice.' });
  console.log(`${d.reference}: resolved, rejected by the customer through the link (reopened)`);

  // E (lv): acknowledged and withdrawn by the customer.
  await client.command(e.id, 'acknowledge');
  await client.command(e.id, 'withdraw', { reason: 'Delivered after all' });
  console.log(`${e.reference}: acknowledged, withdrawn`);

  // F (ro): the console's local account `agent` (team cards) has it: "Assigned to me".
  await client.command(f.id, 'acknowledge');
  await client.command(f.id, 'triage', { category: 'billing', priority: 'urgent', severity: 'major' });
  await client.command(f.id, 'assign', { team: 'cards', assigneeId: 'agent', assigneeName: 'Local agent' });
  await client.command(f.id, 'add-note', {
    visibility: 'internal',
    text: 'Called the customer: the second charge is still pending at the bank.',
  });
  console.log(
    `${f.reference}: acknowledged, triaged urgent, assigned to the local agent (team cards), a note`,
  );

  // G (over NATS): assigned to team cards, to no one yet: "My team's" of the agent and the supervisor.
  await client.command(g.id, 'acknowledge');
  await client.command(g.id, 'assign', { team: 'cards' });
  console.log(`${g.reference}: acknowledged, assigned to team cards`);

  const mails = await readOutbox(outbox);
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const statsPath = `/v1/stats/overview?from=${from}&to=${to}`;
  const stats = await client.get<{ groups: { total: number; byStatus: Record<string, number> }[] }>(
    'projections',
    statsPath,
  );
  const all = stats?.groups[0];
  const counts = Object.entries(all?.byStatus ?? {})
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const stackFile = join(dataDir, 'stack.json');
  // Tokens are not printed (scrollback and logs keep them): the commands read them from stack.json.
  const token = (role: string) => `$(node -p "require('${stackFile}').tokens.${role}")`;
  const look = info.consoleUrl
    ? `Look at them in the console: ${info.consoleUrl}
  sign in as agent: "Assigned to me" holds ${f.reference}, "My team's" (cards) ${a.reference}, ${f.reference}
    and ${g.reference}, "Unassigned" those no one has yet; open one for its deadlines, timeline,
    audit trail and actions;
  as supervisor: the same queues, with the supervisors' decisions; as admin: the system at /admin.
  The passwords were printed by the first \`npm start\` (${join(dataDir, 'identity', 'identity.json')}
  keeps only their hashes; delete it and restart for new ones).
`
    : '';
  console.log(`
${filed.length} complaints filed in six languages over HTTP, NATS, e-mail and the portal (${info.urls.intake}/portal).
The read model holds ${all?.total ?? 0} complaints of the last 30 days (${counts}); ${mails.length} e-mails are in ${outbox}.
${look}
Or with curl (the role tokens are in ${stackFile}):
  curl -s '${info.urls.projections}/v1/complaints?limit=20' -H "Authorization: Bearer ${token('supervisor')}"
  curl -s '${info.urls.projections}${statsPath}' -H "Authorization: Bearer ${token('supervisor')}"
  curl -s '${info.urls.complaints}/v1/complaints/${a.id}/events' -H "Authorization: Bearer ${token('supervisor')}"`);
}

main().catch((error: unknown) => {
  console.error(`npm run demo: ${(error as Error).message}`);
  process.exit(1);
});
