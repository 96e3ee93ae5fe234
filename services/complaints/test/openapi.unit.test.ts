import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpCommandTypes } from '@chp/contracts';
import type { EventStore } from '@chp/eventstore';
import { type Role, roles, signToken } from '@chp/platform';
import {
  appRoutes,
  bearerRolesOf,
  committedDocumentProblems,
  documentedRoutes,
  operationsOf,
  servedAuthMismatches,
} from '@chp/testing';
import { complaintsOpenApi, complaintsOpenApiYaml } from '../scripts/docs/openapi.js';
import type { Clock, CommandHandler } from '../src/application/index.js';
import { createComplaintsApp } from '../src/http/index.js';
import type { PolicySet } from '../src/sla/index.js';

const SECRET = 'openapi-test-secret-of-at-least-32-characters';

/** Tokens for servedAuthMismatches, signed with the app's secret. */
const token = (held: string[]) =>
  signToken({ secret: SECRET, subject: 'openapi-check', roles: held as Role[] });

/** The app as main.ts composes it; the requests below never get past authorisation to the deps. */
const buildApp = () =>
  createComplaintsApp({
    store: {} as EventStore,
    handler: {} as CommandHandler,
    clock: {} as Clock,
    policies: {} as PolicySet,
    auth: { secret: SECRET },
  });

describe('the OpenAPI document of complaints', () => {
  const document = complaintsOpenApi();

  it('is what docs/openapi/complaints.yaml holds (run `npm run docs` if not), and valid OpenAPI 3.1', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/complaints.yaml'), 'utf8');
    expect(committedDocumentProblems(document, complaintsOpenApiYaml(), committed)).toEqual([]);
  });

  it('documents exactly the routes the app registers, a command route per HTTP command', () => {
    const registered = appRoutes(buildApp());
    // The desk's commands, and the language correction on its own route.
    expect(registered.filter((route) => /^POST \/v1\/complaints\/\{id\}\/[a-z-]+$/.test(route))).toHaveLength(
      httpCommandTypes.length + 1,
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
