// `npm run bench -- e2e`: HTTP submissions through the whole running stack (nats-server and the four
// services as separate processes, as `npm start` runs them) and a real SMTP sink.
//
// 1. Saturation, BENCH_SECONDS (60) s: BENCH_CONCURRENCY (64) channel clients submit back to back,
//    but no more than BENCH_WINDOW (1000) complaints may be filed and not yet e-mailed: the load
//    follows the slowest stage instead of piling a backlog in front of it (on two cores, an unbounded
//    intake starves notifications of CPU). Sustained complaints/s is the slowest of: 201s from
//    intake, complaints in the read model, and acknowledgement e-mails accepted by the sink, each
//    counted within the window.
// 2. Latency at BENCH_RATE (150)/s for BENCH_LATENCY_SECONDS (30) s, open loop: submission → 201,
//    → visible in the projections API (every BENCH_SAMPLE-th complaint polled every 10 ms on
//    GET /v1/complaints/:id), → acknowledgement e-mail accepted by the SMTP sink (every complaint).
//
// It prints the CPU per complaint of every process (from /proc). BENCH_PROFILE_DIR=<dir> makes every
// service write a V8 CPU profile (.cpuprofile) there when the stack stops.
// Stores: PostgreSQL on 127.0.0.1:5432 (or DATABASE_URL), a schema per store, unless BENCH_STORE=pglite.
// Targets on the 2-core machine: >= 300 complaints/s sustained; p99 to visible <= 200 ms at 150/s.
// Calibration, before the stack starts: the CPU workload, JetStream's raw publishes and (unless
// BENCH_STORE=pglite) PostgreSQL's raw inserts.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { roleTokens, type ServiceName, StackClient, samples, serviceNames, startStack } from '@chp/stack';
import {
  calibrate,
  freePort,
  ownCpuMs,
  type PostgresHandle,
  percentile,
  pidsNamed,
  postgres,
  printBenchResult,
  processCpuMs,
} from '@chp/testing';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const window = Number(process.env.BENCH_WINDOW ?? 1000);
const rate = Number(process.env.BENCH_RATE ?? 150);
const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 30);
const sampleEvery = Number(process.env.BENCH_SAMPLE ?? 5);
const storeKind = process.env.BENCH_STORE === 'pglite' ? 'pglite' : 'postgres';
/** BENCH_ENCRYPTION=false runs complaints without encrypting personal data: the cost of encryption. */
const encryption = process.env.BENCH_ENCRYPTION !== 'false';
/** Set to a directory to have every service write a V8 CPU profile there when it stops. */
const profileDir = process.env.BENCH_PROFILE_DIR;

/** A minimal SMTP sink: accepts every message and notes when each reference's first mail arrived. */
async function sink() {
  const firstMail = new Map<string, number>();
  let accepted = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const at = performance.now();
        accepted += 1;
        const reference = /^X-Complaint-Reference:\s*(\S+)/im.exec(head)?.[1];
        if (reference && !firstMail.has(reference)) firstMail.set(reference, at);
        callback();
      });
    },
  });
  // A client dropping its connection is re-emitted on the server; without a listener it would end us.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    firstMail,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** User + system CPU of a process in ms (0 where /proc has none). */
const cpuMsOf = (pid: number | undefined): number => processCpuMs(pid) ?? 0;

/** Every PostgreSQL process's CPU (the server is shared with nothing else during a quiet run). */
const postgresCpuMs = (): number => pidsNamed('postgres').reduce((total, pid) => total + cpuMsOf(pid), 0);

/**
 * CPU (ms) of the PostgreSQL backends serving each service, keyed `postgres:<service>`, found by the
 * `application_name` the bench gives each service's URL. A backend that ends between two samples
 * takes its CPU with it, so these are lower bounds; `postgres` stays the total of the server.
 */
async function backendCpuMs(admin: Client | undefined): Promise<Record<string, number>> {
  if (!admin) return {};
  const { rows } = await admin.query<{ pid: number; name: string }>(
    "SELECT pid, substr(application_name, 11) AS name FROM pg_stat_activity WHERE application_name LIKE 'chp-bench-%' AND pid <> pg_backend_pid()",
  );
  const byService: Record<string, number> = {};
  for (const { pid, name } of rows) {
    const key = `postgres:${name}`;
    byService[key] = (byService[key] ?? 0) + cpuMsOf(pid);
  }
  return byService;
}

