// `npm run bench -- notifications`: publishes ComplaintFiled CloudEvents to COMPLAINTS, then measures
// how fast the service turns them into emails accepted by a local SMTP server (sent log, render,
// SMTP, report). Ends with one JSON line. Needs `npm run build` first (imports the libraries' builds).
// Calibration: the CPU workload, JetStream's raw publish rate, and PostgreSQL's raw insert rate unless
// the sent log is PGlite. BENCH_EMAILS (3,000) makes it shorter.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { subjects } from '@chp/contracts';
import { connect, ensurePlatformStreams, publishCloudEvent } from '@chp/messaging';
import { sleep } from '@chp/platform';
import { calibrate, nats, postgres, printBenchResult } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { smtpMailer } from '../src/sending/index.js';
import { startNotifications } from '../src/service/index.js';
import { openStorage } from '../src/storage/index.js';
import { ComplaintStory } from '../test/support/events.js';
import { benchSettings } from './settings.js';

const total = Number(process.env.BENCH_EMAILS ?? 3_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const connections = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8);
/** Service processes: this one plus BENCH_REPLICAS − 1 children on the same durable and sent log. */
const replicas = Number(process.env.BENCH_REPLICAS ?? 1);
/** A file for a CPU profile of the measured phase only (not start-up, not publishing). */
const cpuProfile = process.env.BENCH_CPU_PROF;

/**
 * This process's read and write system calls so far (Linux `/proc/self/io`; zeros elsewhere).
 * Unlike time, the count per email does not depend on what else the machine runs: each socket write
 * is one message to PostgreSQL, NATS or SMTP, and each costs tens of microseconds of system time.
 */
function syscalls(): { reads: number; writes: number } {
  if (process.platform !== 'linux') return { reads: 0, writes: 0 };
  const io = readFileSync('/proc/self/io', 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? 0);
  return { reads: field('syscr'), writes: field('syscw') };
}

