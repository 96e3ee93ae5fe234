// The consumers' side of sealed events: `PersonalDataOpener` opens what the relay publishes with keys
// fetched in batches (one fetch per tick, each key once while cached), gives the stand-ins once a
// key is erased, and passes events without a sealed patch (published before encryption) as they are.

import { randomUUID } from 'node:crypto';
import { ERASED_EMAIL, ERASED_TEXT } from '@chp/contracts';
import { type KeyLookup, MemoryKeyStore, PersonalDataCipher, PersonalDataOpener } from '@chp/eventstore';

const filed = (name: string, email: string) => ({
  id: randomUUID(),
  type: 'ComplaintFiled',
  data: {
    by: { id: 'web', role: 'channel' },
    at: '2026-03-02T09:00:00Z',
    customer: { name, email, preferredLanguage: 'en' },
    subject: `Refund for ${name}`,
    description: 'Twice charged.',
  },
});

async function setup() {
  const keys = new MemoryKeyStore();
  const cipher = new PersonalDataCipher(keys);
  const fetches: string[][] = [];
  const opener = new PersonalDataOpener(async (kids) => {
    fetches.push([...kids]);
    return new Map<string, KeyLookup>(
      await Promise.all(kids.map(async (kid) => [kid, await keys.getKey(kid)] as const)),
    );
  });
  const seal = async (stream: string, event: ReturnType<typeof filed>) => {
    const [stored] = await cipher.protect(stream, [event]);
    return stored!;
  };
  return { keys, cipher, fetches, opener, seal };
}

it('opens sealed events with one fetch per tick, each key once while cached', async () => {
  const { fetches, opener, seal } = await setup();
  const events = await Promise.all([
    seal('complaint-a', filed('Ada Quinterra', 'ada@example.com')),
    seal('complaint-b', filed('Bob Vantablack', 'bob@example.com')),
    seal('complaint-c', filed('Ada Quinterra', 'ada@example.com')),
  ]);
  expect(JSON.stringify(events)).not.toContain('Quinterra');
  const opened = (await Promise.all(events.map((e) => opener.open(e.data, e.id)))) as {
    customer: { name: string };
  }[];
  expect(opened.map((d) => d.customer.name)).toEqual(['Ada Quinterra', 'Bob Vantablack', 'Ada Quinterra']);
  expect(fetches).toEqual([[expect.any(String), expect.any(String)]]);
  // Cached: no second fetch.
  const again = (await opener.openCloudEvent(
    new TextEncoder().encode(JSON.stringify({ id: events[1]!.id, data: events[1]!.data })),
  )) as { data: { customer: { email: string } } };
  expect(again.data.customer.email).toBe('bob@example.com');
  expect(fetches).toHaveLength(1);
});

it('gives the stand-ins once the key is erased, and passes unsealed data as it is', async () => {
  const { cipher, opener, seal } = await setup();
  const event = await seal('complaint-a', filed('Ada Quinterra', 'ada@example.com'));
  await cipher.eraseCustomerOf('complaint-a');
  const data = (await opener.open(event.data, event.id)) as Record<string, unknown>;
  expect(data.customer).toEqual({ name: ERASED_TEXT, email: ERASED_EMAIL, preferredLanguage: 'en' });
  expect(data).not.toHaveProperty('_personal');
  const plain = filed('Old Customer', 'old@example.com').data;
  expect(await opener.open(plain, randomUUID())).toBe(plain);
});

it('a failed fetch fails the open (the message is retried), and is not remembered', async () => {
  const keys = new MemoryKeyStore();
  const cipher = new PersonalDataCipher(keys);
  const [event] = await cipher.protect('complaint-a', [filed('Ada Quinterra', 'ada@example.com')]);
  let fail = true;
  const opener = new PersonalDataOpener(async (kids) => {
    if (fail) throw new Error('no responders');
    return new Map<string, KeyLookup>(
      await Promise.all(kids.map(async (kid) => [kid, await keys.getKey(kid)] as const)),
    );
  });
  await expect(opener.open(event!.data, event!.id)).rejects.toThrow('no responders');
  fail = false;
  expect(((await opener.open(event!.data, event!.id)) as { customer: { name: string } }).customer.name).toBe(
    'Ada Quinterra',
  );
});
