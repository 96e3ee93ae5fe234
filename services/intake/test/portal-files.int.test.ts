import { subjects } from '@chp/contracts';
import type { Subscription } from '@nats-io/transport-node';
import { FormClient, hiddenValue, type PortalHarness, startPortal } from './support/portal.js';

// The customer sees their own files only: the status page lists the session's complaint's files
// and serves them through the session; another complaint's file id is a 404 page, no session a 401.
let h: PortalHarness;
let links: string[];
let subscription: Subscription;
beforeAll(async () => {
  h = await startPortal({ PORTAL_LIMIT_PER_ADDRESS: '1000', PORTAL_LIMIT_PER_EMAIL: '1000' });
  links = [];
  subscription = h.nc.subscribe(subjects.intake.portalLinkRequested, {
    callback: (_error, message) => {
      links.push((message.json() as { url: string }).url);
    },
  });
  await h.nc.flush();
});
afterAll(async () => {
  subscription.unsubscribe();
  await h.close();
});

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
let counter = 0;

async function fileWithFile(fileName: string) {
  counter += 1;
  const email = `files.${counter}.${Date.now()}@example.hu`;
  const client = new FormClient(h.url);
  const page = await client.get('/portal/en/complaint');
  h.advance(5_000);
  const { html } = await client.postMultipart(
    '/portal/en/complaint',
    {
      token: hiddenValue(page.html, 'token'),
      name: 'Anna Kovács',
      email,
      subject: `Wrong bill ${counter}`,
      description: 'My November bill lists the same item twice.',
      consent: 'yes',
    },
    [{ name: fileName, bytes: pdf }],
  );
  const reference = /class="reference">([^<]+)</.exec(html)?.[1] ?? '';
  const complaintId = (await h.deps.ledger.complaintIdOf(reference)) ?? '';
  const filed = (await h.complaints.eventsOf(complaintId))[0]?.data as {
    attachments: { objectKey: string }[];
  };
  return { reference, email, complaintId, fileId: filed.attachments[0]?.objectKey ?? '' };
}

async function openStatus(reference: string, email: string) {
  const deadline = Date.now() + 30_000;
  const client = new FormClient(h.url);
  for (;;) {
    const before = links.length;
    const page = await client.get('/portal/en/follow');
    h.advance(5_000);
    await client.post('/portal/en/follow', {
      token: hiddenValue(page.html, 'token'),
      reference,
      contact: email,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = links.slice(before)[0];
    if (sent) {
      const path = new URL(sent).pathname;
      const button = await client.get(path);
      await client.post(path, { token: hiddenValue(button.html, 'token') });
      return client;
    }
    if (Date.now() > deadline) throw new Error('no link was sent');
  }
}

describe('the status page’s files', () => {
  it("lists and serves the session's complaint's files, and no other complaint's", async () => {
    const mine = await fileWithFile('számla.pdf');
    const other = await fileWithFile('other-customer.pdf');
    const client = await openStatus(mine.reference, mine.email);
    const status = await client.get('/portal/en/status');
    expect(status.html).toContain(`href="/portal/en/status/files/${mine.fileId}"`);
    expect(status.html).toContain('számla.pdf');
    expect(status.html).not.toContain('other-customer.pdf');

    const download = await client.get(`/portal/en/status/files/${mine.fileId}`);
    expect(download.res.status).toBe(200);
    expect(download.html).toBe(pdf.toString('latin1'));
    expect(download.res.headers.get('content-type')).toBe('application/pdf');
    expect(download.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.res.headers.get('content-disposition')).toMatch(/^attachment;/);

    expect((await client.get(`/portal/en/status/files/${other.fileId}`)).res.status).toBe(404);
    expect((await client.get('/portal/en/status/files/..%2F..%2Fetc%2Fpasswd')).res.status).toBe(404);
    const stranger = new FormClient(h.url);
    expect((await stranger.get(`/portal/en/status/files/${mine.fileId}`)).res.status).toBe(401);
  });
});
