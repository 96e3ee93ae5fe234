import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { routeOf } from './route.js';

export const problemContentType = 'application/problem+json';

/** RFC 9457 problem details, with extension members alongside the standard ones. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A problem type URI per kind. A URN: stable, and RFC 9457 lets it be non-dereferenceable. */
export function problemType(kind: string): string {
  return `urn:chp:problem:${kind}`;
}

export interface ProblemInit {
  status: number;
  /** Short machine-readable name, e.g. `validation`, `illegal-transition`; becomes the `type` URI. */
  kind: string;
  title?: string;
  detail?: string;
  /** Extension members, e.g. `errors` or `rule`. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `WWW-Authenticate`. */
  headers?: Record<string, string>;
}

/** An error that the HTTP kit turns into a problem+json response with its status. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly kind: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit, options?: { cause?: unknown }) {
    super(init.detail ?? init.title ?? init.kind, options);
    if (!Number.isInteger(init.status) || init.status < 400 || init.status > 599) {
      throw new RangeError(`HttpProblem status must be 400-599, got ${init.status}`);
    }
    this.status = init.status;
    this.kind = init.kind;
    this.title = init.title ?? STATUS_CODES[init.status] ?? 'Error';
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }

  /** The response body; `instance` is the request path. */
  toProblem(instance?: string): ProblemDetails {
    return {
      ...this.extensions,
      type: problemType(this.kind),
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
    };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: constructors of any error class, whatever their parameters
type ErrorClass<E> = abstract new (...args: any[]) => E;
export type ProblemMapper<E> = (error: E) => HttpProblem | ProblemInit;

const mappers = new Map<unknown, ProblemMapper<never>>();

/**
 * Maps another library's error class (and its subclasses) to a problem, once at start-up, so that
 * handlers can let domain errors propagate: `registerProblemMapper(WrongRevision, () => ({status: 412, ...}))`.
 */
export function registerProblemMapper<E extends Error>(
  errorClass: ErrorClass<E>,
  mapper: ProblemMapper<E>,
): void {
  const existing = mappers.get(errorClass);
  if (existing && existing !== mapper) {
    throw new Error(`A different problem mapper is already registered for ${errorClass.name}`);
  }
  mappers.set(errorClass, mapper as ProblemMapper<never>);
}

function mapped(error: object): HttpProblem | undefined {
  for (let proto = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const mapper = mappers.get(proto.constructor);
    if (mapper) {
      const result = mapper(error as never);
      return result instanceof HttpProblem ? result : new HttpProblem(result, { cause: error });
    }
  }
  return undefined;
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  message: string;
  limit?: unknown;
}

// body-parser and http-errors mark client errors with `type`, `status` and `expose`.
function fromBodyParser(error: BodyParserError): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new HttpProblem({
        status: 413,
        kind: 'payload-too-large',
        title: 'Request body too large',
        detail: `The request body is larger than the limit of ${String(error.limit)} bytes`,
      });
    case 'entity.parse.failed':
      return new HttpProblem({
        status: 400,
        kind: 'malformed-json',
        title: 'Malformed JSON',
        detail: `The request body is not valid JSON: ${error.message}`,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem({ status: 415, kind: 'unsupported-media-type', detail: error.message });
  }
  if (
    typeof error.status === 'number' &&
    error.status >= 400 &&
    error.status < 500 &&
    error.expose === true
  ) {
    return new HttpProblem({ status: error.status, kind: 'bad-request', detail: error.message });
  }
  return undefined;
}

/** The problem for any thrown value; unknown errors become a 500 that reveals nothing. */
export function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (typeof error === 'object' && error !== null) {
    const found = mapped(error) ?? (error instanceof Error ? fromBodyParser(error) : undefined);
    if (found) return found;
  }
  return new HttpProblem({
    status: 500,
    kind: 'internal',
    title: 'Internal Server Error',
    detail: 'An unexpected error occurred; it has been logged.',
  });
}

function instanceOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

/** Writes a problem+json response. */
export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  res.status(problem.status).set(problem.headers).type(problemContentType);
  res.send(JSON.stringify(problem.toProblem(instanceOf(req))));
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What a log line may carry of an error: its type, code, message and stack, and nothing a driver
 * hangs on it (PGlite puts the query's parameters on its errors: an e-mail address, a search
 * text). A database error's message quotes the offending value, so quoted text is masked there.
 */
export function loggableError(error: unknown): {
  type: string;
  message: string;
  code?: string;
  stack?: string;
} {
  if (!(error instanceof Error)) return { type: 'NonError', message: typeof error };
  const code = (error as { code?: unknown }).code;
  const fromDatabase = typeof code === 'string' && SQLSTATE.test(code);
  const mask = (text: string) => (fromDatabase ? text.replace(/"[^"]*"/g, '"…"') : text);
  // The stack's first line repeats the message; the frames hold no data.
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return {
    type: error.name,
    message: mask(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(frames ? { stack: `${error.name}: ${mask(error.message)}\n${frames}` } : {}),
  };
}

/** The last handler of an app: every error becomes problem+json. */
export function problemHandler(logger?: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem body; express closes the connection.
      next(error);
      return;
    }
    const problem = toHttpProblem(error);
    if (problem.status >= 500) {
      // The route pattern, not the path: a path may hold an e-mail address or a link's token.
      logger?.error({ err: loggableError(error), method: req.method, route: routeOf(req) }, 'request failed');
    }
    sendProblem(req, res, problem);
  };
}

/** 404 for anything no router answered. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    sendProblem(
      req,
      res,
      new HttpProblem({
        status: 404,
        kind: 'not-found',
        detail: `No route for ${req.method} ${instanceOf(req)}`,
      }),
    );
  };
}
