// The relay as a process of its own, for relay-crash.int.test.ts (run with tsx). It reports on
// stdout, one JSON object a line: {"event":"started"}, {"event":"stats",...} whenever the relayed
// position moves, {"event":"hanging",...} and {"event":"stopped",...}.
//
// Env: EVENT_STORE_URL, NATS_URL, RELAY_CHECKPOINT_ID, RELAY_CHECKPOINT_EVERY, RELAY_LEASE_BUCKET,
// RELAY_LEASE_TTL_MS, and the test hook RELAY_HANG_AFTER=<n>: once more than n events are
// acknowledged, the next checkpoint write never happens (the relay goes on publishing), so a
// SIGKILL then lands after publishing and before checkpointing.
import { createEventStore, type Position } from '@chp/eventstore';
import { connect } from '@chp/messaging';
import { jetstream } from '@nats-io/jetstream';
import { startRelay } from '../../src/relay/index.js';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const report = (event: string, fields: object = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

const log = (level: string) => (obj: object, msg: string) =>
  process.stderr.write(`${JSON.stringify({ level, msg, ...obj })}\n`);
const stderrLogger = { info: log('info'), warn: log('warn'), error: log('error') };

async function main(): Promise<void> {
  const hangAfter = process.env.RELAY_HANG_AFTER ? Number(process.env.RELAY_HANG_AFTER) : undefined;
  const store = await createEventStore(env('EVENT_STORE_URL'), { pollIntervalMs: 100 });
  const nc = await connect({ servers: env('NATS_URL'), name: 'relay-under-test' });
  let hanging = false;
  const relay = startRelay({
    store,
    js: jetstream(nc),
    checkpointId: env('RELAY_CHECKPOINT_ID'),
    logger: stderrLogger,
    checkpointEvery: Number(process.env.RELAY_CHECKPOINT_EVERY ?? 5),
    checkpointIntervalMs: 60_000,
    maxInFlight: 8,
    lease: { bucket: env('RELAY_LEASE_BUCKET'), ttlMs: Number(process.env.RELAY_LEASE_TTL_MS ?? 1_000) },
    hooks: {
      beforeCheckpoint(position: Position, acknowledged: number) {
        if (hangAfter === undefined || acknowledged <= hangAfter) return;
        if (!hanging) report('hanging', { acknowledged, position });
        hanging = true;
        return new Promise<void>(() => undefined);
      },
    },
  });
  report('started', { pid: process.pid });

  let last: string | undefined;
  const ticker = setInterval(() => {
    const stats = relay.stats();
    const line = JSON.stringify(stats);
    if (line !== last) report('stats', stats);
    last = line;
  }, 50);

  process.once('SIGTERM', () => {
    clearInterval(ticker);
    void (async () => {
      await relay.stop();
      report('stopped', relay.stats());
      await nc.drain();
      await store.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
