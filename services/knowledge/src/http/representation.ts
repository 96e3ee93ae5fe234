import { HttpProblem } from '@chp/platform';
import type { Response } from 'express';
import { type EntryState, liveVersion, pendingDraft } from '../directory/index.js';
import type { SearchHit } from '../read-model/index.js';

/** `"<revision>"`: the strong entity tag of an entry at a stream revision. */
export const etagOf = (revision: bigint): string => `"${String(revision)}"`;

/** The revision an `If-Match` names (one quoted revision), or undefined without one; otherwise 400. */
export function ifMatchRevision(header: string | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const match = /^"(\d{1,19})"$/.exec(header.trim());
  if (match?.[1] === undefined) {
    throw new HttpProblem({
      status: 400,
      kind: 'validation',
      title: 'Invalid If-Match',
      detail: 'If-Match must be one quoted revision from an ETag, like "3"',
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

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(JSON.stringify(body));
}

/** An entry as its API shows it: every version for supervisors, the live one alone for others. */
export function entryView<Content>(
  id: string,
  state: Exclude<EntryState<Content>, { status: 'absent' }>,
  revision: bigint,
  everything: boolean,
) {
  const live = liveVersion(state);
  const draft = pendingDraft(state);
  const versions = everything ? state.versions : live ? [live] : [];
  return {
    id,
    status: state.status,
    revision: Number(revision),
    liveVersion: live?.version ?? null,
    ...(everything ? { draftVersion: draft?.version ?? null } : {}),
    versions: versions.map((v) => ({ version: v.version, published: v.published, ...v.content })),
  };
}

/** A search hit with its version's text in the language searched. */
export function hitView(hit: SearchHit) {
  return {
    id: hit.id,
    version: hit.version,
    status: hit.status,
    category: hit.category,
    tags: hit.tags,
    language: hit.language,
    rank: Math.round(hit.rank * 10_000) / 10_000,
    text: hit.text ?? null,
  };
}
