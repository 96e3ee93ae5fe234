// A customer's erasure through the running stack (separate processes, nats-server with its accounts,
// PostgreSQL schemas for the stores so that the test can read them while the services run): a
// customer with three complaints in three statuses, and a dead letter of theirs, is erased; then
// every store is searched raw — the event store's rows, every read-model table, the sent log, every
// message of every JetStream stream (COMPLAINTS, INTAKE, NOTIFICATIONS, DEAD_LETTERS, the KV
// buckets' streams) and the outbox — and none holds their name, e-mail or phone. Another customer
// is still found everywhere the search looks (so the search can fail), and the statistics stay.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually } from '@chp/stack';
import { type PostgresServerResult, postgresServer, postgresServerAvailability } from '@chp/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { type E2E, startE2E } from './support/e2e.js';

jest.setTimeout(300_000);

const run = Date.now().toString(36);
const ada = {
  name: `Adelheid Quinterra${run}`,
  email: `adelheid.${run}@customers.example`,
  phone: '+447700900321',
  preferredLanguage: 'en' as const,
};
const bob = {
  name: `Bartholomew Vantablack${run}`,
  email: `bartholomew.${run}@customers.example`,
  phone: '+447700900999',
  preferredLanguage: 'en' as const,
};
const traces = (who: typeof ada) => [who.name, who.email, who.phone].map((t) => t.toLowerCase());

interface SummaryItem {
  id: string;
  status: string;
}
type Stats = { groups: { total: number; byStatus: Record<string, number> }[] };

const availability = postgresServerAvailability();
const describePg = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`erasure.e2e skipped: ${availability.reason}`);

let e2e: E2E;
const schemas: { name: string; db: Extract<PostgresServerResult, { available: true }> }[] = [];

beforeAll(async () => {
  if (!availability.available) return;
  for (const name of ['complaints', 'projections', 'notifications']) {
    const db = await postgresServer();
    if (!db.available) throw new Error(db.reason);
    schemas.push({ name, db });
  }
  const url = (name: string) => schemas.find((s) => s.name === name)!.db.url;
  e2e = await startE2E({
    serviceEnv: {
      complaints: { EVENT_STORE_URL: url('complaints') },
      projections: { READ_MODEL_URL: url('projections') },
      notifications: { SENT_LOG_URL: url('notifications') },
    },
  });
});

afterAll(async () => {
  await e2e?.stop();
  for (const { db } of schemas) await db.close();
});

