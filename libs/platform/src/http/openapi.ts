// The OpenAPI 3.1 building blocks every service's document shares: JSON Schema from the zod schemas
// the routes validate with, the platform kit's problem+json errors, bearer security and probes. Each
// service's scripts/docs/openapi.ts builds its document from these; `npm run docs` writes
// docs/openapi/. The checks the tests run against a document are in @chp/testing (openapi-checks.ts).
import { stringify } from 'yaml';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
export type Operation = Record<string, unknown>;
export type PathItem = Partial<Record<Method, Operation>> & { parameters?: unknown[] };
export type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';
export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, PathItem>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * A route as the app registers it and the document describes it, declared once in the service's
 * route table: the method, the express path (`/v1/complaints/:id`), and the roles it allows.
 */
export interface RouteDeclaration {
  method: Method;
  path: string;
  roles: readonly string[];
}

/** The OpenAPI path template of an express path: `/v1/complaints/:id` is `/v1/complaints/{id}`. */
export const pathTemplateOf = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
export const schemaRef = (name: string) => ref('schemas', name);

/**
 * JSON Schema 2020-12 (the dialect of OpenAPI 3.1) of what the parser accepts (`io: input`): query
 * strings before their transforms, strict bodies without extra properties. Refinements JSON Schema
 * cannot express are enforced by the zod schemas only.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
  });
  // A `#/$defs/…` reference would resolve against the whole OpenAPI document, not this schema.
  if ('$defs' in rest) throw new Error('A recursive schema needs its $defs hoisted into components');
  return rest;
}

export interface ParameterNote {
  description?: string;
  /** The default as sent (zod's default is the parsed value, which JSON Schema of the input lacks). */
  default?: string;
  example?: string;
}

/** One parameter per field of a zod object of query strings, path segments or headers. */
export function parametersOf(
  schema: z.ZodObject,
  where: 'query' | 'path' | 'header',
  notes: Record<string, ParameterNote> = {},
): Record<string, unknown>[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const note = notes[name] ?? {};
    const { description, ...fieldSchema } = jsonSchemaOf(field as z.ZodType);
    const text = note.description ?? description;
    return {
      // Header schemas key on lower case (as node gives them); documents show the usual spelling.
      name:
        where === 'header'
          ? name.replace(/(^|-)([a-z])/g, (_, dash, c: string) => dash + c.toUpperCase())
          : name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(text === undefined ? {} : { description: text }),
      schema: { ...fieldSchema, ...(note.default === undefined ? {} : { default: note.default }) },
      ...(note.example === undefined ? {} : { example: note.example }),
    };
  });
}

/** A header parameter not validated by a zod schema (the service reads it by hand). */
export const headerParameter = (
  name: string,
  description: string,
  schema: JsonSchema = { type: 'string' },
) => ({
  name,
  in: 'header',
  required: false,
  description,
  schema,
});

/** `example` parsed by `schema` first, so a documented example is always one the route accepts. */
export function checkedExample<T>(schema: z.ZodType, example: T): T {
  schema.parse(example);
  return example;
}

export const jsonContent = (schema: JsonSchema, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
});

const problemSchemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details. `type` is `urn:chp:problem:<kind>`; some kinds add extension members.',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', format: 'uri', examples: ['urn:chp:problem:not-found'] },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      instance: { type: 'string', description: 'The request path.' },
    },
    additionalProperties: true,
  },
  FieldError: {
    type: 'object',
    required: ['in', 'pointer', 'detail', 'code'],
    properties: {
      in: { type: 'string', enum: ['body', 'query', 'params', 'headers'] },
      pointer: {
        type: 'string',
        description: 'A JSON pointer into that part of the request, as a URI fragment.',
        examples: ['#/customer/email'],
      },
      detail: { type: 'string' },
      code: { type: 'string', description: 'The zod issue code, or the service’s own code.' },
    },
  },
  ValidationProblem: {
    allOf: [
      schemaRef('Problem'),
      {
        type: 'object',
        required: ['errors'],
        properties: { errors: { type: 'array', items: schemaRef('FieldError') } },
      },
    ],
  },
};

const problemJson = (schema = 'Problem', example?: unknown) => ({
  'application/problem+json': { schema: schemaRef(schema), ...(example === undefined ? {} : { example }) },
});

/** The platform kit's errors, as reusable responses. */
const problemResponses: Record<number, [string, Record<string, unknown>]> = {
  400: [
    'BadRequest',
    {
      description:
        'Invalid request: `errors[]` names each bad field with a JSON pointer into the body, query, params or headers (`validation`); also malformed JSON (`malformed-json`).',
      content: problemJson('ValidationProblem', {
        type: 'urn:chp:problem:validation',
        title: 'Invalid request',
        status: 400,
        detail: 'The request body has 1 invalid field: #/subject',
        errors: [{ in: 'body', pointer: '#/subject', detail: 'is required', code: 'invalid_type' }],
      }),
    },
  ],
  401: [
    'Unauthorized',
    {
      description: 'No bearer token, or one that is expired, malformed or not signed by a known key.',
      headers: {
        'WWW-Authenticate': {
          schema: { type: 'string' },
          description: 'RFC 6750 `Bearer realm=…, error=…`.',
        },
      },
      content: problemJson(),
    },
  ],
  403: [
    'Forbidden',
    { description: 'The token has none of the roles the route allows.', content: problemJson() },
  ],
  404: ['NotFound', { description: 'No such resource.', content: problemJson() }],
  409: ['Conflict', { description: 'The request conflicts with the current state.', content: problemJson() }],
  412: [
    'PreconditionFailed',
    { description: '`If-Match` names a revision the resource is no longer at.', content: problemJson() },
  ],
  413: [
    'PayloadTooLarge',
    { description: 'The body is larger than the limit (`payload-too-large`).', content: problemJson() },
  ],
  415: [
    'UnsupportedMediaType',
    { description: 'The body is not of the media type the route takes.', content: problemJson() },
  ],
  422: ['UnprocessableContent', { description: 'Well-formed but refused.', content: problemJson() }],
  429: [
    'TooManyRequests',
    {
      description:
        'Rate limited: the client’s bucket (its token’s subject, or its address without a valid token) is spent.',
      headers: {
        'Retry-After': { schema: { type: 'integer', minimum: 1 }, description: 'Seconds to wait.' },
      },
      content: problemJson(),
    },
  ],
  503: ['ServiceUnavailable', { description: 'A dependency is unavailable.', content: problemJson() }],
};

