import type { z } from 'zod';
import { assertJsonDepth, assertJsonTextDepth, JsonBoundsError } from './json-bounds.js';
import { type Issue, toIssues } from './values/index.js';

/**
 * Why a message was refused: not JSON, a bad envelope, an unknown event type, a version this code
 * cannot read, or data that fails its schema. Consumers dead-letter it with `kind` and `issues`.
 */
export type ContractErrorKind =
  | 'json'
  | 'envelope'
  | 'unknown_type'
  | 'unsupported_version'
  | 'metadata'
  | 'data';

export class ContractError extends Error {
  override readonly name = 'ContractError';

  constructor(
    readonly kind: ContractErrorKind,
    message: string,
    /** Flattened issues, paths relative to the message root (`data.customer.email`). */
    readonly issues: Issue[] = [],
    /** The zod issues themselves, when zod found the problem. */
    readonly zodIssues: readonly z.core.$ZodIssue[] = [],
  ) {
    super(message);
  }

  /** Wraps a zod failure, prefixing its paths with where the parsed value sits in the message. */
  static fromZod(
    kind: ContractErrorKind,
    message: string,
    error: z.ZodError,
    prefix: readonly PropertyKey[] = [],
  ): ContractError {
    const zodIssues = error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));
    const detail = toIssues(zodIssues)
      .map((i) => `${i.path || '(root)'}: ${i.message}`)
      .join('; ');
    return new ContractError(kind, `${message}: ${detail}`, toIssues(zodIssues), zodIssues);
  }
}

/**
 * Parses JSON text or bytes (strict UTF-8, nesting bounded by `MAX_JSON_DEPTH`); anything else is
 * taken as already parsed, and its depth is checked too. Throws {@link ContractError} `json`.
 */
export function parseJson(input: unknown): unknown {
  try {
    if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
      assertJsonDepth(input);
      return input;
    }
    assertJsonTextDepth(input);
  } catch (error) {
    if (error instanceof JsonBoundsError) throw new ContractError('json', error.message);
    throw error;
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (error) {
    throw new ContractError('json', `not UTF-8: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContractError('json', `not JSON: ${(error as Error).message}`);
  }
}
