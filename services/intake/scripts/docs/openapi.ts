// The OpenAPI 3.1 document of intake's HTTP API, from the zod schemas its routes validate with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channels, intakeAnswerSchema, intakeSubmissionSchema, submissionLimits } from '@chp/contracts';
import {
  checkedExample,
  headerParameter,
  jsonContent,
  jsonSchemaOf,
  type OpenApiDocument,
  openApiDocument,
  pathTemplateOf,
  probePaths,
  problems,
  rolesText,
  schemaRef,
  secured,
  toYaml,
} from '@chp/platform';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from '../../src/attachments/index.js';
import { routes } from '../../src/http/routes.js';
import { portalPaths } from './portal-openapi.js';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

const submissionExample = checkedExample(intakeSubmissionSchema, {
  channel: 'web',
  externalRef: 'form-7f3a9c',
  customer: {
    name: 'Olena Petrenko',
    email: 'olena@example.ua',
    phone: '+447911123456',
    preferredLanguage: 'uk',
  },
  subject: 'Charged twice',
  description: 'My card was charged twice for order 1234.',
  attachments: [
    {
      name: 'receipt.pdf',
      url: 'https://files.example.com/receipt.pdf',
      contentType: 'application/pdf',
      sizeBytes: 52311,
    },
  ],
});

const filedExample = checkedExample(intakeAnswerSchema, {
  status: 'filed',
  complaintId: '3f0c1d7e-5b1a-5c8e-9f6a-2d4b8e1c7a90',
  reference: 'C-7KX2-9QMG',
  acknowledgeBy: '2026-03-04T17:00:00.000Z',
  statusUrl: '/v1/complaints/3f0c1d7e-5b1a-5c8e-9f6a-2d4b8e1c7a90',
});
const { acknowledgeBy: _, ...queuedFields } = filedExample;
const queuedExample = checkedExample(intakeAnswerSchema, { ...queuedFields, status: 'queued' });

const locationHeader = {
  Location: { schema: { type: 'string' }, description: 'The `statusUrl` of the complaint.' },
};

const submissionOperation = {
  operationId: 'submitComplaint',
  tags: ['submissions'],
  summary: 'Submit a complaint from a channel',
  description: [
    `Normalised before validation: every string trimmed and NFC, control characters removed, the e-mail's domain lower-cased, the phone to E.164; \`customer.preferredLanguage\` from the body, else \`Accept-Language\`, else the default.`,
    'Idempotent: the key is `Idempotency-Key`, else `channel` + `externalRef`. The same key with the same body gets the same answer; with another body 422 `idempotency-key-reused`.',
    `Limits: subject ${submissionLimits.subject}, description ${submissionLimits.description}, ${submissionLimits.attachments} attachments (400); the body ${submissionLimits.bodyBytes / 1024} KB (413). Rate-limited per client (429).`,
    rolesText(routes.submission.roles),
  ].join('\n\n'),
  ...secured(routes.submission.roles),
  parameters: [
    headerParameter(
      'Idempotency-Key',
      'The submission’s idempotency key, scoped by channel: 1 to 200 printable characters.',
      { type: 'string', minLength: 1, maxLength: 200 },
    ),
    headerParameter('Accept-Language', 'The customer’s language when the body names none.'),
  ],
  requestBody: {
    required: true,
    content: {
      ...jsonContent(schemaRef('IntakeSubmission'), submissionExample),
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['submission'],
          properties: {
            submission: {
              type: 'string',
              contentMediaType: 'application/json',
              description: 'The submission as JSON (the `IntakeSubmission` schema).',
            },
            attachments: {
              type: 'array',
              maxItems: MAX_ATTACHMENTS_PER_MESSAGE,
              items: { type: 'string', contentMediaType: 'application/octet-stream' },
              description: `Up to ${MAX_ATTACHMENTS_PER_MESSAGE} files of up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB, judged by their content: PDF, images, Office/OpenDocument text and spreadsheets, plain text. Programs and archives are refused (400, naming \`#/attachments/<index>\`). Each is stored and referenced from the submission's \`attachments\` by \`objectKey\`, size and \`sha256\`.`,
            },
          },
        },
        encoding: { submission: { contentType: 'application/json' } },
      },
    },
  },
  responses: {
    '201': {
      description: 'Filed: the complaint is in the event store.',
      headers: locationHeader,
      content: jsonContent(schemaRef('IntakeAnswer'), filedExample),
    },
    '202': {
      description:
        'Queued: complaints did not answer in time; the submission is on JetStream and will be filed with this id and reference.',
      headers: locationHeader,
      content: jsonContent(schemaRef('IntakeAnswer'), queuedExample),
    },
    ...problems(
      400,
      401,
      403,
      [409, 'Complaints refused the filing (`illegal-transition`).'],
      413,
      [415, 'The body is neither JSON nor multipart/form-data.'],
      [
        422,
        'The idempotency key was used with a different body (`idempotency-key-reused`, with `complaintId` and `reference`).',
      ],
      [429, 'The client’s rate limit (by its token’s subject) is spent.'],
    ),
  },
};

