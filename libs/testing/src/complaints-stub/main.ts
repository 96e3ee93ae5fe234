// The complaints stub as its own process (see `startComplaintsStub`): NATS_URL names the server; it
// prints "ready" once its subscription is on the server and drains on SIGTERM.
import { connect } from '@nats-io/transport-node';
import { serveComplaintsStub } from './serve.js';

async function main(): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? '', name: 'complaints-stub' });
  serveComplaintsStub(nc);
  await nc.flush();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void nc.drain().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`complaints stub failed: ${String(error)}\n`);
  process.exit(1);
});
