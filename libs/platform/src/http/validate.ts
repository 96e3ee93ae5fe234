import type { z } from 'zod';
import { HttpProblem } from './problems.js';

export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/** One bad field: where it is (a JSON pointer as a URI fragment into that part), and why. */
export interface FieldError {
  in: RequestPart;
  pointer: string;
  detail: string;
  code: string;
}

/** A JSON pointer as a URI fragment: RFC 6901 escaping, then percent-encoding (`#/customer/email`). */
export function pointerTo(path: readonly PropertyKey[]): string {
  return `#${path.map((key) => `/${encodeURIComponent(String(key).replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('')}`;
}

function fieldErrorsOf(issue: z.core.$ZodIssue, where: RequestPart): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    // One entry per unknown key, so each can be pointed at.
    return issue.keys.map((key) => ({
      in: where,
      pointer: pointerTo([...issue.path, key]),
      detail: 'is not an allowed field',
      code: issue.code,
    }));
  }
  // JSON has no `undefined`: an issue about an undefined input is a missing field (any type of schema).
  const missing = issue.input === undefined && issue.code !== 'custom';
  return [
    {
      in: where,
      pointer: pointerTo(issue.path),
      detail: missing ? 'is required' : issue.message,
      code: issue.code,
    },
  ];
}

/** Every zod issue as a field error. */
export function fieldErrors(error: z.ZodError, where: RequestPart): FieldError[] {
  return error.issues.flatMap((issue) => fieldErrorsOf(issue, where));
}

/** The 400 problem naming every bad field of `where`. */
export function validationProblem(errors: readonly FieldError[], where: RequestPart): HttpProblem {
  const n = errors.length;
  return new HttpProblem({
    status: 400,
    kind: 'validation',
    title: 'Invalid request',
    detail: `The request ${where} has ${n} invalid field${n === 1 ? '' : 's'}: ${errors.map((e) => e.pointer).join(', ')}`,
    extensions: { errors },
  });
}

/**
 * Parses one part of a request with `schema`: returns the typed value, or throws the 400
 * problem+json listing every bad field with its path.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: RequestPart): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw validationProblem(fieldErrors(result.error, where), where);
}
