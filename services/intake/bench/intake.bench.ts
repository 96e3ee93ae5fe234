// `npm run bench -- intake`: HTTP submissions per second end to end, up to the 201. The complaints
// service runs as its own process (src/main.ts) on PostgreSQL (DATABASE_URL or 127.0.0.1:5432, a
// schema of its own); intake runs in this process on a nats-server of its own; autocannon sends
// distinct submissions. Prints p50/p99 and one JSON line. BENCH_SECONDS, BENCH_CONNECTIONS tune it.

import { connect, ensurePlatformStreams } from '@chp/messaging';
import { createTokenVerifier, listen, signToken, urlOf } from '@chp/platform';
import { nats, postgresServer } from '@chp/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import autocannon from 'autocannon';
import { startService } from '../../complaints/bench/support/service.js';
import { createIntakeApp } from '../src/http/app.js';
import { openLedger } from '../src/submission/ledger.js';

const secret = 'intake-bench-secret-of-at-least-32-characters';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const target = 800;

async function main(): Promise<void> {
  const database = await postgresServer();
  if (!database.available) throw new Error(`the benchmark needs PostgreSQL: ${database.reason}`);
  const natsServer = await nats();
  const complaints = await startService({
    EVENT_STORE_URL: database.url,
    NATS_URL: natsServer.url,
    JWT_SECRET: secret,
    RELAY_ENABLED: 'false',
    SLA_MONITOR_ENABLED: 'false',
    NOTIFICATIONS_CONSUMER_ENABLED: 'false',
    LOG_LEVEL: 'warn',
  });
  const nc = await connect({ servers: natsServer.url, name: 'intake-bench' });
  await ensurePlatformStreams(await jetstreamManager(nc));
  const js = jetstream(nc);
  const verifier = createTokenVerifier({ realm: 'intake', secret });
  const app = createIntakeApp({
    submissions: {
      nc,
      js,
      ledger: await openLedger(js),
      defaultRegion: 'GB',
      defaultLanguage: 'en',
      fileTimeoutMs: 5_000,
      statusUrlTemplate: '/v1/complaints/{complaintId}',
      now: () => new Date(),
    },
    nc,
    auth: verifier,
    rateLimits: { default: { perSecond: 1e9, burst: 1e9 }, channels: {} },
  });
  const server = await listen(app, 0, '127.0.0.1');
  const token = await signToken({ secret, subject: 'bench', roles: ['channel'] });
  let n = 0;
  const statuses = new Map<number, number>();
  const result = await autocannon({
    url: `${urlOf(server)}/v1/complaints`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          n += 1;
          return {
            ...req,
            body: JSON.stringify({
              channel: 'web',
              externalRef: `bench-${process.pid}-${Date.now()}-${n}`,
              customer: { name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '07911 123456' },
              subject: 'Charged twice for one order',
              description: 'My card was charged twice for order 1234.',
            }),
          };
        },
        onResponse: (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  const created = statuses.get(201) ?? 0;
  const perSecond = created / seconds;
  console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(
    `201 submissions/s: ${perSecond.toFixed(0)} (target ≥ ${target}); latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${connections} connections, ${seconds} s`,
  );
  console.log(
    JSON.stringify({
      suite: 'intake',
      metrics: {
        submissions_per_s: Math.round(perSecond),
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        non_201: result.requests.total - created,
        target_per_s: target,
      },
    }),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await nc.drain();
  await complaints.stop();
  await natsServer.stop();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