/** Every row of every table of a schema, as lowercase text. */
async function schemaText(db: Extract<PostgresServerResult, { available: true }>): Promise<string> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [db.schema],
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM "${db.schema}"."${table_name}" t`,
      );
      parts.push(`${table_name}:\n${rows.rows.map((r) => r.row).join('\n')}`);
    }
    return parts.join('\n').toLowerCase();
  } finally {
    await client.end();
  }
}

/** Every stored message of every stream (data and headers; a dead letter's payload decoded), per stream, lowercase. */
async function jetStreamText(nc: NatsConnection): Promise<Map<string, string>> {
  const jsm = await jetstreamManager(nc);
  const out = new Map<string, string>();
  for await (const info of jsm.streams.list()) {
    const name = info.config.name;
    const parts: string[] = [];
    for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(name, { seq });
      if (message === null) continue;
      const text = new TextDecoder().decode(message.data);
      parts.push(text, message.header ? JSON.stringify([...message.header]) : '');
      const payload = /"payloadBase64":"([^"]*)"/.exec(text)?.[1];
      if (payload) parts.push(Buffer.from(payload, 'base64').toString('utf8'));
    }
    out.set(name, parts.join('\n').toLowerCase());
  }
  return out;
}

async function outboxText(): Promise<string> {
  const dir = join(e2e.stack.dataDir, 'outbox');
  const files = await readdir(dir).catch(() => [] as string[]);
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n').toLowerCase();
}

const found = (text: string, who: typeof ada) => traces(who).filter((t) => text.includes(t));

async function inReadModel(email: string, count: number): Promise<SummaryItem[]> {
  return eventually(`${count} complaints of ${email} in the read model`, async () => {
    const page = await e2e.client.get<{ items: SummaryItem[] }>(
      'projections',
      `/v1/complaints?customer=${encodeURIComponent(email)}`,
    );
    return page && page.items.length === count ? page.items : undefined;
  });
}

async function stats(): Promise<Stats['groups']> {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  return (await e2e.client.get<Stats>('projections', `/v1/stats/overview?from=${from}&to=${to}`))!.groups;
}

describePg('erasure across every store', () => {
  test('no store holds the erased customer, another customer is untouched, statistics stay', async () => {
    const { client } = e2e;
    const submit = (customer: typeof ada, n: number) =>
      client.submit(
        {
          channel: 'web',
          externalRef: `erase-${run}-${customer === ada ? 'a' : 'b'}-${n}`,
          customer,
          subject: `Double charge for ${customer.name}`,
          description: `Please call ${customer.name} on ${customer.phone} or write to ${customer.email}.`,
        },
        `erase-${run}-${customer === ada ? 'a' : 'b'}-${n}`,
      );
    for (const n of [1, 2, 3]) await submit(ada, n);
    await submit(bob, 1);
    const adas = await inReadModel(ada.email, 3);
    await inReadModel(bob.email, 1);

    // Three statuses: received, resolved, closed.
    const [, resolved, closed] = adas.map((a) => a.id).sort();
    for (const id of [resolved!, closed!]) {
      await client.command(id, 'acknowledge');
      await client.command(id, 'add-note', { visibility: 'customer', text: `Dear ${ada.name}, noted.` });
      await client.command(id, 'resolve', {
        summary: `Refunded ${ada.name}.`,
        outcome: 'upheld',
        remedies: [],
        firstContact: false,
      });
    }
    await client.command(closed!, 'accept-resolution', {
      source: 'by phone',
      comment: `Thanks, ${ada.name}`,
    });
    await client.command(closed!, 'close', { reason: 'accepted' });

    // A dead letter of each customer: a submission intake cannot file (no subject), over NATS.
    const channel = await connect(e2e.stack.natsClientOptions('channel'));
    for (const customer of [ada, bob]) {
      await channel
        .request(
          'intake.complaints.terminal',
          JSON.stringify({ channel: 'terminal', customer, description: `from ${customer.email}` }),
          { timeout: 10_000 },
        )
        .catch(() => undefined);
    }
    await channel.drain();
    const operator = await connect(e2e.stack.natsClientOptions('operator'));
    try {
      await eventually('both dead letters stored', async () => {
        const text = (await jetStreamText(operator)).get('DEAD_LETTERS') ?? '';
        return text.includes(ada.email) && text.includes(bob.email) ? true : undefined;
      });
      await eventually('the mails sent and the closing projected', async () => {
        const items = await inReadModel(ada.email, 3);
        const sent = e2e.smtp.messages.filter((m) => m.envelope.to.includes(ada.email)).length;
        return sent >= 5 && items.some((i) => i.status === 'closed') ? true : undefined;
      });
      const before = await stats();

      // Erase (admin only), on the received complaint: all three go.
      const [received] = adas.map((a) => a.id).sort();
      const response = await fetch(
        `${e2e.stack.urls.complaints}/v1/complaints/${received}/erase-customer-data`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${e2e.tokens.admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'The customer asked to be forgotten.' }),
        },
      );
      expect(response.status).toBe(200);
      // The read model re-projects with the stand-ins: searching by the e-mail finds nothing.
      await eventually('the read model without the customer', async () => {
        const page = await client.get<{ items: SummaryItem[] }>(
          'projections',
          `/v1/complaints?customer=${encodeURIComponent(ada.email)}`,
        );
        return page?.items.length === 0 ? true : undefined;
      });

      // Every store, raw. The notifications directory is erased when it sees CustomerDataErased.
      const stores = await eventually('no store holding the customer', async () => {
        const all = new Map<string, string>();
        for (const { name, db } of schemas) all.set(`postgres ${name}`, await schemaText(db));
        for (const [stream, text] of await jetStreamText(operator)) all.set(`stream ${stream}`, text);
        all.set('outbox', await outboxText());
        return [...all.values()].some((text) => found(text, ada).length > 0) ? undefined : all;
      }).catch(async (error: unknown) => {
        // Name where the customer was found, for the failure message.
        const where: Record<string, string[]> = {};
        for (const { name, db } of schemas) where[`postgres ${name}`] = found(await schemaText(db), ada);
        for (const [stream, text] of await jetStreamText(operator))
          where[`stream ${stream}`] = found(text, ada);
        where.outbox = found(await outboxText(), ada);
        const snippets: string[] = [];
        const scan = (store: string, text: string) => {
          for (const t of traces(ada)) {
            const at = text.indexOf(t);
            if (at >= 0) snippets.push(`${store}: …${text.slice(Math.max(0, at - 400), at + 100)}…`);
          }
        };
        for (const { name, db } of schemas) scan(name, await schemaText(db));
        for (const [stream, text] of await jetStreamText(operator)) scan(stream, text);
        throw new Error(`${String(error)}: ${JSON.stringify(where)}\n${snippets.join('\n')}`);
      });
      const streams = [...stores.keys()];
      for (const stream of ['COMPLAINTS', 'INTAKE', 'NOTIFICATIONS', 'DEAD_LETTERS'])
        expect(streams).toContain(`stream ${stream}`);
      expect(streams.some((s) => s.startsWith('stream KV_'))).toBe(true);

      // The search can find: the other customer is in the read model and in their dead letter (their
      // data is sealed in the event store and on COMPLAINTS, and INTAKE dropped their submission).
      expect(found(stores.get('postgres projections')!, bob)).toEqual(traces(bob));
      expect(found(stores.get('stream DEAD_LETTERS')!, bob)).toContain(bob.email);
      for (const store of ['postgres complaints', 'stream COMPLAINTS', 'stream INTAKE'])
        expect({ store, found: found(stores.get(store)!, bob) }).toEqual({ store, found: [] });

      // The statistics are unchanged.
      expect(await stats()).toEqual(before);
    } finally {
      await operator.drain();
    }
  });
});
