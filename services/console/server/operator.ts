import type { Logger } from '@chp/platform';
import { type RequestHandler, Router } from 'express';
import type { ConsoleConfig } from './config.js';
import type { LiveFeed } from './live.js';
import { requireCsrf, requireRoles } from './session.js';

/** One part of the system as the operator page shows it. */
export interface PartStatus {
  name: string;
  ready: boolean;
  /** What the part answered: `ready`, `HTTP 503`, `unreachable`… never a URL or a secret. */
  detail: string;
}

export interface SystemOverview {
  checkedAt: string;
  user: { id: string; name: string; roles: string[]; team: string | null };
  parts: PartStatus[];
  /** Where sessions are kept: `postgresql`, `file` or `memory`. */
  sessionStore: string;
}

export interface OperatorOptions {
  config: ConsoleConfig;
  logger: Logger;
  providerReady: () => boolean;
  live: LiveFeed | undefined;
  sessionStore: string;
}

const checkTimeoutMs = 2_000;

/** A service's `/readyz`, within two seconds. */
async function readiness(name: string, baseUrl: string, logger: Logger): Promise<PartStatus> {
  try {
    const response = await fetch(new URL('/readyz', baseUrl), {
      signal: AbortSignal.timeout(checkTimeoutMs),
    });
    await response.body?.cancel();
    return {
      name,
      ready: response.ok,
      detail: response.ok ? 'ready' : `HTTP ${response.status}`,
    };
  } catch (error) {
    logger.warn({ service: name, err: { message: (error as Error).message } }, 'readiness check failed');
    return { name, ready: false, detail: 'unreachable' };
  }
}

/**
 * The operator's API under `/api/admin` (admins only; everyone else gets a 403 problem before any
 * route): the system overview for the admin page. Issue 23's operator tools will join it here.
 */
export function operatorRoutes(options: OperatorOptions): Router {
  const { config, logger } = options;
  const router = Router();
  router.use('/api/admin', requireRoles('admin'), requireCsrf);
  const overview: RequestHandler = async (req, res) => {
    const user = req.session.user;
    const [projections, complaints] = await Promise.all([
      readiness('projections', config.PROJECTIONS_URL, logger),
      readiness('complaints', config.COMPLAINTS_URL, logger),
    ]);
    const body: SystemOverview = {
      checkedAt: new Date().toISOString(),
      user: {
        id: user?.id ?? '',
        name: user?.name ?? '',
        roles: user?.roles ?? [],
        team: user?.team ?? null,
      },
      parts: [
        {
          name: 'identity provider',
          ready: options.providerReady(),
          detail: options.providerReady() ? 'discovered' : 'not discovered yet',
        },
        projections,
        complaints,
        {
          name: 'live updates',
          ready: options.live?.connected === true,
          detail: options.live?.connected ? 'following complaints.events.>' : 'not following',
        },
      ],
      sessionStore: options.sessionStore,
    };
    res.set('Cache-Control', 'no-store').json(body);
  };
  router.get('/api/admin/overview', overview);
  return router;
}
