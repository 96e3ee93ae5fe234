import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { subjects } from '@chp/contracts';
import { ack, type ConsumedMessage, type ConsumerRunner, runConsumer } from '@chp/messaging';
import { waitFor } from '@chp/testing';
import { type NatsFixture, startNats, stopNats, testStream, uniqueName } from './support';

const repoRoot = join(__dirname, '..', '..', '..');
const fixtures = join(__dirname, 'fixtures');

let fixture: NatsFixture;
const runners: ConsumerRunner[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  fixture = await startNats();
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});
afterAll(async () => {
  await stopNats(fixture);
});

describe('consumer runner recovery', () => {
  it('recreates a consumer deleted under it and keeps processing', async () => {
    const { stream, subject } = await testStream(fixture, uniqueName('DEL'));
    const durable = uniqueName('c');
    const handled: ConsumedMessage<Uint8Array>[] = [];
    runners.push(
      await runConsumer({
        nc: fixture.nc,
        stream,
        durable,
        schema: 'raw',
        deadLetterSubject: subjects.deadLetters.of('test', durable),
        heartbeatMs: 1_000,
        expiresMs: 5_000,
        handler: (message) => {
          handled.push(message);
          return ack();
        },
      }),
    );
    await fixture.js.publish(subject, 'before');
    await waitFor(() => handled.length === 1, { description: 'the first message' });

    await fixture.jsm.consumers.delete(stream, durable);
    await fixture.js.publish(subject, 'after');

    // The new consumer delivers from the start of the stream again: consumers are idempotent.
    await waitFor(() => handled.some((m) => new TextDecoder().decode(m.data) === 'after'), {
      timeoutMs: 20_000,
      description: 'the message published after the delete',
    });
    const info = await fixture.jsm.consumers.info(stream, durable);
    expect(info.config.durable_name).toBe(durable);
  });

  it('redelivers to the next consumer a message whose process was killed before the ack', async () => {
    const { stream, subject } = await testStream(fixture, uniqueName('KIL'));
    const durable = uniqueName('c');
    const deadSubject = subjects.deadLetters.of('test', durable);
    const ackWaitMs = 1_000;
    // node itself with the tsx loader (not the tsx CLI, which runs node as a grandchild that
    // SIGKILL would not reach).
    const child = spawn(process.execPath, ['--import', 'tsx', join(fixtures, 'consumer-process.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(fixtures, 'tsconfig.json'),
        NATS_URL: fixture.server.url,
        STREAM: stream,
        DURABLE: durable,
        DEAD_SUBJECT: deadSubject,
        ACK_WAIT_MS: String(ackWaitMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    createInterface({ input: child.stdout! }).on('line', (line) => lines.push(JSON.parse(line)));
    const childSays = (what: string) => () => `${what}; child stderr: ${stderr || '(none)'}`;

    await waitFor(() => lines.some((line) => line.ready), {
      timeoutMs: 20_000,
      description: childSays('child ready'),
    });
    const { seq } = await fixture.js.publish(subject, 'precious');
    await waitFor(() => lines.some((line) => line.handling === seq), {
      description: childSays('child handling'),
    });

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const handled: ConsumedMessage<Uint8Array>[] = [];
    runners.push(
      await runConsumer({
        nc: fixture.nc,
        stream,
        durable,
        schema: 'raw',
        deadLetterSubject: deadSubject,
        ackWaitMs,
        handler: (message) => {
          handled.push(message);
          return ack();
        },
      }),
    );
    await waitFor(() => handled.length === 1, { timeoutMs: 15_000, description: 'the redelivery' });
    expect(handled[0]?.streamSequence).toBe(seq);
    // At least 2: a pull request the dead process left behind may have taken (and lost) a delivery too.
    expect(handled[0]?.deliveryCount).toBeGreaterThanOrEqual(2);
    expect(new TextDecoder().decode(handled[0]?.data)).toBe('precious');
  });

  it('carries on after the NATS server is killed and restarted', async () => {
    if (!fixture.server.owned) {
      console.log('skipped: NATS_URL points at a server this test may not kill');
      return;
    }
    const { stream, subject } = await testStream(fixture, uniqueName('RST'));
    const durable = uniqueName('c');
    const handled: string[] = [];
    runners.push(
      await runConsumer({
        nc: fixture.nc,
        stream,
        durable,
        schema: 'raw',
        deadLetterSubject: subjects.deadLetters.of('test', durable),
        heartbeatMs: 1_000,
        expiresMs: 5_000,
        handler: (message) => {
          handled.push(new TextDecoder().decode(message.data));
          return ack();
        },
      }),
    );
    await fixture.js.publish(subject, 'one');
    await waitFor(() => handled.includes('one'), { description: 'the first message' });

    await fixture.server.kill();
    await fixture.server.restart();
    await waitFor(
      async () => {
        try {
          return await fixture.js.publish(subject, 'two', { msgID: 'two', timeout: 1_000 });
        } catch {
          return undefined; // not reconnected yet: poll again
        }
      },
      { timeoutMs: 20_000, description: 'publishing after the restart' },
    );
    await waitFor(() => handled.includes('two'), {
      timeoutMs: 20_000,
      description: 'the message after the restart',
    });
  });
});
