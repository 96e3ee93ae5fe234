import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

interface LogLine {
  msg: string;
  [key: string]: unknown;
}

/** Runs the fixture service as a real process and collects its JSON log lines. */
function startFixture(env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures', 'shutdown-app.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: LogLine[] = [];
  const waiters: { msg: string; resolve: (line: LogLine) => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (msg: string) =>
    new Promise<LogLine>((resolve, reject) => {
      const found = lines.find((line) => line.msg === msg);
      if (found) return resolve(found);
      waiters.push({ msg, resolve });
      void exited.then((code) => reject(new Error(`exited ${code} before "${msg}": ${stderr}`)));
    });
  return { child, lines, waitFor, exited };
}

describe('graceful shutdown of a real process', () => {
  it('on SIGTERM finishes the in-flight request, runs the closers in order and exits 0', async () => {
    const fixture = startFixture();
    const { url } = (await fixture.waitFor('listening')) as LogLine & { url: string };

    const inFlight = fetch(`${url}/in-flight`);
    await fixture.waitFor('request started');
    fixture.child.kill('SIGTERM');

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
    expect(await fixture.exited).toBe(0);

    const story = fixture.lines
      .map((line) => (line.msg === 'closed' ? `closed ${String(line.closer)}` : line.msg))
      .filter((msg) => msg !== 'request' && msg !== 'listening' && msg !== 'request started');
    expect(story).toEqual([
      'shutting down',
      'closed http server',
      'stopping consumers',
      'closed consumers',
      'draining nats',
      'closed nats',
      'shutdown complete',
    ]);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('exits 1 when a closer outlasts SHUTDOWN_TIMEOUT', async () => {
    const fixture = startFixture({ HANG: '1', TIMEOUT_MS: '300' });
    await fixture.waitFor('listening');
    fixture.child.kill('SIGTERM');
    expect(await fixture.exited).toBe(1);
    expect(fixture.lines.map((line) => line.msg)).toContain('shutdown timed out');
  });
});
