import type { AnswerContent, QuestionContent } from '@chp/contracts';

/** One version of an entry. A published version never changes again: a change is a new version. */
export interface EntryVersion<Content> {
  version: number;
  content: Content;
  published: boolean;
}

/**
 * A standard answer or a typical question. `draft`: never published; `published`: a version is
 * live (a newer draft may be pending beside it); `retired`: withdrawn from agents and the public.
 */
export type EntryState<Content> =
  | { status: 'absent' }
  | { status: 'draft' | 'published' | 'retired'; id: string; versions: EntryVersion<Content>[] };

export type AnswerState = EntryState<AnswerContent>;
export type QuestionState = EntryState<QuestionContent>;

export const absent = <Content>(): EntryState<Content> => ({ status: 'absent' });

type Present<Content> = Exclude<EntryState<Content>, { status: 'absent' }>;

/** The version agents and the public see: the newest published one. */
export function liveVersion<Content>(state: EntryState<Content>): EntryVersion<Content> | undefined {
  if (state.status !== 'published') return undefined;
  return state.versions.findLast((version) => version.published);
}

/** The newest version when it is not yet published (the one a revision changes, a publication publishes). */
export function pendingDraft<Content>(state: Present<Content>): EntryVersion<Content> | undefined {
  const latest = state.versions.at(-1);
  return latest && !latest.published ? latest : undefined;
}

/** The version number a revision writes: the pending draft's, or a new one after the newest. */
export function versionToRevise<Content>(state: Present<Content>): number {
  return pendingDraft(state)?.version ?? (state.versions.at(-1)?.version ?? 0) + 1;
}
