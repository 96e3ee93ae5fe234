// The operator's tools against the stack as `npm start` runs it (processes, NATS accounts): a
// malformed submission dead-lettered by intake, listed by complaints' dead-letter desk with its
// personal data masked, replayed corrected (twice: one complaint), discarded, and the relay's status.
import { eventually } from '@chp/stack';
import { connect } from '@nats-io/transport-node';
import { type E2E, startE2E } from './support/e2e.js';

jest.setTimeout(300_000);

interface Letter {
  sequence: number;
  subject: string;
  originalSubject: string;
  reason: string;
  preview: string;
  deadAt: string;
  replay: string;
  decisions: { action: string; by: string; at: string; corrected?: boolean }[];
}

let e2e: E2E;
const run = Date.now().toString(36);
const email = `zora.${run}@customers.example`;
const name = `Zora Operatorova ${run}`;
const phone = '+380447654321';

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

const submission = (externalRef: string, overrides: Record<string, unknown> = {}) => ({
  channel: 'post',
  externalRef,
  customer: { name, email, phone, preferredLanguage: 'en' },
  subject: 'The scanned letter',
  description: `Dear bank, call me on ${phone} or write to ${email}.`,
  ...overrides,
});

/** Published as a postal scanning desk would (the `channel` NATS user), answered by JetStream. */
async function publishAsChannel(body: unknown): Promise<void> {
  const nc = await connect(e2e.stack.natsClientOptions('channel'));
  try {
    await nc.request('intake.complaints.post', JSON.stringify(body), { timeout: 10_000 });
  } finally {
    await nc.drain();
  }
}

const admin = (
  path: string,
  init: { method?: string; body?: unknown; as?: 'admin' | 'agent' | 'supervisor' } = {},
) =>
  fetch(`${e2e.stack.urls.complaints}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${e2e.tokens[init.as ?? 'admin']}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

async function letters(query = ''): Promise<Letter[]> {
  const response = await admin(`/admin/v1/dead-letters${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { letters: Letter[] }).letters;
}

const letterOf = (externalRef: string, query = '') =>
  eventually(`the dead letter of ${externalRef}`, async () =>
    (await letters(query)).find((l) => l.preview.includes(externalRef)),
  );

async function complaintsOf(customer: string): Promise<{ id: string }[]> {
  const page = await e2e.client.get<{ items: { id: string }[] }>(
    'projections',
    `/v1/complaints?customer=${encodeURIComponent(customer)}`,
  );
  return page?.items ?? [];
}

test('a malformed submission is a dead letter with its reason and a masked preview; a corrected replay files it once', async () => {
  const ref = `scan-${run}-1`;
  // No description: the submission schema refuses it, and intake dead-letters it on intake.dead.post.
  const { description: _omitted, ...malformed } = submission(ref);
  await publishAsChannel(malformed);

  const letter = await letterOf(ref);
  expect(letter).toMatchObject({
    subject: 'intake.dead.post',
    originalSubject: 'intake.complaints.post',
    replay: 'intake',
    decisions: [],
  });
  expect(letter.reason).toMatch(/^schema: /);
  expect(Date.parse(letter.deadAt)).not.toBeNaN();
  for (const personal of [email, name, phone, 'The scanned letter'])
    expect(letter.preview).not.toContain(personal);
  expect(letter.preview).toContain('•••');

  // Only admins.
  for (const as of ['agent', 'supervisor'] as const) {
    expect((await admin('/admin/v1/dead-letters', { as })).status).toBe(403);
    expect(
      (
        await admin('/admin/v1/dead-letters/replay', {
          method: 'POST',
          body: { sequences: [letter.sequence] },
          as,
        })
      ).status,
    ).toBe(403);
  }

  // The operator replays a corrected copy, twice (a double click): intake files one complaint.
  const corrected = submission(ref);
  for (let i = 0; i < 2; i++) {
    const replayed = await admin('/admin/v1/dead-letters/replay', {
      method: 'POST',
      body: { sequences: [letter.sequence], payload: corrected },
    });
    expect(replayed.status).toBe(200);
  }
  const filed = await eventually(`${email}'s complaint`, async () => {
    const items = await complaintsOf(email);
    return items.length > 0 ? items : undefined;
  });
  expect(filed).toHaveLength(1);

  const after = (await letters()).find((l) => l.sequence === letter.sequence);
  expect(after?.decisions).toEqual([
    {
      action: 'replayed',
      by: 'local-admin',
      at: expect.any(String),
      to: 'intake.complaints.post',
      corrected: true,
    },
    {
      action: 'replayed',
      by: 'local-admin',
      at: expect.any(String),
      to: 'intake.complaints.post',
      corrected: true,
    },
  ]);
  expect((await letters('?state=open')).some((l) => l.sequence === letter.sequence)).toBe(false);

  // Still one, a while later (the second replay had time to be filed, were it to file another).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(await complaintsOf(email)).toHaveLength(1);
});

test('a discarded dead letter leaves the list, and the decision is recorded', async () => {
  const ref = `scan-${run}-2`;
  const { subject: _omitted, ...malformed } = submission(ref);
  await publishAsChannel(malformed);
  const letter = await letterOf(ref);

  const discarded = await admin('/admin/v1/dead-letters/discard', {
    method: 'POST',
    body: { sequences: [letter.sequence] },
  });
  expect(discarded.status).toBe(200);
  expect((await letters()).some((l) => l.sequence === letter.sequence)).toBe(false);
  const kept = (await letters('?state=discarded')).find((l) => l.sequence === letter.sequence);
  expect(kept?.decisions).toEqual([{ action: 'discarded', by: 'local-admin', at: expect.any(String) }]);

  const unknown = await admin('/admin/v1/dead-letters/discard', {
    method: 'POST',
    body: { sequences: [999_999] },
  });
  expect(unknown.status).toBe(404);
});

test("the relay's status: its position and lag behind the event store", async () => {
  const status = await eventually('a relay checkpoint', async () => {
    const response = await admin('/admin/v1/relay');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { position: string | null };
    return body.position === null ? undefined : body;
  });
  expect(status).toEqual({
    checkpointId: 'complaints-relay',
    position: expect.any(String),
    lag: { events: expect.any(Number), seconds: expect.any(Number), atLeast: false },
    replica: { relayEnabled: true, leading: true, published: expect.any(Number), deadLettered: 0 },
  });
  expect((await admin('/admin/v1/relay', { as: 'supervisor' })).status).toBe(403);
});
