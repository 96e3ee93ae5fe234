// The attacks of issue 22 (section 1) on a server with the users and permissions of @chp/contracts:
// each is tried with every user's credentials and refused, except where the table grants it to the
// one service whose job it is (asserted too). A client with no credentials is not let in at all.
import {
  kvBuckets,
  type NatsUserName,
  natsInboxPrefix,
  natsPermissions,
  natsUserNames,
  streams,
  subjects,
} from '@chp/contracts';
import { connect, ensurePlatformStreams, NatsAuthorizationError } from '@chp/messaging';
import { type NatsHandle, nats } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { type NatsConnection, connect as natsConnect } from '@nats-io/transport-node';

jest.setTimeout(60_000);

let server: NatsHandle;
/** Test code connects without credentials: the test server maps that to the operator. */
let operator: NatsConnection;

// With NATS_URL, the server's users are not the test's to know: the attacks need a server of their own.
const describeOwned = process.env.NATS_URL ? describe.skip : describe;
if (process.env.NATS_URL)
  console.log('skipped: NATS_URL is set; these attacks need a nats-server of their own');

beforeAll(async () => {
  if (process.env.NATS_URL) return;
  server = await nats();
  operator = await natsConnect({ servers: server.url });
  await ensurePlatformStreams(await jetstreamManager(operator));
  const js = jetstream(operator);
  await js.publish(subjects.complaints.event('ComplaintFiled'), '{"real":true}');
  const kvm = new Kvm(js);
  await (await kvm.create(kvBuckets.intakeLedger)).put('r.C-SECRET', '{"email":"customer@example.com"}');
  await (await kvm.create(kvBuckets.complaintsLeases)).put('relay', 'holder');
});

afterAll(async () => {
  await operator?.close();
  await server?.stop();
});

const services = natsUserNames.filter((user) => user !== 'operator');

/** A connection as `user`, which records the permission violations the server reports. */
async function as(user: NatsUserName) {
  const credentials = server.credentials(user);
  if (!credentials) throw new Error(`no credentials for ${user}`);
  const nc = await connect({ servers: server.url, auth: credentials, inboxPrefix: natsInboxPrefix(user) });
  const refusals: string[] = [];
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error' && /permissions violation/i.test(status.error.message)) {
        refusals.push(status.error.message);
      }
    }
  })();
  return { nc, refusals };
}

/** Runs `attempt`, and tells whether the server refused it (an error naming the violation). */
async function refused(
  user: NatsUserName,
  attempt: (nc: NatsConnection) => Promise<unknown>,
): Promise<boolean> {
  const { nc, refusals } = await as(user);
  try {
    await attempt(nc).catch((error: Error) => refusals.push(error.message));
    await nc.flush();
    // The server's -ERR arrives asynchronously after the offending message.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return refusals.some((message) => /permissions violation|permission/i.test(message));
  } finally {
    await nc.close();
  }
}

/** Messages that reach `subject` (as the operator sees them) while `action` runs. */
async function arrivals(subject: string, action: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const sub = operator.subscribe(subject, {
    callback: () => {
      count++;
    },
  });
  await operator.flush();
  await action();
  await new Promise((resolve) => setTimeout(resolve, 150));
  sub.unsubscribe();
  return count;
}

const forgedFiling = JSON.stringify({
  type: 'FileComplaint',
  receivedAt: '1970-01-01T00:00:00.000Z',
  actor: { id: 'system/sla-monitor', role: 'system' },
});

describeOwned('forged commands: only intake and the console may send complaints.cmd.*', () => {
  it.each(services)('complaints.cmd.file with a back-dated receivedAt, as %s', async (user) => {
    const mayCommand = user === 'intake' || user === 'console';
    let wasRefused = false;
    const arrived = await arrivals(subjects.complaints.file, async () => {
      wasRefused = await refused(user, async (nc) => nc.publish(subjects.complaints.file, forgedFiling));
    });
    expect({ wasRefused, arrived }).toEqual(
      mayCommand ? { wasRefused: false, arrived: 1 } : { wasRefused: true, arrived: 0 },
    );
  });

  it.each(services)('complaints.cmd.reject-resolution as a "supervisor", as %s', async (user) => {
    const mayCommand = user === 'intake' || user === 'console';
    const subject = subjects.complaints.command('reject-resolution');
    const body = JSON.stringify({ actor: { id: 'eve', role: 'supervisor' } });
    let wasRefused = false;
    const arrived = await arrivals(subject, async () => {
      wasRefused = await refused(user, async (nc) => nc.publish(subject, body));
    });
    expect({ wasRefused, arrived }).toEqual(
      mayCommand ? { wasRefused: false, arrived: 1 } : { wasRefused: true, arrived: 0 },
    );
  });

  it('only complaints may answer them (subscribe complaints.cmd.*)', async () => {
    for (const user of services) {
      const wasRefused = await refused(user, async (nc) => nc.subscribe(subjects.complaints.command('*')));
      expect({ user, wasRefused }).toEqual({ user, wasRefused: user !== 'complaints' });
    }
  });
});

