// GDPR erasure in the portal's own stores: on CustomerDataErased the view in KV `intake-portal` keeps
// no text of the customer's or about them, and the complaint's one-time links in
// `intake-portal-links` are purged. Read raw from the buckets' streams (every stored message, not
// only the latest value), with the real complaints service erasing the customer.
import { kvBuckets, subjects } from '@chp/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Subscription } from '@nats-io/transport-node';
import { FormClient, hiddenValue, type PortalHarness, startPortal } from './support/portal.js';

let h: PortalHarness;
let linkUrls: string[];
let subscription: Subscription;
beforeAll(async () => {
  h = await startPortal({
    PORTAL_LIMIT_PER_ADDRESS: '1000',
    PORTAL_LIMIT_PER_EMAIL: '1000',
    PORTAL_SHOW_ASSIGNEE: 'true',
  });
  linkUrls = [];
  subscription = h.nc.subscribe(subjects.intake.portalLinkRequested, {
    callback: (_error, message) => {
      linkUrls.push((message.json() as { url: string }).url);
    },
  });
  await h.nc.flush();
}, 120_000);
afterAll(async () => {
  subscription?.unsubscribe();
  await h?.close();
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every message the bucket's stream holds (all revisions it keeps), as text. */
async function rawBucket(bucket: string): Promise<string[]> {
  const jsm = await jetstreamManager(h.nc);
  const stream = `KV_${bucket}`;
  const { state } = await jsm.streams.info(stream);
  const texts: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (message) texts.push(`${message.subject} ${new TextDecoder().decode(message.data)}`);
  }
  return texts;
}

const customer = {
  name: 'Kovács Erzsébet',
  email: 'erzsebet.kovacs.erasure@example.hu',
  phone: '+36301234567',
};
const texts = {
  note: 'Erzsébet asszony számláját ellenőrizzük.',
  question: 'Kérjük, küldje el a 2026/77 számú számlát.',
  reply: 'A számla száma 2026/77, telefonom +36301234567.',
  assignee: 'Szabó Péter',
};

describe('erasing a customer in the portal', () => {
  it('masks the view, purges its one-time links, and keeps no old revision', async () => {
    const form = new FormClient(h.url);
    const page = await form.get('/portal/hu/complaint');
    h.advance(5_000);
    const filed = await form.post('/portal/hu/complaint', {
      token: hiddenValue(page.html, 'token'),
      ...customer,
      subject: 'Kétszer számlázták',
      description: 'A novemberi számlámon kétszer szerepel ugyanaz a tétel.',
      consent: 'yes',
    });
    const reference = /class="reference">([^<]+)</.exec(filed.html)?.[1] ?? '';
    const complaintId = (await h.deps.ledger.complaintIdOf(reference)) ?? '';
    expect(complaintId).not.toBe('');

    // Two links: one opens the status page, the other stays unused in the links bucket.
    const ask = async () => {
      const client = new FormClient(h.url);
      const followPage = await client.get('/portal/hu/follow');
      h.advance(5_000);
      const before = linkUrls.length;
      await client.post('/portal/hu/follow', {
        token: hiddenValue(followPage.html, 'token'),
        reference,
        contact: customer.email,
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return linkUrls.length > before ? linkUrls[linkUrls.length - 1] : undefined;
    };
    const first = new URL(await waitFor('a link', ask));
    const unused = new URL(await waitFor('a second link', ask));
    const session = new FormClient(h.url);
    const button = await session.get(first.pathname);
    await session.post(first.pathname, { token: hiddenValue(button.html, 'token') });

    await h.complaints.command(complaintId, 'AcknowledgeComplaint', {});
    await h.complaints.command(complaintId, 'AddNote', { visibility: 'customer', text: texts.note });
    await h.complaints.command(complaintId, 'AssignComplaint', {
      team: 'billing',
      assigneeId: 'agent-7',
      assigneeName: texts.assignee,
    } as never);
    await h.complaints.command(complaintId, 'RequestCustomerInformation', { question: texts.question });
    const status = await waitFor('the question on the status page', async () => {
      const shown = await session.get('/portal/hu/status');
      return shown.html.includes(texts.question) ? shown : undefined;
    });
    const replied = await session.post('/portal/hu/status/reply', {
      token: hiddenValue(status.html, 'token'),
      message: texts.reply,
    });
    expect(replied.res.status).toBe(200);
    const views = await new Kvm(h.js).open(kvBuckets.intakePortal);
    await waitFor('the reply in the view', async () => {
      const entry = await views.get(`v.${complaintId}`);
      return entry?.string().includes(texts.reply) ? true : undefined;
    });
    // Before: the texts are there (the test can fail), the unused link too.
    const before = (await rawBucket(kvBuckets.intakePortal)).join('\n');
    for (const text of [texts.note, texts.question, texts.reply, texts.assignee])
      expect(before).toContain(text);
    expect((await rawBucket(kvBuckets.intakePortalLinks)).join('\n')).toContain(complaintId);

    const erased = await h.complaints.send(
      complaintId,
      'EraseCustomerData',
      { reason: 'GDPR art. 17 request' } as never,
      ['admin'],
    );
    expect(erased.status).toBeLessThan(300);
    await waitFor('the erasure in the view', async () => {
      const entry = await views.get(`v.${complaintId}`);
      return entry?.string().includes('personalDataErasedAt') ? true : undefined;
    });

    const after = (await rawBucket(kvBuckets.intakePortal)).join('\n');
    for (const text of [
      customer.name,
      customer.email,
      customer.phone,
      texts.note,
      texts.question,
      texts.reply,
      texts.assignee,
      '2026/77',
    ])
      expect({ text, found: after.includes(text) }).toEqual({ text, found: false });
    expect(after).toContain('[erased]');
    // The contact digests are gone: the complaint can no longer be followed.
    const view = JSON.parse((await views.get(`v.${complaintId}`))?.string() ?? '{}') as {
      contact: object;
      hasEmail: boolean;
    };
    expect(view).toMatchObject({ contact: {}, hasEmail: false });
    // Only the purge markers stay: empty, on the keys' subjects.
    const links = await rawBucket(kvBuckets.intakePortalLinks);
    expect(links.filter((text) => text.split(' ')[1] !== '')).toEqual([]);
    // The unused link no longer opens anything.
    const late = new FormClient(h.url);
    const lateButton = await late.get(unused.pathname);
    const used = await late.post(unused.pathname, { token: hiddenValue(lateButton.html, 'token') });
    expect(used.res.status).not.toBe(303);
    // The status page shows the stand-ins.
    const shown = await session.get('/portal/hu/status');
    expect(shown.html).not.toContain(texts.note);
    expect(shown.html).not.toContain(texts.reply);
  }, 120_000);
});
