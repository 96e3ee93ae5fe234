// The OpenAPI 3.1 document of the notifications service's HTTP endpoints: the probes only (it works
// from NATS; src/http/app.ts serves nothing else).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpenApiDocument, openApiDocument, probePaths, toYaml } from '@chp/platform';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

/** The document. */
export function notificationsOpenApi(): OpenApiDocument {
  return openApiDocument({
    service: 'notifications',
    version,
    description:
      'Customer e-mails and supervisor alerts are driven by NATS (see docs/asyncapi.yaml); over HTTP the service answers only its probes: liveness, readiness (the sent log answers a query, NATS a PING) and Prometheus metrics (e-mails by outcome, consumer and process metrics).',
    port: 3004,
    tags: [],
    paths: probePaths(['sentLog', 'nats']),
    schemas: {},
  });
}

/** The YAML written to docs/openapi/notifications.yaml. */
export const notificationsOpenApiYaml = (): string => toYaml(notificationsOpenApi(), 'notifications');
