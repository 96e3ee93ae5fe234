import type { Server } from 'node:http';
import { loggableError } from './http/index.js';

/** Something to close at shutdown: a function, or a named one for the logs. */
export type Closer = (() => Promise<void> | void) | { name: string; close: () => Promise<void> | void };

interface ShutdownLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ShutdownOptions {
  /** After this the process exits 1 even if closers are still running. Default 10 000 ms. */
  timeoutMs?: number;
  logger?: ShutdownLogger;
  /** Default SIGTERM and SIGINT. */
  signals?: readonly NodeJS.Signals[];
  /** Where signals come from; `process` by default (tests pass an EventEmitter). */
  emitter?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  /** `process.exit` by default (tests pass a spy). */
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Runs the shutdown as a signal would; resolves with the exit code. */
  shutdown(reason?: string): Promise<number>;
  /** Removes the signal listeners. */
  dispose(): void;
}

function nameOf(closer: Closer, index: number): string {
  return typeof closer === 'function' ? closer.name || `closer #${index + 1}` : closer.name;
}

/**
 * Stops an HTTP server taking connections and resolves when open ones are done. Idle keep-alive
 * connections are closed as they appear, or a client holding one would keep the server open.
 */
export function closeServer(server: Server, name = 'http server'): Closer {
  return {
    name,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * On SIGTERM or SIGINT, runs `closers` one after another, in order (put `closeServer` first so no
 * new work arrives, then consumers, NATS, pools), then exits 0. A failing closer is logged, the
 * rest still run, and the exit code is 1. Past `timeoutMs` it exits 1; a second signal exits 1 at once.
 */
export function installShutdown(closers: readonly Closer[], options: ShutdownOptions = {}): ShutdownHandle {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const emitter = options.emitter ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const log = options.logger;
  let exitCode: number | undefined;
  let running: Promise<number> | undefined;

  // Only the first exit counts: with an injected exit the closers may still finish after a timeout.
  const exit = (code: number) => {
    if (exitCode !== undefined) return;
    exitCode = code;
    (options.exit ?? ((c: number) => process.exit(c)))(code);
  };

  const run = async (reason: string): Promise<number> => {
    log?.info({ reason, closers: closers.length, timeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      log?.error({ timeoutMs }, 'shutdown timed out');
      exit(1);
    }, timeoutMs);
    let code = 0;
    for (const [index, closer] of closers.entries()) {
      const name = nameOf(closer, index);
      try {
        await (typeof closer === 'function' ? closer() : closer.close());
        log?.info({ closer: name }, 'closed');
      } catch (error) {
        code = 1;
        log?.error({ closer: name, err: loggableError(error) }, 'closer failed');
      }
    }
    clearTimeout(timer);
    if (exitCode === undefined) log?.info({ code }, 'shutdown complete');
    exit(code);
    return exitCode ?? code;
  };

  const shutdown = (reason = 'requested'): Promise<number> => {
    running ??= run(reason);
    return running;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (running) {
      log?.error({ signal }, 'second signal during shutdown; exiting now');
      exit(1);
      return;
    }
    void shutdown(signal);
  };

  for (const signal of signals) emitter.on(signal, onSignal);
  return {
    shutdown,
    dispose: () => {
      for (const signal of signals) emitter.off(signal, onSignal);
    },
  };
}
