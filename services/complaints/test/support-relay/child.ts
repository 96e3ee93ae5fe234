import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitFor } from '@chp/testing';

// tsx's loader inside this very node process: the tsx CLI would run the script in a grandchild,
// which a SIGKILL of the CLI would leave running.
const tsxLoader = pathToFileURL(join(__dirname, '../../../../node_modules/tsx/dist/loader.mjs')).href;

/** A line the relay process reported (see run-relay.ts). */
export interface Report {
  event: string;
  [field: string]: unknown;
}

/** The relay running in a child process, with its reports. */
export interface RelayProcess {
  child: ChildProcess;
  reports: Report[];
  /** Waits for a report that satisfies `match` and returns it. */
  waitForReport(match: (report: Report) => boolean, description: string): Promise<Report>;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** SIGKILLs every relay process still running (for afterAll, so a failed test leaves none behind). */
export function killRelays(): void {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
}

/** Starts run-relay.ts under tsx, resolving `@chp/*` to the libraries' sources (no build needed). */
export function spawnRelay(env: Record<string, string>): RelayProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, join(__dirname, 'run-relay.ts')], {
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const reports: Report[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) reports.push(JSON.parse(line) as Report);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    reports,
    async waitForReport(match, description) {
      return waitFor(
        () => {
          if (child.exitCode !== null)
            throw new Error(`the relay process exited (${child.exitCode}): ${stderr}`);
          return reports.find(match);
        },
        {
          timeoutMs: 30_000,
          description: () =>
            `${description}; reports: ${JSON.stringify(reports.slice(-3))}; stderr: ${stderr.slice(-2_000)}`,
        },
      );
    },
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
