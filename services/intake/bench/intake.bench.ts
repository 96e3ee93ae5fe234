// `npm run bench -- intake`: HTTP submissions per second end to end, up to the 201. Both services run
// as their own processes (src/main.ts), as in production: complaints on PostgreSQL (DATABASE_URL or
// 127.0.0.1:5432, a schema of its own), intake on a nats-server of its own; autocannon, in this
// process, sends distinct submissions. Prints p50/p99, each service's CPU time per submission (from
// its /metrics), the NATS round trips of one submission (a counted sequential phase after the timed
// run, seen by a `>` subscriber) and one JSON line. BENCH_SECONDS, BENCH_CONNECTIONS tune it;
// BENCH_INTAKE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles intake;
// BENCH_COMPLAINTS=stub puts a stand-in that answers at once in place of complaints and PostgreSQL,
// which measures intake alone. Calibration: the CPU workload, JetStream's raw publishes and, unless
// the stub stands in, PostgreSQL's raw inserts.

import { connect } from '@chp/messaging';
import { signToken, sleep } from '@chp/platform';
import { calibrate, nats, pidsNamed, postgresServer, printBenchResult, processCpuMs } from '@chp/testing';
import autocannon from 'autocannon';
import { cpuSecondsOf, startComplaints, startIntake, startStubComplaints } from './support/service.js';

const secret = 'intake-bench-secret-of-at-least-32-characters';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const counted = 100;
const target = 800;

let n = 0;
const submission = () => {
  n += 1;
  return JSON.stringify({
    channel: 'web',
    externalRef: `bench-${process.pid}-${Date.now()}-${n}`,
    customer: { name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '07911 123456' },
    subject: 'Charged twice for one order',
    description: 'My card was charged twice for order 1234.',
  });
};

/** What a message on `subject` is, from intake's side of the conversation. */
function kindOf(subject: string): string {
  if (subject.startsWith('_INBOX.')) return 'reply';
  const kv = /^\$KV\.intake-submissions\.([a-z]+)\./.exec(subject);
  if (kv) return `kv write ${kv[1]}.`;
  if (subject.startsWith('$JS.API.DIRECT.GET.KV_intake-submissions')) return 'kv get';
  if (subject.startsWith('$JS.API.STREAM.MSG.GET.KV_intake-submissions')) return 'kv get';
  if (subject.startsWith('complaints.cmd.')) return subject;
  if (subject.startsWith('intake.complaints.')) return 'INTAKE queue';
  return 'other';
}

/** CPU ms of the nats-server that `nats()` started as our child; undefined without /proc. */
const natsServerCpuMs = () => processCpuMs(pidsNamed('nats-server', { parent: process.pid })[0]);

