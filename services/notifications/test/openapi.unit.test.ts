import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { listen, urlOf } from '@chp/platform';
import { appRoutes, committedDocumentProblems, documentedRoutes } from '@chp/testing';
import { notificationsOpenApi, notificationsOpenApiYaml } from '../scripts/docs/openapi.js';
import { createNotificationsApp } from '../src/http/index.js';

/** The app as main.ts composes it, on a sent log that answers every query. */
const buildApp = () =>
  createNotificationsApp({
    storage: { query: async () => [] } as never,
    nc: { isClosed: () => false, flush: async () => undefined },
  });

describe('the OpenAPI document of notifications', () => {
  const document = notificationsOpenApi();

  it('is what docs/openapi/notifications.yaml holds (run `npm run docs` if not), and valid OpenAPI 3.1', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/notifications.yaml'), 'utf8');
    expect(committedDocumentProblems(document, notificationsOpenApiYaml(), committed)).toEqual([]);
  });

  it('documents exactly the routes the app registers', () => {
    const registered = appRoutes(buildApp());
    expect(registered).toEqual([
      'GET /admin/v1/unsettled-emails',
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'POST /admin/v1/unsettled-emails/mark-delivered',
      'POST /admin/v1/unsettled-emails/resend',
    ]);
    expect(documentedRoutes(document)).toEqual(registered);
  });

  it('answers every documented operation without a token, with a documented status', async () => {
    const server: Server = await listen(buildApp(), 0, '127.0.0.1');
    try {
      for (const [path, item] of Object.entries(document.paths)) {
        const method = item.get ? 'get' : 'post';
        const res = await fetch(urlOf(server) + path, { method: method.toUpperCase() });
        // Without a JWKS the admin routes answer 503, documented; the probes 200.
        const expected = path.startsWith('/admin/') ? 503 : 200;
        expect([path, res.status]).toEqual([path, expected]);
        expect(Object.keys(item[method]?.responses as object)).toContain(String(expected));
      }
      const ready = (await (await fetch(`${urlOf(server)}/readyz`)).json()) as { checks: object };
      // The readiness checks the document names are the ones the app runs.
      expect(Object.keys(ready.checks).sort()).toEqual(['nats', 'sentLog']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