describeOwned('forged events', () => {
  it.each(services)(
    'a ComplaintResolved on complaints.events.* is refused to %s, unless it is complaints',
    async (user) => {
      const jsm = await jetstreamManager(operator);
      const before = (await jsm.streams.info(streams.complaints)).state.messages;
      const wasRefused = await refused(user, async (nc) =>
        nc.publish(
          subjects.complaints.event('ComplaintResolved'),
          '{"summary":"send the refund to XX00 EVIL"}',
        ),
      );
      const after = (await jsm.streams.info(streams.complaints)).state.messages;
      if (user === 'complaints')
        expect({ wasRefused, added: after - before }).toEqual({ wasRefused: false, added: 1 });
      else expect({ wasRefused, added: after - before }).toEqual({ wasRefused: true, added: 0 });
    },
  );

  it.each(services)('notifications.events.* is refused to %s, unless it is notifications', async (user) => {
    const wasRefused = await refused(user, async (nc) => nc.publish(subjects.notifications.sent, '{}'));
    expect(wasRefused).toBe(user !== 'notifications');
  });
});

describeOwned('eavesdropping', () => {
  it.each(services)('subscribing to > is refused to %s', async (user) => {
    expect(await refused(user, async (nc) => nc.subscribe('>'))).toBe(true);
  });

  it.each(services)(
    "subscribing to complaints.events.> and to another user's replies is refused to %s",
    async (user) => {
      expect(await refused(user, async (nc) => nc.subscribe(subjects.complaints.allEvents))).toBe(true);
      const other = user === 'intake' ? 'complaints' : 'intake';
      expect(await refused(user, async (nc) => nc.subscribe(`${natsInboxPrefix(other)}.>`))).toBe(true);
      expect(await refused(user, async (nc) => nc.subscribe('_INBOX.>'))).toBe(true);
    },
  );

  it.each(services)('reading the KV buckets of others is refused to %s', async (user) => {
    const readLedger = await refused(user, async (nc) => {
      const kv = await new Kvm(jetstream(nc)).open(kvBuckets.intakeLedger);
      await kv.get('r.C-SECRET');
    });
    const watchLedger = await refused(user, async (nc) => nc.subscribe(`$KV.${kvBuckets.intakeLedger}.>`));
    const readLeases = await refused(user, async (nc) => {
      const kv = await new Kvm(jetstream(nc)).open(kvBuckets.complaintsLeases);
      await kv.get('relay');
    });
    expect({ readLedger, readLeases }).toEqual({
      readLedger: user !== 'intake',
      readLeases: user !== 'complaints',
    });
    expect(watchLedger).toBe(true);
  });
});

describeOwned('destruction: only the operator purges or deletes', () => {
  it.each(services)('purging and deleting streams is refused to %s', async (user) => {
    const jsm = await jetstreamManager(operator);
    for (const stream of [
      streams.complaints,
      streams.intake,
      streams.deadLetters,
      `KV_${kvBuckets.intakeLedger}`,
    ]) {
      expect(await refused(user, async (nc) => (await jetstreamManager(nc)).streams.purge(stream))).toBe(
        true,
      );
      expect(await refused(user, async (nc) => (await jetstreamManager(nc)).streams.delete(stream))).toBe(
        true,
      );
    }
    expect((await jsm.streams.info(streams.complaints)).state.messages).toBeGreaterThan(0);
  });

  it.each(services)('deleting single messages is refused to %s but where it is granted', async (user) => {
    // Granted: intake deletes its processed submissions from INTAKE, complaints an erased
    // customer's dead letters and proofs of sending. A sequence past the end is enough: a refusal comes before the lookup.
    const granted: Record<string, readonly string[]> = {
      intake: [streams.intake],
      complaints: [streams.deadLetters, streams.notifications],
    };
    for (const stream of [streams.complaints, streams.intake, streams.deadLetters, streams.notifications]) {
      // Allowed but nothing there: the server answers "no message found", not a violation.
      const deleting = await refused(user, async (nc) =>
        (await jetstreamManager(nc)).streams.deleteMessage(stream, 1_000_000_000),
      );
      expect({ stream, deleting }).toEqual({ stream, deleting: !(granted[user] ?? []).includes(stream) });
    }
  });

  it('the operator may', async () => {
    const jsm = await jetstreamManager(operator);
    await jsm.streams.add({ name: 'SCRATCH', subjects: ['scratch'] });
    await jetstream(operator).publish('scratch', 'x');
    await jsm.streams.purge('SCRATCH');
    expect((await jsm.streams.info('SCRATCH')).state.messages).toBe(0);
    expect(await jsm.streams.delete('SCRATCH')).toBe(true);
  });
});

describeOwned('what the services need, they have', () => {
  it.each(['intake', 'complaints', 'notifications'] as const)('%s ensures its streams', async (user) => {
    const { nc, refusals } = await as(user);
    try {
      const ensured = await ensurePlatformStreams(await jetstreamManager(nc), { user });
      expect(Object.keys(ensured).sort()).toEqual(
        [...natsPermissions[user].ownsStreams, ...natsPermissions[user].usesStreams].sort(),
      );
      expect(refusals).toEqual([]);
    } finally {
      await nc.close();
    }
  });
});

describeOwned('without credentials', () => {
  let strict: NatsHandle;
  beforeAll(async () => {
    strict = await nats({ anonymous: 'refused' });
  });
  afterAll(async () => {
    await strict?.stop();
  });

  it('a client is turned away, and the error names the variables to check', async () => {
    if (!strict.owned) {
      console.log('skipped: NATS_URL points at a server whose users this test does not know');
      return;
    }
    const error = await connect({ servers: strict.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NatsAuthorizationError);
    expect((error as Error).message).toMatch(
      /Authorization Violation.*check NATS_CREDS, NATS_NKEY_SEED or NATS_USER/,
    );
  });

  it('wrong credentials are named too', async () => {
    if (!strict.owned) return;
    const error = await connect({ servers: strict.url, auth: { user: 'operator', password: 'guess' } }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/Authorization Violation\): check NATS_USER\/NATS_PASSWORD/);
  });
});
