import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A line a service printed (pino JSON, normally), handed to the stack's `onLog`. */
export interface ServiceLogLine {
  service: string;
  line: string;
}

export interface ServiceProcessOptions {
  name: string;
  /** The compiled `main.js`. */
  main: string;
  /** Node options before `main`, such as `--cpu-prof` (which NODE_OPTIONS does not allow). */
  nodeArgs?: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The HTTP port, for `/readyz`. */
  port: number;
  /** Output is appended here. */
  logFile: string;
  onLog?: (line: ServiceLogLine) => void;
  /**
   * How long `start()` waits for `/readyz` (default 3 minutes: a bound, not a wait; on a loaded
   * 2-core machine five processes starting at once have taken over a minute).
   */
  readyTimeoutMs?: number;
  /** Graceful stop limit before SIGKILL; above the service's own SHUTDOWN_TIMEOUT. */
  stopTimeoutMs?: number;
  /**
   * Its own process group, so that a terminal's Ctrl-C reaches only the launcher, which then stops
   * the services in order instead of all at once.
   */
  detached?: boolean;
}

/** One service as a child process: started, waited on until `/readyz` answers 200, killed, restarted. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private readonly recent: string[] = [];
  private exitNote: string | undefined;
  private starts = 0;

  constructor(private readonly options: ServiceProcessOptions) {}

  get name(): string {
    return this.options.name;
  }

  get port(): number {
    return this.options.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How many times it has been started. */
  get startCount(): number {
    return this.starts;
  }

  /** The last lines it printed, for error messages. */
  recentOutput(): string {
    return this.recent.join('\n');
  }

  /** Spawns the process and resolves once `/readyz` answers 200; throws with its output if it exits first. */
  async start(): Promise<void> {
    if (this.running) return;
    await mkdir(dirname(this.options.logFile), { recursive: true });
    this.log ??= createWriteStream(this.options.logFile, { flags: 'a' });
    this.exitNote = undefined;
    this.starts += 1;
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), this.options.main], {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: this.options.detached ?? false,
    });
    this.child = child;
    child.once('exit', (code, signal) => {
      this.exitNote = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    });
    child.once('error', (error) => {
      this.exitNote = `could not start: ${error.message}`;
    });
    let pending = '';
    const take = (chunk: Buffer) => {
      this.log?.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line) continue;
        this.recent.push(line);
        if (this.recent.length > 60) this.recent.splice(0, this.recent.length - 60);
        this.options.onLog?.({ service: this.options.name, line });
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    await this.waitReady();
  }

  /** SIGTERM, then SIGKILL after `stopTimeoutMs`; resolves when the process has exited. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM', this.options.stopTimeoutMs ?? 20_000);
  }

  /** SIGKILL: no shutdown hooks run, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 10_000);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops it and closes the log file. */
  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = undefined;
  }

  private async signal(signal: NodeJS.Signals, killAfterMs: number): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(timer);
  }

  private async waitReady(): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 180_000;
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    for (;;) {
      if (this.exitNote) {
        throw new Error(`${this.name} ${this.exitNote} before it was ready:\n${this.recentOutput()}`);
      }
      try {
        const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
        last = `/readyz answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${this.name} was not ready in ${timeoutMs} ms (${last}); its output:\n${this.recentOutput()}`,
        );
      }
      await sleep(100);
    }
  }
}