async function main() {
  const calibration = await calibrate({ postgres: storeKind === 'postgres', nats: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'chp-bench-e2e-'));
  const smtp = await sink();
  const stores: PostgresHandle[] = [];
  // Each service's connections carry its name, so that pg_stat_activity (and the per-service
  // PostgreSQL CPU below) tells them apart.
  const url = async (service: ServiceName) => {
    if (storeKind === 'pglite') return undefined;
    const handle = await postgres({ use: 'server' });
    stores.push(handle);
    const withName = new URL(handle.url);
    withName.searchParams.set('application_name', `chp-bench-${service}`);
    return withName.toString();
  };
  const [eventStore, readModel, sentLog] = [
    await url('complaints'),
    await url('projections'),
    await url('notifications'),
  ];
  const ports = Object.fromEntries(
    await Promise.all(serviceNames.map(async (name) => [name, await freePort()] as const)),
  ) as Record<ServiceName, number>;
  const stack = await startStack({
    dataDir,
    nats: { port: -1 },
    ports,
    smtpUrl: smtp.url,
    env: {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
    },
    ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
    serviceEnv: {
      complaints: {
        ...(eventStore ? { EVENT_STORE_URL: eventStore } : {}),
        PERSONAL_DATA_ENCRYPTION: String(encryption),
      },
      ...(readModel ? { projections: { READ_MODEL_URL: readModel } } : {}),
      ...(sentLog ? { notifications: { SENT_LOG_URL: sentLog } } : {}),
    },
  });
  const tokens = await roleTokens(stack.secrets.jwtSecret, '1h');
  const admin = eventStore ? new Client({ connectionString: eventStore }) : undefined;
  await admin?.connect();
  // CPU of each process of the stack, of nats-server, of PostgreSQL and of this process (the HTTP
  // clients and the SMTP sink), to say where a complaint's CPU goes.
  const cpu = (): Record<string, number> => ({
    ...Object.fromEntries(serviceNames.map((name) => [name, cpuMsOf(stack.services[name].pid)])),
    'nats-server': cpuMsOf(stack.nats?.pid),
    ...(storeKind === 'postgres' ? { postgres: postgresCpuMs() } : {}),
    bench: ownCpuMs(),
  });
  const client = new StackClient({ urls: stack.urls, tokens });
  console.log(
    `stack up (${storeKind}); ${concurrency} clients for ${seconds} s, then ${rate}/s for ${latencySeconds} s`,
  );

  let n = 0;
  const submitOne = async (phase: string) => {
    const i = n++;
    const sample = samples[i % samples.length]!;
    const started = performance.now();
    const answer = await client.submit(
      {
        channel: 'web',
        externalRef: `bench-${phase}-${i}`,
        customer: {
          name: sample.name,
          email: `bench.${i}@customers.example`,
          preferredLanguage: sample.language,
        },
        subject: sample.subject,
        description: sample.description,
      },
      `bench-${phase}-${i}`,
    );
    return { i, started, answered: performance.now(), ...answer.body, status: answer.status };
  };

  // Phase 1: saturation.
  const cpuBefore = cpu();
  const backendsBefore = await backendCpuMs(admin);
  const windowStart = performance.now();
  const windowStartIso = new Date().toISOString();
  const windowEnd = windowStart + seconds * 1_000;
  const saturated: { reference: string; started: number; answered: number }[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < windowEnd) {
        if (saturated.length - smtp.firstMail.size >= window) {
          await sleep(5);
          continue;
        }
        try {
          const result = await submitOne('sat');
          if (result.status === 201) saturated.push(result);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const windowEndIso = new Date().toISOString();
  const elapsed = (performance.now() - windowStart) / 1_000;
  const cpuAfter = cpu();
  const backendsAfter = await backendCpuMs(admin);
  const emailedInWindow = saturated.filter(
    (s) => (smtp.firstMail.get(s.reference) ?? Infinity) <= windowEnd,
  ).length;
  const stats = await client.get<{ groups: { total: number }[] }>(
    'projections',
    `/v1/stats/overview?from=${windowStartIso}&to=${windowEndIso}`,
  );
  const projectedInWindow = stats?.groups[0]?.total ?? 0;
  const accepted = saturated.length;
  const sustained = Math.min(accepted, projectedInWindow, emailedInWindow) / elapsed;
  const satAnswer = saturated.map((s) => s.answered - s.started);
  console.log(
    `saturation: ${accepted} filed (201) in ${elapsed.toFixed(1)} s = ${(accepted / elapsed).toFixed(0)}/s; ` +
      `in the read model by the end ${projectedInWindow}; e-mailed by the end ${emailedInWindow}; errors ${errors}`,
  );
  console.log(`  sustained through the whole stack: ${sustained.toFixed(0)} complaints/s`);
  console.log(
    `  submission → 201 p50 ${round(percentile(satAnswer, 50))} ms, p99 ${round(percentile(satAnswer, 99))} ms`,
  );

  // Per complaint filed in the window; the e-mails still in the backlog make notifications' share low.
  const cpuPerComplaint = Object.fromEntries(
    Object.keys(cpuAfter).map((name) => [name, ((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0)) / accepted]),
  );
  const cpuTotal = Object.values(cpuPerComplaint).reduce((a, b) => a + b, 0);
  console.log(
    `  CPU per complaint filed: ${Object.entries(cpuPerComplaint)
      .map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`)
      .join(
        ', ',
      )}; total ${cpuTotal.toFixed(2)} ms (${((cpuTotal * accepted) / elapsed / 1_000).toFixed(2)} cores busy)`,
  );

  const backendsPerComplaint = Object.fromEntries(
    Object.keys(backendsAfter)
      .sort()
      .map((name) => [name, ((backendsAfter[name] ?? 0) - (backendsBefore[name] ?? 0)) / accepted]),
  );
  if (admin) {
    console.log(
      `  of which PostgreSQL backends per service: ${Object.entries(backendsPerComplaint)
        .map(([name, ms]) => `${name.slice('postgres:'.length)} ${ms.toFixed(2)} ms`)
        .join(', ')}`,
    );
  }

  // Let the backlog drain before measuring latency.
  const drainStart = performance.now();
  while (
    saturated.some((s) => !smtp.firstMail.has(s.reference)) &&
    performance.now() - drainStart < 300_000
  ) {
    await sleep(200);
  }
  const drainSeconds = (performance.now() - drainStart) / 1_000;
  console.log(`  backlog drained (every acknowledgement e-mailed) in ${drainSeconds.toFixed(1)} s`);

  // Phase 2: latency at a fixed rate.
  const latency: { reference: string; id: string; started: number; answered: number; visible?: number }[] =
    [];
  const pending: Promise<void>[] = [];
  const phaseStart = performance.now();
  const total = Math.round(rate * latencySeconds);
  for (let k = 0; k < total; k++) {
    const due = phaseStart + (k * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      (async () => {
        try {
          const result = await submitOne('lat');
          const entry = {
            reference: result.reference,
            id: result.complaintId,
            started: result.started,
            answered: result.answered,
          } as (typeof latency)[number];
          latency.push(entry);
          if (k % sampleEvery === 0) {
            for (;;) {
              const found = await client.get('projections', `/v1/complaints/${result.complaintId}`);
              if (found) {
                entry.visible = performance.now();
                break;
              }
              await sleep(10);
            }
          }
        } catch {
          errors += 1;
        }
      })(),
    );
  }
  await Promise.all(pending);
  // The rate the stack kept up with: submissions over the paced phase, before the wait for mail.
  const achievedRate = latency.length / ((performance.now() - phaseStart) / 1_000);
  const mailDeadline = performance.now() + 120_000;
  while (latency.some((l) => !smtp.firstMail.has(l.reference)) && performance.now() < mailDeadline)
    await sleep(100);
  const toAnswer = latency.map((l) => l.answered - l.started);
  const toVisible = latency
    .filter((l) => l.visible !== undefined)
    .map((l) => (l.visible as number) - l.started);
  const toEmail = latency
    .filter((l) => smtp.firstMail.has(l.reference))
    .map((l) => (smtp.firstMail.get(l.reference) as number) - l.started);
  console.log(
    `latency at ${rate}/s (${latency.length} complaints, ${toVisible.length} sampled for visibility):`,
  );
  console.log(
    `  submission → 201      p50 ${round(percentile(toAnswer, 50))} ms, p99 ${round(percentile(toAnswer, 99))} ms`,
  );
  console.log(
    `  submission → visible  p50 ${round(percentile(toVisible, 50))} ms, p99 ${round(percentile(toVisible, 99))} ms (target p99 <= 200)`,
  );
  console.log(
    `  submission → e-mail   p50 ${round(percentile(toEmail, 50))} ms, p99 ${round(percentile(toEmail, 99))} ms`,
  );

  await admin?.end();
  await stack.stop();
  await smtp.close();
  for (const store of stores) await store.close();
  await rm(dataDir, { recursive: true, force: true });

  printBenchResult({
    suite: 'e2e',
    context: { store: storeKind, encryption },
    metrics: {
      sustained_complaints_per_s: Math.round(sustained),
      filed_per_s_at_saturation: Math.round(accepted / elapsed),
      saturation_concurrency: concurrency,
      saturation_window: window,
      saturation_answer_p50_ms: round(percentile(satAnswer, 50)),
      saturation_answer_p99_ms: round(percentile(satAnswer, 99)),
      backlog_drain_s: round(drainSeconds),
      latency_rate_per_s: rate,
      latency_achieved_rate_per_s: round(achievedRate),
      answer_p50_ms: round(percentile(toAnswer, 50)),
      answer_p99_ms: round(percentile(toAnswer, 99)),
      visible_p50_ms: round(percentile(toVisible, 50)),
      visible_p99_ms: round(percentile(toVisible, 99)),
      visible_samples: toVisible.length,
      email_p50_ms: round(percentile(toEmail, 50)),
      email_p99_ms: round(percentile(toEmail, 99)),
      errors,
      ...Object.fromEntries(
        Object.entries({ ...cpuPerComplaint, ...backendsPerComplaint }).map(([name, ms]) => [
          `cpu_ms_per_complaint_${name.replace(':', '_')}`,
          Math.round(ms * 100) / 100,
        ]),
      ),
      cpu_ms_per_complaint_total: Math.round(cpuTotal * 100) / 100,
      target_sustained_per_s: 300,
      target_visible_p99_ms: 200,
    },
    calibration,
    ratios: {
      sustained_complaints_per_s: ['pg_inserts_per_s', 'jetstream_publishes_per_s'],
      visible_p99_ms: 'cpu_ms',
      cpu_ms_per_complaint_total: 'cpu_ms',
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
