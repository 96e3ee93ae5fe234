// The OpenAPI 3.1 building blocks every service's document shares: JSON Schema from the zod schemas
// the routes validate with, the platform kit's problem+json errors, bearer security and probes, and
// the checks the tests run (routes of an express app, structural validity). Each service's
// scripts/docs/openapi.ts builds its document from these; `npm run docs` writes docs/openapi/.
import { isDeepStrictEqual } from 'node:util';
import type { Express } from 'express';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { listen, urlOf } from './app.js';
import { type Role, roles, signToken } from './auth.js';

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
      description: 'Rate limited.',
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
    paths: init.paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT (HS256 with `JWT_SECRET`, or a key from `JWT_JWKS_URL`) whose `sub` is the actor and whose `roles` claim lists its roles. Each operation lists the roles it allows.',
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

const methods: readonly Method[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `GET /v1/complaints/{id}` for every operation of the document. */
export function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      methods.filter((method) => item[method] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

interface Layer {
  name?: string;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route an express 5 app answers, as `METHOD /path/{param}`, walking its router and nested
 * routers. Sub-apps mounted with `app.use(subApp)` are opaque to the walk: pass them in mount order.
 */
export function appRoutes(app: unknown, mountedApps: readonly unknown[] = []): string[] {
  const queue = [...mountedApps];
  const found: string[] = [];
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      const at = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        if (typeof layer.route.path !== 'string') throw new Error('A route path that is not a string');
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
        }
      } else if (layer.name === 'mounted_app') {
        const sub = queue.shift();
        if (!sub) throw new Error('A mounted app was not passed to appRoutes');
        walk(stackOf(sub), prefix + at);
      } else if (Array.isArray(layer.handle?.stack)) {
        walk(layer.handle.stack, prefix + at);
      }
    }
  };
  walk(stackOf(app), '');
  return [...new Set(found.map((route) => route.replace(/:(\w+)/g, '{$1}')))].sort();
}

function stackOf(app: unknown): Layer[] {
  const stack = (app as { router?: { stack?: Layer[] } }).router?.stack;
  if (!Array.isArray(stack)) throw new Error('Not an express 5 app');
  return stack;
}

function resolvePointer(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * What keeps the document from being valid OpenAPI 3.1, as messages (none when valid): the version
 * and info, every local `$ref` resolving, path templates and their path parameters agreeing, unique
 * operation ids, and every operation answering with responses keyed by status codes.
 */
export function structuralProblems(document: OpenApiDocument): string[] {
  const found: string[] = [];
  if (!/^3\.1\.\d+$/.test(document.openapi)) found.push(`openapi is ${document.openapi}, not 3.1.x`);
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string') {
    found.push('info needs a title and a version');
  }
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${where}/${i}`);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') {
          if (typeof value !== 'string' || !value.startsWith('#/'))
            found.push(`${where}: $ref ${value} is not local`);
          else if (resolvePointer(document, value) === undefined)
            found.push(`${where}: $ref ${value} resolves to nothing`);
        } else visit(value, `${where}/${key}`);
      }
    }
  };
  visit(document, '#');
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/')) found.push(`path ${path} does not start with /`);
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const id = operation.operationId;
      if (typeof id !== 'string' || ids.has(id))
        found.push(`${name}: operationId ${String(id)} missing or repeated`);
      else ids.add(id);
      const responses = operation.responses as Record<string, unknown> | undefined;
      if (!responses || Object.keys(responses).length === 0) found.push(`${name}: no responses`);
      for (const code of Object.keys(responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) found.push(`${name}: response key ${code}`);
      }
      const parameters = [...(item.parameters ?? []), ...((operation.parameters as unknown[]) ?? [])].map(
        (p) =>
          typeof p === 'object' && p !== null && '$ref' in p ? resolvePointer(document, String(p.$ref)) : p,
      ) as { name?: string; in?: string; required?: boolean }[];
      const inPath = parameters
        .filter((p) => p.in === 'path')
        .map((p) => {
          if (p.required !== true) found.push(`${name}: path parameter ${p.name} must be required`);
          return p.name;
        })
        .sort();
      if (JSON.stringify(inPath) !== JSON.stringify(templated)) {
        found.push(
          `${name}: path parameters ${inPath.join(',')} differ from the template's ${templated.join(',')}`,
        );
      }
      const keys = parameters.map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) found.push(`${name}: a parameter is listed twice`);
    }
  }
  return found;
}

const operationMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of a document with its method and path template. */
export function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    operationMethods.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}

/** The roles of an operation's bearer requirement, or undefined for an open operation. */
export const bearerRolesOf = (operation: Operation): string[] | undefined =>
  ((operation.security as Record<string, string[]>[] | undefined) ?? [])[0]?.bearer;

export interface LiveCheckOptions {
  /** The running app, e.g. `http://127.0.0.1:<port>`. */
  base: string;
  /** Turns a path template into a request path (path parameters filled in). */
  concrete?: (path: string) => string;
  /** Mints a token holding `roles` (the app's HS256 secret). */
  token: (roles: string[]) => Promise<string>;
  /** Every role the platform knows. */
  roles: readonly string[];
}

/**
 * Calls every documented operation of a running app and lists where it disagrees with the document:
 * a bearer operation must answer 401 problem+json without a token and 403 with a token holding none
 * of its roles; an open operation must not answer 401, and must answer a status it documents.
 */
export async function liveAuthMismatches(
  document: OpenApiDocument,
  options: LiveCheckOptions,
): Promise<string[]> {
  const concrete = options.concrete ?? ((path: string) => path.replace(/\{\w+\}/g, 'x'));
  const found: string[] = [];
  for (const { method, path, operation } of operationsOf(document)) {
    const url = options.base + concrete(path);
    const name = `${method.toUpperCase()} ${path}`;
    const allowed = bearerRolesOf(operation);
    const anonymous = await fetch(url, { method: method.toUpperCase() });
    await anonymous.arrayBuffer();
    if (allowed === undefined) {
      const documented = Object.keys((operation.responses as object | undefined) ?? {});
      if (anonymous.status === 401 || !documented.includes(String(anonymous.status)))
        found.push(`${name}: open, but answered ${anonymous.status} (documents ${documented.join(', ')})`);
      continue;
    }
    for (const role of allowed)
      if (!options.roles.includes(role)) found.push(`${name}: unknown role ${role}`);
    const type = anonymous.headers.get('content-type') ?? '';
    if (anonymous.status !== 401 || !type.includes('application/problem+json'))
      found.push(`${name}: without a token answered ${anonymous.status} ${type}, not 401 problem+json`);
    const others = options.roles.filter((role) => !allowed.includes(role));
    const forbidden = await fetch(url, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${await options.token(others)}` },
    });
    await forbidden.arrayBuffer();
    if (forbidden.status !== 403)
      found.push(`${name}: with roles ${others.join(',')} answered ${forbidden.status}, not 403`);
  }
  return found;
}

export interface ServedCheckOptions {
  /** The app's HS256 secret, to mint the tokens. */
  secret: string;
  /** As in LiveCheckOptions. */
  concrete?: (path: string) => string;
}

/**
 * liveAuthMismatches against `app` served on a free loopback port for the duration of the check,
 * with tokens for the platform's roles signed by `secret`.
 */
export async function servedAuthMismatches(
  document: OpenApiDocument,
  app: Express,
  options: ServedCheckOptions,
): Promise<string[]> {
  const server = await listen(app, 0, '127.0.0.1');
  try {
    return await liveAuthMismatches(document, {
      base: urlOf(server),
      concrete: options.concrete,
      roles,
      token: (held) => signToken({ secret: options.secret, subject: 'openapi-check', roles: held as Role[] }),
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Where the committed document file and the generated document disagree, or the document is not
 * structurally valid OpenAPI 3.1 (`npm run docs` regenerates the file).
 */
export function committedDocumentProblems(
  document: OpenApiDocument,
  yaml: string,
  committed: string,
): string[] {
  const found: string[] = [];
  if (document.openapi !== '3.1.0') found.push(`openapi is ${document.openapi}, not 3.1.0`);
  if (committed !== yaml)
    found.push('the committed file differs from the generated document: run `npm run docs`');
  else if (!isDeepStrictEqual(parse(committed), JSON.parse(JSON.stringify(document))))
    found.push('the committed file does not parse back to the document (toYaml lost something)');
  found.push(...structuralProblems(document));
  return found;
}
