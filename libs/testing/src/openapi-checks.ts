// The checks each service's test/openapi.unit.test.ts runs against its OpenAPI document (built with
// @chp/platform's OpenAPI kit): the committed file is what the generator writes and is structurally
// valid OpenAPI 3.1, the documented operations are the routes the express app registers, and the
// running app answers 401/403 by role as documented. They read the document as plain data, so this
// package needs no @chp/platform (which uses @chp/testing in its own tests).
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';
type Operation = Record<string, unknown>;

/** The parts of an OpenAPI document the checks read; @chp/platform's OpenApiDocument is one. */
export interface CheckedDocument {
  openapi: string;
  info?: Record<string, unknown>;
  paths: Record<string, Partial<Record<Method, Operation>> & { parameters?: unknown[] }>;
}

const methods: readonly Method[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `GET /v1/complaints/{id}` for every operation of the document. */
export function documentedRoutes(document: CheckedDocument): string[] {
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
export function structuralProblems(document: CheckedDocument): string[] {
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
export function operationsOf(document: CheckedDocument) {
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
  document: CheckedDocument,
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

/**
 * liveAuthMismatches against `app` served on a free loopback port for the duration of the check. The
 * app is served as it is: finalize it first (the services' app factories do).
 */
export async function servedAuthMismatches(
  document: CheckedDocument,
  app: RequestListener,
  options: Omit<LiveCheckOptions, 'base'>,
): Promise<string[]> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  try {
    const { port } = server.address() as AddressInfo;
    return await liveAuthMismatches(document, { ...options, base: `http://127.0.0.1:${port}` });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Where the committed document file and the generated document disagree, or the document is not
 * structurally valid OpenAPI 3.1 (`npm run docs` regenerates the file).
 */
export function committedDocumentProblems(
  document: CheckedDocument,
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
