import { HttpProblem } from '@chp/platform';
import type { Response } from 'express';

/** `"<revision>"`: the strong entity tag of a complaint at a stream revision. */
export const etagOf = (revision: bigint | number): string => `"${String(revision)}"`;

const ifMatchPattern = /^"(\d{1,19})"$/;

/**
 * The revision an `If-Match` header names, or undefined without the header. Anything but one
 * quoted revision (`"3"`) is a 400: a list or `*` would make "which revision did you see?" a guess.
 */
export function expectedRevisionOf(ifMatch: string | undefined): bigint | undefined {
  if (ifMatch === undefined) return undefined;
  const match = ifMatchPattern.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw new HttpProblem({
      status: 400,
      kind: 'validation',
      title: 'Invalid If-Match',
      detail: `If-Match must be one quoted revision from an ETag, like "3"; got ${JSON.stringify(ifMatch).slice(0, 100)}`,
      extensions: {
        errors: [
          {
            in: 'headers',
            pointer: '#/if-match',
            detail: 'must be a quoted revision like "3"',
            code: 'invalid_format',
          },
        ],
      },
    });
  }
  return BigInt(match[1]);
}

// Revisions are bigints inside; JSON has no bigint, and no complaint reaches 2^53 events.
const jsonReplacer = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? Number(value) : value;

/** Sends `body` as JSON (bigints as numbers). */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(JSON.stringify(body, jsonReplacer));
}
