// A second (third, …) notifications process for `notifications.bench.ts` with BENCH_REPLICAS > 1:
// the same durable consumer, sent log and SMTP server, as replicas run in production.
import { connect } from '@chp/messaging';
import { smtpMailer } from '../src/sending/index.js';
import { startNotifications } from '../src/service/index.js';
import { openStorage } from '../src/storage/index.js';
import { benchSettings } from './settings.js';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const nc = await connect({ servers: env('NATS_URL'), name: 'notifications-bench-replica' });
  const storage = await openStorage(env('SENT_LOG_URL'), { poolSize: 32 });
  const mailer = smtpMailer({
    url: env('SMTP_URL'),
    maxConnections: Number(env('BENCH_SMTP_CONNECTIONS')),
    rateLimitPerSecond: 100_000,
  });
  // Ready to start; the benchmark says when (after it published the events), so timing is fair.
  process.send?.({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const service = await startNotifications({
    nc,
    storage,
    mailer,
    ...benchSettings,
    concurrency: Number(env('BENCH_CONCURRENCY')),
    sendSlots: Number(env('BENCH_SMTP_CONNECTIONS')),
  });
  process.on('SIGTERM', () => {
    void (async () => {
      await service.stop();
      await mailer.close();
      await nc.drain();
      await storage.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
