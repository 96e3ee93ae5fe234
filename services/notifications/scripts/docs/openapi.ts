// The OpenAPI 3.1 document of the notifications service's HTTP endpoints: the probes and the
// operators' unsettled e-mails (src/http/admin.ts); everything else it does is driven by NATS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  jsonContent,
  jsonSchemaOf,
  type OpenApiDocument,
  openApiDocument,
  type PathItem,
  parametersOf,
  pathTemplateOf,
  probePaths,
  problems,
  rolesText,
  schemaRef,
  secured,
  toYaml,
} from '@chp/platform';
import { MAX_UNSETTLED_PAGE, rowKeyBody, unsettledQuery } from '../../src/http/admin.js';
import { routes } from '../../src/http/routes.js';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

const unavailable: [number, string] = [
  503,
  'JWT_JWKS_URL is not set (notifications verifies tokens with public keys only), or no consumer runs.',
];

const adminPaths: Record<string, PathItem> = {
  [pathTemplateOf(routes.unsettledEmails.path)]: {
    [routes.unsettledEmails.method]: {
      operationId: 'listUnsettledEmails',
      tags: ['admin'],
      summary: 'The sent log’s `unknown` e-mails (maybe sent), then those already decided',
      description: [
        'A row is `unknown` when the process stopped between the intent and the result: the e-mail may or may not have left, and it is not re-sent automatically. Check the SMTP server’s log for `messageId`, then resend it or mark it delivered. Rows still `unknown` come first; decided rows follow with their `decisions` (`action`, `by`, `at`), newest first.',
        rolesText(routes.unsettledEmails.roles),
      ].join('\n\n'),
      ...secured(routes.unsettledEmails.roles),
      parameters: parametersOf(unsettledQuery, 'query', {
        limit: { description: `Rows at most, 1 to ${MAX_UNSETTLED_PAGE}.`, default: '100' },
      }),
      responses: {
        '200': { description: 'The rows.', content: jsonContent(schemaRef('UnsettledEmails')) },
        ...problems([400, 'A bad `limit`.'], 401, 403, unavailable),
      },
    },
  },
  [pathTemplateOf(routes.resendUnsettledEmail.path)]: {
    [routes.resendUnsettledEmail.method]: {
      operationId: 'resendUnsettledEmail',
      tags: ['admin'],
      summary: 'Resend one `unknown` e-mail, once',
      description: [
        'Records the decision (`resend`, `by` = the token’s subject, `at`), re-reads the event from `COMPLAINTS` by the sequence kept with the row, and handles it again: the row is claimed and sent once (ending `sent`, or `failed` on an SMTP error); the event’s other e-mails are settled and not sent again. Only a row still `unknown` is decided: a second click answers `decided: false` and sends nothing. 409 when the event cannot be re-read (a row claimed before the sequence was recorded, or the stream no longer holds it).',
        rolesText(routes.resendUnsettledEmail.roles),
      ].join('\n\n'),
      ...secured(routes.resendUnsettledEmail.roles),
      requestBody: { required: true, content: jsonContent(jsonSchemaOf(rowKeyBody)) },
      responses: {
        '200': { description: 'The row after the decision.', content: jsonContent(schemaRef('Settlement')) },
        ...problems(
          [400, 'A bad body.'],
          401,
          403,
          [404, 'No such row.'],
          [409, 'The event cannot be re-read.'],
          unavailable,
        ),
      },
    },
  },
  [pathTemplateOf(routes.markEmailDelivered.path)]: {
    [routes.markEmailDelivered.method]: {
      operationId: 'markEmailDelivered',
      tags: ['admin'],
      summary: 'Mark one `unknown` e-mail delivered (the SMTP log shows it left)',
      description: [
        'Records the decision (`marked_delivered`, `by`, `at`); the row becomes `sent`. Only a row still `unknown` is decided: otherwise `decided: false` and nothing changes.',
        rolesText(routes.markEmailDelivered.roles),
      ].join('\n\n'),
      ...secured(routes.markEmailDelivered.roles),
      requestBody: { required: true, content: jsonContent(jsonSchemaOf(rowKeyBody)) },
      responses: {
        '200': { description: 'The row after the decision.', content: jsonContent(schemaRef('Settlement')) },
        ...problems([400, 'A bad body.'], 401, 403, [404, 'No such row.'], unavailable),
      },
    },
  },
};

const sentLogEntry = {
  type: 'object',
  required: [
    'eventId',
    'template',
    'recipient',
    'complaintId',
    'audience',
    'messageId',
    'notificationId',
    'status',
    'attempts',
    'decisions',
    'streamSequence',
  ],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    template: { type: 'string' },
    recipient: { type: 'string', description: 'The lower-cased address.' },
    complaintId: { type: 'string' },
    audience: { enum: ['customer', 'staff'] },
    messageId: { type: 'string', description: 'Search the SMTP log for it.' },
    notificationId: { type: 'string', format: 'uuid' },
    status: { enum: ['sending', 'retrying', 'sent', 'failed', 'skipped', 'unknown'] },
    attempts: { type: 'integer', minimum: 0 },
    skipReason: { type: ['string', 'null'] },
    error: { type: ['string', 'null'] },
    permanent: { type: ['boolean', 'null'] },
    claimedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    streamSequence: {
      type: ['integer', 'null'],
      description: 'The event’s sequence on `COMPLAINTS`; null for rows claimed before it was recorded.',
    },
    decisions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['action', 'by', 'at'],
        properties: {
          action: { enum: ['resend', 'marked_delivered'] },
          by: { type: 'string', description: 'The operator’s token subject.' },
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

/** The document. */
export function notificationsOpenApi(): OpenApiDocument {
  return openApiDocument({
    service: 'notifications',
    version,
    description:
      'Customer e-mails and supervisor alerts are driven by NATS (see docs/asyncapi.yaml). Over HTTP the service answers its probes (liveness, readiness: the sent log answers a query, NATS a PING; Prometheus metrics) and the operators’ unsettled e-mails (role `admin`; tokens verified with the provider’s public keys, JWT_JWKS_URL). Errors are `application/problem+json` (RFC 9457).',
    port: 3004,
    tags: [{ name: 'admin', description: 'For operators: the sent log’s unsettled e-mails.' }],
    paths: { ...adminPaths, ...probePaths(['sentLog', 'nats']) },
    schemas: {
      SentLogEntry: sentLogEntry,
      UnsettledEmails: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: schemaRef('SentLogEntry') } },
      },
      Settlement: {
        type: 'object',
        required: ['decided', 'entry'],
        properties: {
          decided: {
            type: 'boolean',
            description: 'False when the row was no longer `unknown`: nothing changed.',
          },
          entry: schemaRef('SentLogEntry'),
        },
      },
    },
  });
}

/** The YAML written to docs/openapi/notifications.yaml. */
export const notificationsOpenApiYaml = (): string => toYaml(notificationsOpenApi(), 'notifications');
