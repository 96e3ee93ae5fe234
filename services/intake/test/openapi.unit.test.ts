import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTokenVerifier, type Role, roles, signToken } from '@chp/platform';
import {
  appRoutes,
  bearerRolesOf,
  committedDocumentProblems,
  documentedRoutes,
  operationsOf,
  servedAuthMismatches,
} from '@chp/testing';
import express from 'express';
import { intakeOpenApi, intakeOpenApiYaml } from '../scripts/docs/openapi.js';
import type { AttachmentStore } from '../src/attachments/index.js';
import { intakeConfigSchema } from '../src/config.js';
import { emailRouter } from '../src/email/routes.js';
import { createIntakeApp } from '../src/http/app.js';
import { attachmentsRouter } from '../src/http/attachments.js';
import { customerLinksRouter } from '../src/links/routes.js';
import { type LinkStore, portalRouters, type ViewStore } from '../src/portal/index.js';
import type { SubmissionDeps } from '../src/submission/submit.js';

const SECRET = 'openapi-test-secret-of-at-least-32-characters';

/** Tokens for servedAuthMismatches, signed with the app's secret. */
const token = (held: string[]) =>
  signToken({ secret: SECRET, subject: 'openapi-check', roles: held as Role[] });

/** The app as main.ts composes it; the deps are never reached by the requests below. */
function buildApp() {
  // Apps mounted inside the app (none today) are caught, to walk their routes too.
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
      rateLimit: {
        client: { perSecond: 1_000, burst: 1_000 },
        anonymous: { perSecond: 1_000, burst: 1_000 },
      },
      rawRouters: [
        attachmentsRouter({ submissions, attachments: {} as AttachmentStore }),
        emailRouter(submissions, verifier),
        customerLinksRouter({ nc, secret: SECRET, timeoutMs: 1_000, now: () => new Date() }),
        // The stores are never reached by the requests below.
        ...portalRouters({
          config: intakeConfigSchema.parse({ JWT_SECRET: SECRET, CUSTOMER_LINK_SECRET: SECRET }),
          submissions,
          nc,
          views: {} as ViewStore,
          links: {} as LinkStore,
        }),
      ],
    });
    return { app, mounted };
  } finally {
    spy.mockRestore();
  }
}

describe('the OpenAPI document of intake', () => {
  const document = intakeOpenApi();

  it('is what docs/openapi/intake.yaml holds (run `npm run docs` if not), and valid OpenAPI 3.1', () => {
    const committed = readFileSync(join(__dirname, '../../../docs/openapi/intake.yaml'), 'utf8');
    expect(committedDocumentProblems(document, intakeOpenApiYaml(), committed)).toEqual([]);
  });

  it('documents exactly the routes the app registers', () => {
    const { app, mounted } = buildApp();
    const registered = appRoutes(app, mounted);
    expect(registered).toEqual(
      expect.arrayContaining(['POST /v1/complaints', 'POST /v1/channels/email', 'GET /healthz']),
    );
    expect(documentedRoutes(document)).toEqual(registered);
  });

  it('gives every error response a problem or a page', () => {
    for (const { operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, object>)) {
        if (Number(status) < 400) continue;
        const content = '$ref' in response ? {} : (response as { content?: object }).content;
        expect([status, '$ref' in response || content !== undefined]).toEqual([status, true]);
      }
    }
  });

  it('is what the running app answers: bearer routes 401 and 403 by role, open ones without a token', async () => {
    const open = operationsOf(document).filter(({ operation }) => bearerRolesOf(operation) === undefined);
    expect(open.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['/healthz', '/v1/customer-links/{token}']),
    );
    expect(open.length).toBeLessThan(operationsOf(document).length);
    expect(await servedAuthMismatches(document, buildApp().app, { roles, token })).toEqual([]);
  });
});
