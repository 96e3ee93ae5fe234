import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDriver } from '@chp/eventstore';
import { type Role, roles, signToken } from '@chp/platform';
import {
  appRoutes,
  bearerRolesOf,
  committedDocumentProblems,
  documentedRoutes,
  operationsOf,
  servedAuthMismatches,
} from '@chp/testing';
import { projectionsOpenApi, projectionsOpenApiYaml } from '../scripts/docs/openapi.js';
import { createProjectionsApp } from '../src/http/index.js';
import type { Rebuilder } from '../src/rebuild/index.js';

const SECRET = 'openapi-test-secret-of-at-least-32-characters';

/** Tokens for servedAuthMismatches, signed with the app's secret. */
const token = (held: string[]) =>
  signToken({ secret: SECRET, subject: 'openapi-check', roles: held as Role[] });

/** The app as main.ts composes it; the requests below never get past authorisation to the deps. */
const buildApp = () =>
  createProjectionsApp({ db: {} as SqlDriver, rebuilder: {} as Rebuilder, auth: { secret: SECRET } });

describe('the OpenAPI document of projections', () => {
  const document = projectionsOpenApi();

  it('is what docs/openapi/projections.yaml holds (run `npm run docs` if not), and valid OpenAPI 3.1', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/projections.yaml'), 'utf8');
    expect(committedDocumentProblems(document, projectionsOpenApiYaml(), committed)).toEqual([]);
  });

  it('documents exactly the routes the app registers', () => {
    const registered = appRoutes(buildApp());
    expect(registered).toEqual(
      expect.arrayContaining(['GET /v1/complaints', 'POST /admin/v1/projections/rebuild']),
    );
    expect(documentedRoutes(document)).toEqual(registered);
  });

  it('is what the running app answers: bearer routes 401 and 403 by role, the probes open', async () => {
    const open = operationsOf(document).filter(({ operation }) => bearerRolesOf(operation) === undefined);
    expect(open.map(({ path }) => path).sort()).toEqual(['/healthz', '/metrics', '/readyz']);
    const concrete = (path: string) => path.replace(/\{\w+\}/g, '3f0c1d7e-5b1a-4c8e-9f6a-2d4b8e1c7a90');
    expect(await servedAuthMismatches(document, buildApp(), { roles, token, concrete })).toEqual([]);
  });
});
