import { EventEmitter } from 'node:events';
import { type Closer, installShutdown, sleep } from '../src/index.js';

function harness(closers: Closer[], timeoutMs = 1_000) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const logged: string[] = [];
  const logger = {
    info: (_obj: object, msg?: string) => logged.push(`info ${msg}`),
    error: (_obj: object, msg?: string) => logged.push(`error ${msg}`),
  };
  const handle = installShutdown(closers, {
    emitter: signals,
    exit: (code) => exits.push(code),
    logger,
    timeoutMs,
  });
  return { signals, exits, logged, handle };
}

describe('installShutdown', () => {
  it('runs the closers one after another, in order, on SIGTERM, then exits 0', async () => {
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const { signals, exits, handle } = harness([
      { name: 'http', close: () => first.then(() => void order.push('http')) },
      async () => void order.push('consumers'),
      { name: 'nats', close: () => void order.push('nats') },
    ]);

    signals.emit('SIGTERM', 'SIGTERM');
    await Promise.resolve();
    expect(order).toEqual([]); // the second closer waits for the first
    releaseFirst();
    expect(await handle.shutdown()).toBe(0);
    expect(order).toEqual(['http', 'consumers', 'nats']);
    expect(exits).toEqual([0]);
  });

  it('also answers SIGINT, and runs only once', async () => {
    let runs = 0;
    const { signals, exits, handle } = harness([() => void runs++]);
    signals.emit('SIGINT', 'SIGINT');
    await handle.shutdown();
    await handle.shutdown();
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('keeps closing after a failing closer, and exits 1', async () => {
    const order: string[] = [];
    const { exits, logged, handle } = harness([
      () => {
        throw new Error('boom');
      },
      () => void order.push('after'),
    ]);
    expect(await handle.shutdown()).toBe(1);
    expect(order).toEqual(['after']);
    expect(exits).toEqual([1]);
    expect(logged).toContain('error closer failed');
  });

  it('exits 1 when the closers outlast the timeout', async () => {
    let release: () => void = () => undefined;
    const { exits, logged, handle } = harness(
      [() => new Promise<void>((resolve) => (release = resolve))],
      20,
    );
    const done = handle.shutdown();
    while (exits.length === 0) await sleep(5);
    expect(exits).toEqual([1]);
    expect(logged).toContain('error shutdown timed out');
    release();
    expect(await done).toBe(1); // a late finish does not exit again
    expect(exits).toEqual([1]);
  });

  it('exits 1 at once on a second signal', () => {
    const { signals, exits } = harness([() => new Promise<void>(() => undefined)]);
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
  });

  it('stops listening after dispose', () => {
    const { signals, exits, handle } = harness([]);
    handle.dispose();
    signals.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([]);
  });
});