const mailOutcomes = {
  MailIgnored: {
    type: 'object',
    description: 'Automatic mail (auto-replies, delivery reports, bulk): nothing filed.',
    required: ['status', 'reason'],
    properties: { status: { const: 'ignored' }, reason: { type: 'string' } },
  },
  MailResponded: {
    type: 'object',
    description: 'A reply naming a known `[C-XXXX-XXXX]` reference, recorded as the customer’s response.',
    required: ['status', 'complaintId', 'reference'],
    properties: {
      status: { const: 'responded' },
      complaintId: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
    },
  },
  MailQueued: {
    type: 'object',
    description: 'Complaints was busy: the raw mail is queued on `intake.email.raw`.',
    required: ['status', 'detail'],
    properties: { status: { const: 'queued' }, detail: { type: 'string' } },
  },
};

const emailOperation = {
  operationId: 'submitEmail',
  tags: ['submissions'],
  summary: 'Hand in one raw e-mail',
  description: [
    'Automatic mail is ignored (202); a reply with a known complaint reference is recorded on that complaint (200); anything else is a new complaint from the sender (201, or 202 when queued). Raw mail may be up to 10 MB.',
    rolesText(routes.email.roles),
  ].join('\n\n'),
  ...secured(routes.email.roles),
  requestBody: {
    required: true,
    content: { 'message/rfc822': { schema: { type: 'string', contentMediaType: 'message/rfc822' } } },
  },
  responses: {
    '200': {
      description: 'Recorded as the customer’s response on an existing complaint.',
      content: jsonContent(schemaRef('MailResponded')),
    },
    '201': { description: 'Filed as a new complaint.', content: jsonContent(schemaRef('IntakeAnswer')) },
    '202': {
      description: 'Ignored (automatic mail), or queued for filing.',
      content: jsonContent({
        oneOf: [schemaRef('MailIgnored'), schemaRef('IntakeAnswer'), schemaRef('MailQueued')],
      }),
    },
    ...problems(
      [400, 'The mail makes no valid submission (`errors[]` as for `POST /v1/complaints`).'],
      401,
      403,
      413,
      [415, 'The body is not `message/rfc822`.'],
      422,
    ),
  },
};

