import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { SqlDriver } from '@chp/eventstore';
import {
  appRoutes,
  documentedRoutes,
  listen,
  type OpenApiDocument,
  roles,
  signToken,
  structuralProblems,
  urlOf,
} from '@chp/platform';
import { parse } from 'yaml';
import { projectionsOpenApi, projectionsOpenApiYaml } from '../scripts/docs/openapi.js';
import { createProjectionsApp } from '../src/http/index.js';
import type { Rebuilder } from '../src/rebuild/index.js';

const SECRET = 'openapi-test-secret-of-at-least-32-characters';

/** The app as main.ts composes it; the requests below never get past authorisation to the deps. */
const buildApp = () =>
  createProjectionsApp({ db: {} as SqlDriver, rebuilder: {} as Rebuilder, auth: { secret: SECRET } });

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;
function operations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}
const bearerRoles = (operation: Record<string, unknown>): string[] | undefined =>
  ((operation.security as Record<string, string[]>[] | undefined) ?? [])[0]?.bearer;

describe('the OpenAPI document of projections', () => {
  const document = projectionsOpenApi();

  it('is what docs/openapi/projections.yaml holds (run `npm run docs` if not)', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/projections.yaml'), 'utf8');
    expect(committed).toBe(projectionsOpenApiYaml());
    expect(parse(committed)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is structurally valid OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(structuralProblems(document)).toEqual([]);
  });

  it('documents exactly the routes the app registers', () => {
    const registered = appRoutes(buildApp());
    expect(registered).toEqual(
      expect.arrayContaining(['GET /v1/complaints', 'POST /admin/v1/projections/rebuild']),
    );
    expect(documentedRoutes(document)).toEqual(registered);
  });

  it('names only roles the platform knows', () => {
    for (const { operation } of operations(document)) {
      for (const role of bearerRoles(operation) ?? []) expect(roles).toContain(role);
    }
  });

  describe('against the running app', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = await listen(buildApp(), 0, '127.0.0.1');
      base = urlOf(server);
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const concrete = (path: string) => path.replace(/\{\w+\}/g, '3f0c1d7e-5b1a-4c8e-9f6a-2d4b8e1c7a90');

    it('answers 401 problem+json without a token, and 403 with none of the documented roles', async () => {
      const secured = operations(document).filter(({ operation }) => bearerRoles(operation) !== undefined);
      expect(secured.length).toBe(documentedRoutes(document).length - 3);
      for (const { method, path, operation } of secured) {
        const anonymous = await fetch(base + concrete(path), { method: method.toUpperCase() });
        expect([method, path, anonymous.status, anonymous.headers.get('content-type')]).toEqual([
          method,
          path,
          401,
          expect.stringContaining('application/problem+json'),
        ]);
        const allowed = bearerRoles(operation)!;
        const token = await signToken({
          secret: SECRET,
          subject: 'someone',
          roles: roles.filter((role) => !allowed.includes(role)),
        });
        const forbidden = await fetch(base + concrete(path), {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${token}` },
        });
        expect([method, path, forbidden.status]).toEqual([method, path, 403]);
      }
    });

    it('answers the probes without a token', async () => {
      const open = operations(document).filter(
        ({ operation }) => (operation.security as unknown[]).length === 0,
      );
      expect(open.map(({ path }) => path).sort()).toEqual(['/healthz', '/metrics', '/readyz']);
      for (const { path } of open) expect([path, (await fetch(base + path)).status]).toEqual([path, 200]);
    });
  });
});
