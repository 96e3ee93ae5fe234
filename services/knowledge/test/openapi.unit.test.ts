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
  structuralProblems,
} from '@chp/testing';
import { knowledgeOpenApi, knowledgeOpenApiYaml } from '../scripts/docs/openapi.js';
import type { KnowledgeHandler } from '../src/application/index.js';
import { createKnowledgeApp } from '../src/http/index.js';

const SECRET = 'openapi-test-secret-of-at-least-32-characters';
const token = (held: string[]) =>
  signToken({ secret: SECRET, subject: 'openapi-check', roles: held as Role[] });

/** The app as main.ts composes it; the requests below never get past authorisation to the deps. */
const buildApp = () =>
  createKnowledgeApp({
    handler: {} as KnowledgeHandler,
    db: {} as SqlDriver,
    projector: { caughtUp: async () => true },
    auth: { secret: SECRET },
  });

describe('the OpenAPI document of knowledge', () => {
  const document = knowledgeOpenApi();

  it('is what docs/openapi/knowledge.yaml holds (run `npm run docs` if not), and valid OpenAPI 3.1', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/knowledge.yaml'), 'utf8');
    expect(committedDocumentProblems(document, knowledgeOpenApiYaml(), committed)).toEqual([]);
    expect(structuralProblems(document)).toEqual([]);
  });

  it('documents exactly the routes the app registers', () => {
    expect(documentedRoutes(document)).toEqual(appRoutes(buildApp()));
  });

  it('is what the running app answers: bearer routes 401 and 403 by role; the portal and probes open', async () => {
    const open = operationsOf(document).filter(({ operation }) => bearerRolesOf(operation) === undefined);
    expect(open.map(({ path }) => path).sort()).toEqual([
      '/healthz',
      '/metrics',
      '/readyz',
      '/v1/public/questions',
      '/v1/public/questions/suggest',
      '/v1/public/questions/{id}/helped',
    ]);
    const concrete = (path: string) => path.replace(/\{\w+\}/g, '3f0c1d7e-5b1a-4c8e-9f6a-2d4b8e1c7a90');
    expect(await servedAuthMismatches(document, buildApp(), { roles, token, concrete })).toEqual([]);
  });
});
