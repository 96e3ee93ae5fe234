import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { SqlDriver } from '@chp/eventstore';
import {
  appRoutes,
  bearerRolesOf,
  committedDocumentProblems,
  documentedRoutes,
  listen,
  liveAuthMismatches,
  operationsOf,
  type Role,
  roles,
  signToken,
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

describe('the OpenAPI document of projections', () => {
  const document = projectionsOpenApi();

  it('is what docs/openapi/projections.yaml holds (run `npm run docs` if not), and valid OpenAPI 3.1', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/projections.yaml'), 'utf8');
    expect(committedDocumentProblems(document, projectionsOpenApiYaml(), committed)).toEqual([]);
    expect(parse(committed)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('documents exactly the routes the app registers', () => {
    const registered = appRoutes(buildApp());
    expect(registered).toEqual(
      expect.arrayContaining(['GET /v1/complaints', 'POST /admin/v1/projections/rebuild']),
    );
    expect(documentedRoutes(document)).toEqual(registered);
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

    it('answers as documented: bearer routes 401 and 403 by role, the probes open', async () => {
      const open = operationsOf(document).filter(({ operation }) => bearerRolesOf(operation) === undefined);
      expect(open.map(({ path }) => path).sort()).toEqual(['/healthz', '/metrics', '/readyz']);
      const token = (held: string[]) =>
        signToken({ secret: SECRET, subject: 'someone', roles: held as Role[] });
      expect(await liveAuthMismatches(document, { base, concrete, roles, token })).toEqual([]);
    });
  });
});
