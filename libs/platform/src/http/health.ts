import { Router } from 'express';
import { HttpProblem, sendProblem } from './problems.js';

/** Resolves when the dependency is usable; throws (or times out) when it is not. */
export type ReadinessCheck = () => Promise<void> | void;

export interface HealthOptions {
  readiness?: Record<string, ReadinessCheck>;
  /** Each check fails when it takes longer than this. Default 2000 ms. */
  timeoutMs?: number;
}

type Outcome = { status: 'ok' } | { status: 'failed'; detail: string };

async function run(check: ReadinessCheck, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // race() also handles a late rejection of the check, so it never becomes unhandled.
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'failed', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: liveness, 200 while the process can answer. `GET /readyz`: runs every readiness
 * check at once; 200 when all pass, else 503 problem+json naming the failing ones.
 */
export function healthRouter(options: HealthOptions = {}): Router {
  const checks = Object.entries(options.readiness ?? {});
  const timeoutMs = options.timeoutMs ?? 2_000;
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (req, res) => {
    const outcomes = await Promise.all(
      checks.map(async ([name, check]) => [name, await run(check, timeoutMs)] as const),
    );
    const failing = outcomes.filter(([, outcome]) => outcome.status === 'failed');
    const report = Object.fromEntries(outcomes);
    if (failing.length === 0) {
      res.json({ status: 'ready', checks: report });
      return;
    }
    const detail = failing
      .map(([name, outcome]) => `${name} (${outcome.status === 'failed' ? outcome.detail : ''})`)
      .join(', ');
    sendProblem(
      req,
      res,
      new HttpProblem({
        status: 503,
        kind: 'not-ready',
        title: 'Not ready',
        detail: `Failing: ${detail}`,
        extensions: { failing: failing.map(([name]) => name), checks: report },
      }),
    );
  });

  return router;
}

/** The part of a nats.js connection a readiness check needs (no dependency on nats here). */
export interface NatsConnectionLike {
  isClosed(): boolean;
  flush(): Promise<void>;
}

/**
 * Ready when the NATS connection is open and answers a PING (flush): while the client is
 * reconnecting, flush waits, so the check's timeout reports it.
 */
export function natsReadiness(nc: NatsConnectionLike): ReadinessCheck {
  return async () => {
    if (nc.isClosed()) throw new Error('connection closed');
    await nc.flush();
  };
}
