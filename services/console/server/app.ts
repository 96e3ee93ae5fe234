import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, trustProxyFrom } from '@chp/platform';
import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import type session from 'express-session';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type * as oidc from 'openid-client';
import { authRoutes } from './auth.js';
import type { ConsoleConfig } from './config.js';
import { type LiveFeed, liveEventsRoute } from './live.js';
import { operatorRoutes } from './operator.js';
import { type ConsoleRole, requireCsrf, requireRoles, sessionMiddleware } from './session.js';

export interface ConsoleAppOptions {
  config: ConsoleConfig;
  logger: Logger;
  /** The discovered provider; undefined until discovery succeeds (then `/readyz` is 503). */
  provider: () => oidc.Configuration | undefined;
  sessionStore?: session.Store;
  /** Complaint events for `GET /api/events`; without it that route is 503. */
  live?: LiveFeed;
  /** The kind of `sessionStore`, for the operator page (`postgresql`, `file`); `memory` without one. */
  sessionStoreKind?: string;
}

/** The services the console forwards to, and who may call them through it (the services check again). */
function forwards(config: ConsoleConfig): { path: string; target: string; roles: ConsoleRole[] }[] {
  return [
    { path: '/api/projections', target: config.PROJECTIONS_URL, roles: ['agent', 'supervisor', 'admin'] },
    { path: '/api/complaints', target: config.COMPLAINTS_URL, roles: ['agent', 'supervisor', 'admin'] },
    { path: '/api/knowledge', target: config.KNOWLEDGE_URL, roles: ['agent', 'supervisor', 'admin'] },
    // Downloads of complaints' files (intake checks the role again and ties the file to the complaint).
    { path: '/api/intake', target: config.INTAKE_URL, roles: ['agent', 'supervisor', 'admin'] },
    // Only notifications' admin API: its probes and metrics are not the browser's business.
    {
      path: '/api/notifications/admin',
      target: new URL(
        'admin',
        config.NOTIFICATIONS_URL.endsWith('/') ? config.NOTIFICATIONS_URL : `${config.NOTIFICATIONS_URL}/`,
      ).href,
      roles: ['admin'],
    },
  ];
}

/** The services' admin APIs as the console forwards them: `/api/<service>/admin/…`. */
export const operatorPaths = ['/api/complaints/admin', '/api/projections/admin', '/api/notifications/admin'];

export function createConsoleApp(options: ConsoleAppOptions): Express {
  const { config, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxyFrom(config).trustProxy ?? false);
  const https = new URL(config.PUBLIC_URL).protocol === 'https:';
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // No inline script, no eval: the built app is files from this origin only.
          scriptSrc: ["'self'"],
          // Mantine sets CSS variables in style elements and attributes; styles cannot run code.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: https,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = options.provider() !== undefined;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'waiting for the OpenID provider' });
  });

  app.use(sessionMiddleware(config, options.sessionStore));
  const providerOrThrow = () => {
    const provider = options.provider();
    if (!provider) throw new Error('the OpenID provider has not been discovered yet');
    return provider;
  };
  const auth = authRoutes(config, providerOrThrow, logger);
  app.use(auth.router);

  // Live changes as server-sent events; GET only, so CSRF does not apply (it cannot change anything).
  app.get('/api/events', requireRoles('agent', 'supervisor', 'admin'), liveEventsRoute(options.live));

  // Operators' routes (dead letters, the relay, rebuilds): admins only here too; the services check again.
  app.use(operatorPaths, requireRoles('admin'));
  // Admins only: the operator page's API (403 for everyone else, whatever the path below it).
  app.use(
    operatorRoutes({
      config,
      logger,
      providerReady: () => options.provider() !== undefined,
      live: options.live,
      sessionStore: options.sessionStore ? (options.sessionStoreKind ?? 'custom') : 'memory',
    }),
  );

  for (const forward of forwards(config)) {
    const withToken: RequestHandler = async (req, res, next) => {
      const token = await auth.accessToken(req);
      if (!token) {
        res.status(401).type('application/problem+json').json({
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          detail: 'The session has expired; sign in again',
        });
        return;
      }
      res.locals.accessToken = token;
      next();
    };
    app.use(
      forward.path,
      requireRoles(...forward.roles),
      requireCsrf,
      withToken,
      createProxyMiddleware({
        target: forward.target,
        changeOrigin: true,
        xfwd: false,
        on: {
          proxyReq: (proxyReq, _req, res) => {
            // The services see the user's token, never the console's cookie or CSRF token.
            proxyReq.removeHeader('cookie');
            proxyReq.removeHeader('x-csrf-token');
            proxyReq.setHeader('authorization', `Bearer ${(res as express.Response).locals.accessToken}`);
          },
          error: (error, _req, res) => {
            logger.warn({ target: forward.target, err: { message: error.message } }, 'proxy error');
            if ('writeHead' in res && !res.headersSent) {
              res.writeHead(502, { 'content-type': 'application/problem+json' });
              res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502 }));
            }
          },
        },
      }),
    );
  }

  // An unknown API or auth path is a 404, not the app's page.
  app.use(['/api', '/auth'], (_req, res) => {
    res
      .status(404)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  // The built app: hashed assets cached for long, index.html for every other path (client routes).
  // Compressed (brotli or gzip, as the browser accepts) here only: the API, the proxy and the live
  // feed (server-sent events, which must not be buffered) are mounted above.
  const index = join(config.STATIC_DIR, 'index.html');
  app.use(compression());
  app.use(
    '/assets',
    express.static(join(config.STATIC_DIR, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  app.use(express.static(config.STATIC_DIR, { index: false }));
  app.get('/{*path}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(404).type('text/plain').send('The app is not built: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });

  app.use(((error, _req, res, _next) => {
    logger.error({ err: { message: (error as Error).message } }, 'request failed');
    if (!res.headersSent) {
      res
        .status(500)
        .type('application/problem+json')
        .json({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    }
  }) as express.ErrorRequestHandler);
  return app;
}