/**
 * `{status: response}` for the given problem statuses; a description replaces the shared one
 * (OpenAPI 3.1 lets a reference override it).
 */
export function problems(...statuses: (number | [number, string])[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, undefined];
      const known = problemResponses[status];
      if (!known) throw new Error(`No shared response for ${status}`);
      return [String(status), { ...ref('responses', known[0]), ...(description ? { description } : {}) }];
    }),
  );
}

/** Bearer JWT security with the roles the route allows; a token with none of them gets 403. */
export function secured(roles: readonly string[]): Record<string, unknown> {
  return {
    security: [{ bearer: [...roles] }],
    'x-roles': [...roles],
  };
}

export const rolesText = (roles: readonly string[]) =>
  `Roles: ${roles.map((role) => `\`${role}\``).join(', ')} (the token's \`roles\` claim must hold one).`;

/** `/healthz`, `/readyz` and `/metrics`, which every service's platform kit serves without a token. */
export function probePaths(readinessChecks: readonly string[]): Record<string, PathItem> {
  const checkNames = readinessChecks.map((name) => `\`${name}\``).join(', ');
  return {
    '/healthz': {
      get: {
        operationId: 'liveness',
        tags: ['probes'],
        summary: 'Liveness: 200 while the process answers',
        security: [],
        responses: {
          '200': {
            description: 'Alive.',
            content: jsonContent(
              { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
              { status: 'ok' },
            ),
          },
        },
      },
    },
    '/readyz': {
      get: {
        operationId: 'readiness',
        tags: ['probes'],
        summary: 'Readiness',
        description: `Runs every readiness check at once (${checkNames}): 200 when all pass, else 503 naming the failing ones.`,
        security: [],
        responses: {
          '200': {
            description: 'Every check passed.',
            content: jsonContent(schemaRef('Readiness'), {
              status: 'ready',
              checks: Object.fromEntries(readinessChecks.map((name) => [name, { status: 'ok' }])),
            }),
          },
          '503': {
            description: 'A check failed or timed out (`not-ready`, with `failing` and `checks`).',
            content: problemJson(),
          },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        tags: ['probes'],
        summary: 'Prometheus metrics',
        security: [],
        responses: {
          '200': {
            description: 'The Prometheus text exposition format.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
  };
}

const readinessSchema: JsonSchema = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { const: 'ready' },
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: { status: { enum: ['ok', 'failed'] }, detail: { type: 'string' } },
      },
    },
  },
};

export interface DocumentInit {
  service: string;
  version: string;
  description: string;
  port: number;
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  schemas: Record<string, JsonSchema>;
}

/**
 * Every operation but the probes answers 429 once its client's bucket is spent: the kit's rate limit
 * (`rateLimit`) takes a token for every request past the probes. Added where a service did not say it.
 */
function withRateLimit(paths: Record<string, PathItem>): Record<string, PathItem> {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => {
          const op = operation as Operation;
          const tags = Array.isArray(op.tags) ? op.tags : [];
          const responses = op.responses as Record<string, unknown> | undefined;
          if (method === 'parameters' || tags.includes('probes') || !responses || '429' in responses)
            return [method, operation];
          return [method, { ...op, responses: { ...responses, ...problems(429) } }];
        }),
      ),
    ]),
  );
}

/** The whole document: the service's paths and schemas beside the shared components. */
export function openApiDocument(init: DocumentInit): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: `@chp/${init.service} HTTP API`,
      version: init.version,
      description: init.description,
    },
    servers: [{ url: `http://localhost:${init.port}`, description: 'npm start' }],
    tags: [...init.tags, { name: 'probes', description: 'Liveness, readiness and metrics; no token.' }],
    paths: withRateLimit(init.paths),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT (HS256 with `JWT_SECRET`, or a key from `JWT_JWKS_URL`) whose `sub` is the actor and whose `roles` claim lists its roles. Each operation lists the roles it allows. The token must carry `exp` and live at most `JWT_MAX_LIFETIME` (24 h by default), and carry the `iss` and `aud` the service is configured with (`JWT_ISSUER`, `JWT_AUDIENCE`).',
        },
      },
      schemas: { ...problemSchemas, Readiness: readinessSchema, ...init.schemas },
      responses: Object.fromEntries(Object.values(problemResponses)),
    },
  };
}

/** The YAML file, with a header saying where it comes from. */
export function toYaml(document: OpenApiDocument, service: string): string {
  const yaml = stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  return `# Generated from services/${service} by \`npm run docs\`. Do not edit.\n${yaml}`;
}