const attachmentOperation = {
  operationId: 'downloadAttachment',
  tags: ['attachments'],
  summary: 'Download a file of a complaint',
  description: [
    'The file as it was stored, as a download (`Content-Disposition: attachment` with a safe file name, the type its content was judged to be, `X-Content-Type-Options: nosniff`). Bound to the complaint: the id of another complaint’s file answers 404. The console proxies it for agents.',
    rolesText(routes.attachment.roles),
  ].join('\n\n'),
  ...secured(routes.attachment.roles),
  parameters: [
    { name: 'complaintId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
  ],
  responses: {
    '200': {
      description: 'The file.',
      headers: {
        'Content-Disposition': { schema: { type: 'string' }, description: '`attachment; filename=…`' },
        'X-Content-Type-Options': { schema: { type: 'string', const: 'nosniff' } },
      },
      content: {
        'application/octet-stream': {
          schema: { type: 'string', contentMediaType: 'application/octet-stream' },
        },
      },
    },
    ...problems(401, 403, [404, 'No such file of this complaint.']),
  },
};

const tokenParameter = {
  name: 'token',
  in: 'path',
  required: true,
  description: 'The signed customer link (HMAC-SHA256) from an e-mail of the notifications service.',
  schema: { type: 'string' },
};

const page = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
const linkHeaders = {
  'Cache-Control': { schema: { const: 'no-store' } },
  'Referrer-Policy': { schema: { const: 'no-referrer' } },
};

const linkForm = {
  type: 'object',
  description:
    'What the page’s form sends, by the link’s action: `accept` takes `comment?`, `reject` takes `reason`, `satisfaction` takes `score` (1–5) and `comment?`.',
  properties: {
    comment: { type: 'string', maxLength: 2000 },
    reason: { type: 'string', maxLength: 5000 },
    score: { type: 'string', enum: ['1', '2', '3', '4', '5'] },
  },
};

const customerLinkPaths = {
  [pathTemplateOf(routes.showCustomerLink.path)]: {
    parameters: [tokenParameter],
    [routes.showCustomerLink.method]: {
      operationId: 'showCustomerLink',
      tags: ['customer links'],
      summary: 'The page a customer reaches from an e-mail',
      description:
        'A small HTML page in the link’s language (en, uk, ru, hu, lv, ro). The token is the credential: no bearer token. Every answer is an HTML page, errors included.',
      security: [],
      responses: {
        '200': { ...page('The form of the link’s action.'), headers: linkHeaders },
        '400': page('A malformed token.'),
        '403': page('A token whose signature is wrong or not canonical base64url.'),
        '410': page('An expired token, or one signed before links named their resolution.'),
      },
    },
    [routes.answerCustomerLink.method]: {
      operationId: 'answerCustomerLink',
      tags: ['customer links'],
      summary: 'The customer’s answer',
      description:
        'Sends `AcceptResolution`, `RejectResolution` or `RecordSatisfaction` over NATS, naming the resolution the link was sent for (`resolutionId`). The command id derives from the link alone (complaint, resolution, action): one link makes one decision, and another answer through it changes nothing.',
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: linkForm,
            example: { score: '5', comment: 'Thanks' },
          },
        },
      },
      responses: {
        '200': page('Thanks: the answer is recorded.'),
        '400': page('A malformed token, or a form the action does not accept (the form again).'),
        '403': page('A token whose signature is wrong or not canonical base64url.'),
        '409': page('The complaint took another answer already.'),
        '410': page(
          'An expired token, or a link whose resolution was superseded or whose links were revoked.',
        ),
        '503': page('Complaints is unavailable; nothing was recorded.'),
      },
    },
  },
};

/**
 * The body as sent: intake fills `customer.preferredLanguage` (from `Accept-Language` or the default)
 * before it parses with the contracts' schema, so a client may leave it out.
 */
function submissionSchema() {
  const schema = jsonSchemaOf(intakeSubmissionSchema);
  const customer = (schema.properties as Record<string, { required?: string[] }>).customer;
  if (!customer?.required?.includes('preferredLanguage')) {
    throw new Error('customer.preferredLanguage is no longer required: drop this adjustment');
  }
  customer.required = customer.required.filter((name) => name !== 'preferredLanguage');
  return schema;
}

/** The document. */
export function intakeOpenApi(): OpenApiDocument {
  return openApiDocument({
    service: 'intake',
    version,
    description: `The public edge: channels (${channels.join(', ')}) hand complaints in, and customers answer through signed links. Errors are \`application/problem+json\` (RFC 9457) with a \`type\` of \`urn:chp:problem:<kind>\`, except the customer-link pages, which answer HTML.`,
    port: 3001,
    tags: [
      { name: 'submissions', description: 'Complaints from channels: JSON submissions and raw e-mail.' },
      { name: 'attachments', description: 'The files customers sent, for the desk.' },
      { name: 'customer links', description: 'The signed pages customers reach from e-mails.' },
      { name: 'portal', description: 'The public pages where customers file and follow complaints (HTML).' },
    ],
    paths: {
      [pathTemplateOf(routes.submission.path)]: { [routes.submission.method]: submissionOperation },
      [pathTemplateOf(routes.email.path)]: { [routes.email.method]: emailOperation },
      [pathTemplateOf(routes.attachment.path)]: { [routes.attachment.method]: attachmentOperation },
      ...customerLinkPaths,
      ...portalPaths,
      ...probePaths(['nats']),
    },
    schemas: {
      IntakeSubmission: submissionSchema(),
      IntakeAnswer: jsonSchemaOf(intakeAnswerSchema),
      ...mailOutcomes,
    },
  });
}

/** The YAML written to docs/openapi/intake.yaml. */
export const intakeOpenApiYaml = (): string => toYaml(intakeOpenApi(), 'intake');