async function main(): Promise<void> {
  const stub = process.env.BENCH_COMPLAINTS === 'stub';
  const calibration = await calibrate({ postgres: !stub, nats: true });
  const database = stub ? undefined : await postgresServer();
  if (database && !database.available) throw new Error(`the benchmark needs PostgreSQL: ${database.reason}`);
  const natsServer = await nats();
  let complaints: { stop(): Promise<number | null> };
  let complaintsUrl: string | undefined;
  if (database?.available) {
    const service = await startComplaints({
      EVENT_STORE_URL: database.url,
      NATS_URL: natsServer.url,
      JWT_SECRET: secret,
      RELAY_ENABLED: 'false',
      SLA_MONITOR_ENABLED: 'false',
      NOTIFICATIONS_CONSUMER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    });
    complaints = service;
    complaintsUrl = service.url;
  } else {
    complaints = await startStubComplaints(natsServer.url);
  }
  const cpuOfServices = () =>
    Promise.all([cpuSecondsOf(intake.url), complaintsUrl ? cpuSecondsOf(complaintsUrl) : undefined]);
  const intake = await startIntake({
    NATS_URL: natsServer.url,
    JWT_SECRET: secret,
    CUSTOMER_LINK_SECRET: `${secret}-links`,
    FILE_TIMEOUT: '5s',
    RATE_LIMIT_PER_SECOND: '1000000000',
    RATE_LIMIT_BURST: '1000000000',
    LOG_LEVEL: 'warn',
  });
  const token = await signToken({ secret, subject: 'bench', roles: ['channel'] });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const statuses = new Map<number, number>();
  const cpuBefore = await cpuOfServices();
  const natsBefore = natsServerCpuMs();
  const loadBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${intake.url}/v1/complaints`,
    method: 'POST',
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: submission() }),
        onResponse: (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  const load = process.cpuUsage(loadBefore);
  const natsAfter = natsServerCpuMs();
  const cpuAfter = await cpuOfServices();
  const created = statuses.get(201) ?? 0;
  // nats-server (a child of this process) and autocannon (this process); PostgreSQL is shared, not counted.
  const natsMs =
    natsBefore === undefined || natsAfter === undefined
      ? Number.NaN
      : (natsAfter - natsBefore) / Math.max(1, created);
  const loadMs = (load.user + load.system) / 1_000 / Math.max(1, created);
  const perSecond = created / seconds;
  // ms of CPU per 201 for service i: user, system and their sum.
  const cpuMs = (i: number, part: 'user' | 'system' | 'both' = 'both') => {
    const [before, after] = [cpuBefore[i], cpuAfter[i]];
    if (!before || !after) return Number.NaN;
    const user = after.user - before.user;
    const system = after.system - before.system;
    const seconds = part === 'user' ? user : part === 'system' ? system : user + system;
    return (seconds * 1_000) / Math.max(1, created);
  };
  const describeCpu = (i: number) =>
    `${cpuMs(i).toFixed(2)} ms (user ${cpuMs(i, 'user').toFixed(2)}, system ${cpuMs(i, 'system').toFixed(2)})`;

  // Round trips: every message on the server during `counted` sequential submissions, by kind.
  const nc = await connect({ servers: natsServer.url, name: 'intake-bench-counter' });
  const kinds = new Map<string, number>();
  const sub = nc.subscribe('>', {
    callback: (_error, msg) => {
      const kind = kindOf(msg.subject);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    },
  });
  await nc.flush();
  for (let i = 0; i < counted; i++) {
    const res = await fetch(`${intake.url}/v1/complaints`, { method: 'POST', headers, body: submission() });
    if (res.status !== 201) throw new Error(`counted submission answered ${res.status}: ${await res.text()}`);
  }
  await nc.flush();
  await sleep(200);
  sub.unsubscribe();
  await nc.drain();
  const perSubmission = Object.fromEntries(
    [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => [kind, count / counted]),
  );
  const roundTrips = [...kinds]
    .filter(([kind]) => kind !== 'reply' && kind !== 'other')
    .reduce((sum, [, count]) => sum + count / counted, 0);

  console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(
    `201 submissions/s: ${perSecond.toFixed(0)} (target ≥ ${target}); latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${connections} connections, ${seconds} s`,
  );
  console.log(
    `CPU per 201 over the timed run: intake ${describeCpu(0)}, complaints ${stub ? '(stub)' : describeCpu(1)}, nats-server ${natsMs.toFixed(2)} ms, autocannon ${loadMs.toFixed(2)} ms (PostgreSQL not counted)`,
  );
  console.log(
    `NATS messages per submission (${counted} sequential): ${JSON.stringify(perSubmission)}; intake round trips ${roundTrips}`,
  );
  printBenchResult({
    suite: 'intake',
    context: { complaints: stub ? 'stub' : 'service' },
    metrics: {
      submissions_per_s: Math.round(perSecond),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      non_201: result.requests.total - created,
      intake_cpu_ms_per_submission: Number(cpuMs(0).toFixed(3)),
      ...(stub ? {} : { complaints_cpu_ms_per_submission: Number(cpuMs(1).toFixed(3)) }),
      nats_server_cpu_ms_per_submission: Number(natsMs.toFixed(3)),
      load_generator_cpu_ms_per_submission: Number(loadMs.toFixed(3)),
      nats_round_trips_per_submission: roundTrips,
      target_per_s: target,
    },
    calibration,
    ratios: {
      submissions_per_s: ['pg_inserts_per_s', 'jetstream_publishes_per_s'],
      p99_ms: 'cpu_ms',
      intake_cpu_ms_per_submission: 'cpu_ms',
      ...(stub ? {} : { complaints_cpu_ms_per_submission: 'cpu_ms' as const }),
    },
  });
  await intake.stop();
  await complaints.stop();
  await natsServer.stop();
  if (database?.available) await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
