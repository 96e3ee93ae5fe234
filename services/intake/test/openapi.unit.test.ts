import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  appRoutes,
  createTokenVerifier,
  documentedRoutes,
  listen,
  type OpenApiDocument,
  roles,
  signToken,
  structuralProblems,
  urlOf,
} from '@chp/platform';
import express from 'express';
import { parse } from 'yaml';
import { intakeOpenApi, intakeOpenApiYaml } from '../scripts/docs/openapi.js';
import { emailRouter } from '../src/email/routes.js';
import { createIntakeApp } from '../src/http/app.js';
import { customerLinksRouter } from '../src/links/routes.js';
import type { SubmissionDeps } from '../src/submission/submit.js';

const SECRET = 'openapi-test-secret-of-at-least-32-characters';

/** The app as main.ts composes it; the deps are never reached by the requests below. */
function buildApp() {
  // createIntakeApp mounts the platform kit's app inside an outer one; catch it to walk its routes.
  const mounted: unknown[] = [];
  const use = express.application.use;
  const spy = jest.spyOn(express.application, 'use').mockImplementation(function (
    this: express.Application,
    ...args: unknown[]
  ) {
    for (const arg of args)
      if (typeof arg === 'function' && 'handle' in arg && 'set' in arg) mounted.push(arg);
    return (use as (...a: unknown[]) => express.Application).apply(this, args);
  });
  try {
    const verifier = createTokenVerifier({ realm: 'intake', secret: SECRET });
    const submissions = {} as SubmissionDeps;
    const nc = { isClosed: () => true, flush: async () => undefined } as never;
    const app = createIntakeApp({
      submissions,
      nc,
      auth: verifier,
      rateLimits: { default: { perSecond: 1, burst: 1 }, channels: {} },
      rawRouters: [
        emailRouter(submissions, verifier),
        customerLinksRouter({ nc, secret: SECRET, timeoutMs: 1_000, now: () => new Date() }),
      ],
    });
    return { app, mounted };
  } finally {
    spy.mockRestore();
  }
}

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;
function operations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}

describe('the OpenAPI document of intake', () => {
  const document = intakeOpenApi();

  it('is what docs/openapi/intake.yaml holds (run `npm run docs` if not)', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/intake.yaml'), 'utf8');
    expect(committed).toBe(intakeOpenApiYaml());
    expect(parse(committed)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is structurally valid OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(structuralProblems(document)).toEqual([]);
  });

  it('documents exactly the routes the app registers', () => {
    const { app, mounted } = buildApp();
    const registered = appRoutes(app, mounted);
    expect(registered).toEqual(
      expect.arrayContaining(['POST /v1/complaints', 'POST /v1/channels/email', 'GET /healthz']),
    );
    expect(documentedRoutes(document)).toEqual(registered);
  });

  it('names only roles the platform knows, and gives every error response a problem or a page', () => {
    for (const { operation } of operations(document)) {
      const [requirement] = (operation.security as Record<string, string[]>[] | undefined) ?? [];
      for (const role of requirement?.bearer ?? []) expect(roles).toContain(role);
      for (const [status, response] of Object.entries(operation.responses as Record<string, object>)) {
        if (Number(status) < 400) continue;
        const content = '$ref' in response ? {} : (response as { content?: object }).content;
        expect([status, '$ref' in response || content !== undefined]).toEqual([status, true]);
      }
    }
  });

  describe('against the running app', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = await listen(buildApp().app, 0, '127.0.0.1');
      base = urlOf(server);
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const concrete = (path: string) => path.replace(/\{\w+\}/g, 'x');

    it('answers 401 problem+json without a token, and 403 without a documented role, where it says bearer', async () => {
      const secured = operations(document).filter(({ operation }) => {
        const [requirement] = (operation.security as Record<string, string[]>[] | undefined) ?? [];
        return requirement?.bearer !== undefined;
      });
      expect(secured.length).toBeGreaterThan(0);
      for (const { method, path, operation } of secured) {
        const allowed = (operation.security as { bearer: string[] }[])[0]!.bearer;
        const anonymous = await fetch(base + concrete(path), { method: method.toUpperCase() });
        expect([method, path, anonymous.status]).toEqual([method, path, 401]);
        expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
        const other = roles.filter((role) => !allowed.includes(role));
        const token = await signToken({ secret: SECRET, subject: 'someone', roles: other });
        const forbidden = await fetch(base + concrete(path), {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${token}` },
        });
        expect([method, path, forbidden.status]).toEqual([method, path, 403]);
      }
    });

    it('needs no token where it says so', async () => {
      const open = operations(document).filter(
        ({ operation }) => (operation.security as unknown[]).length === 0,
      );
      expect(open.map(({ path }) => path)).toEqual(
        expect.arrayContaining(['/healthz', '/v1/customer-links/{token}']),
      );
      for (const { method, path, operation } of open) {
        const res = await fetch(base + concrete(path), { method: method.toUpperCase() });
        expect([method, path, res.status]).not.toEqual([method, path, 401]);
        expect(Object.keys(operation.responses as object)).toContain(String(res.status));
      }
    });
  });
});