/** Profiles this process from `start()` until the returned function writes the profile. */
async function profiler(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the measured phase: ${file}`);
  };
}

async function startReplica(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'replica.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
    child.once('message', () => resolve());
  });
  return child;
}

// A counting SMTP server in a child process: it accepts and discards, and runs on its own core as a
// real mail server would, so the service's event loop is what is measured.
const sinkSource = `
const { SMTPServer } = require('smtp-server');
let accepted = 0;
const server = new SMTPServer({
  secure: false, authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => { accepted += 1; callback(); });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.server.address().port });
  setInterval(() => process.send({ accepted }), 20);
});
`;

async function countingSink(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  // `-e` code resolves `require` from the working directory: the package, whose node_modules has smtp-server.
  const child = spawn(process.execPath, ['-e', sinkSource], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let accepted = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: { port?: number; accepted?: number }) => {
      if (message.port !== undefined) resolve(message.port);
      if (message.accepted !== undefined) accepted = message.accepted;
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => accepted,
    close: async () => {
      child.kill();
    },
  };
}

async function main(): Promise<void> {
  const calibration = await calibrate({ postgres: process.env.BENCH_SENT_LOG !== 'pglite', nats: true });
  const server = await nats();
  const nc = await connect({ servers: server.url, name: 'notifications-bench' });
  await ensurePlatformStreams(await jetstreamManager(nc));
  const js = jetstream(nc);
  // BENCH_SENT_LOG=pglite measures the embedded default; otherwise a local server when one answers.
  const db = await postgres(process.env.BENCH_SENT_LOG === 'pglite' ? { use: 'pglite' } : {});
  const storage = await openStorage(db.url, { poolSize: Number(process.env.BENCH_POOL ?? 32) });
  const sink = await countingSink();

  const children = await Promise.all(
    Array.from({ length: Math.max(0, replicas - 1) }, () =>
      startReplica({
        NATS_URL: server.url,
        SENT_LOG_URL: db.url,
        SMTP_URL: sink.url,
        BENCH_SMTP_CONNECTIONS: String(connections),
        BENCH_CONCURRENCY: String(concurrency),
      }),
    ),
  );
  const publishStarted = performance.now();
  for (let sent = 0; sent < total; sent += 500) {
    const window = Array.from({ length: Math.min(500, total - sent) }, () => {
      const story = new ComplaintStory();
      return story.filed({
        email: `c-${story.complaintId.slice(0, 8)}@example.com`,
        timeZone: 'Europe/Riga',
        preferredLanguage: 'lv',
      });
    });
    await Promise.all(
      window.map((event) => publishCloudEvent(js, subjects.complaints.event('ComplaintFiled'), event)),
    );
  }
  const publishSeconds = (performance.now() - publishStarted) / 1_000;
  console.log(`published ${total} ComplaintFiled events in ${publishSeconds.toFixed(2)} s`);

  const mailer = smtpMailer({ url: sink.url, maxConnections: connections, rateLimitPerSecond: 100_000 });
  const stopProfile = await profiler(cpuProfile);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const syscallsBefore = syscalls();
  for (const child of children) child.send('go');
  const service = await startNotifications({
    nc,
    storage,
    mailer,
    ...benchSettings,
    concurrency,
    // As main.ts runs it: an intent only when a pooled connection is free to send it.
    sendSlots: connections,
  });
  let lastPrint = 0;
  while (sink.count() < total) {
    await sleep(50);
    if (performance.now() - lastPrint > 1_000) {
      lastPrint = performance.now();
      console.log(`  ${sink.count()} / ${total} emails accepted`);
    }
  }
  const seconds = (performance.now() - started) / 1_000;
  const rate = total / seconds;
  const cpu = process.cpuUsage(cpuBefore);
  const syscallsAfter = syscalls();
  const writesPerEmail = (syscallsAfter.writes - syscallsBefore.writes) / total;
  const readsPerEmail = (syscallsAfter.reads - syscallsBefore.reads) / total;
  await stopProfile();
  // CPU of this process per email (service, NATS and pg clients; not the servers): on a shared machine
  // the rate depends on the neighbours, this much less.
  const cpuUsPerEmail = (cpu.user + cpu.system) / total;
  if (replicas === 1)
    console.log(
      `service CPU: ${cpuUsPerEmail.toFixed(0)} µs per email (${(1e6 / cpuUsPerEmail).toFixed(0)} emails/s per core; ` +
        `user ${(cpu.user / total).toFixed(0)}, system ${(cpu.system / total).toFixed(0)}); ` +
        `${writesPerEmail.toFixed(1)} socket writes and ${readsPerEmail.toFixed(1)} reads per email`,
    );
  console.log(
    `${total} emails in ${seconds.toFixed(2)} s: ${rate.toFixed(0)} emails/s ` +
      `(sent log on ${storage.kind}, ${replicas} process(es), concurrency ${concurrency}, ${connections} SMTP connections each; target >= 500)`,
  );

  await Promise.all(
    children.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
  await service.stop();
  await mailer.close();
  await nc.drain();
  await storage.close();
  await db.close();
  await sink.close();
  await server.stop();
  printBenchResult({
    suite: 'notifications',
    metrics: {
      emails_per_s: Math.round(rate),
      // Only meaningful when this process handled every email.
      cpu_us_per_email: replicas === 1 ? Math.round(cpuUsPerEmail) : null,
      writes_per_email: replicas === 1 ? Number(writesPerEmail.toFixed(2)) : null,
      reads_per_email: replicas === 1 ? Number(readsPerEmail.toFixed(2)) : null,
      emails: total,
      publish_events_per_s: Math.round(total / publishSeconds),
      sent_log: storage.kind,
      concurrency,
      smtp_connections: connections,
      replicas,
    },
    calibration,
    ratios: {
      emails_per_s: ['pg_inserts_per_s', 'jetstream_publishes_per_s'],
      cpu_us_per_email: 'cpu_ms',
      publish_events_per_s: 'jetstream_publishes_per_s',
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
