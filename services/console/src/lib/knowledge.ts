// The knowledge service through the console's server (`/api/knowledge/*`): the shapes the authoring
// page and the desk's picker read, and the one call both make (a search in one language).
import {
  type AnswerPlaceholder,
  answerPlaceholders,
  type KnowledgeLanguage,
  knowledgeLanguages,
} from '@chp/contracts/knowledge';
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client.js';

export { type AnswerPlaceholder, answerPlaceholders, type KnowledgeLanguage, knowledgeLanguages };

export type AnswerStatus = 'draft' | 'published' | 'superseded' | 'retired';

export interface AnswerHit {
  id: string;
  version: number;
  status: AnswerStatus;
  category: string;
  tags: string[];
  language: KnowledgeLanguage;
  rank: number;
  text: { title: string; body: string } | null;
}

export const knowledgePath = (path: string) => `/api/knowledge${path}`;

/** The language a customer's language tag reads in the directory (`hu-HU` → `hu`), English otherwise. */
export function knowledgeLanguageOf(tag: string | undefined): KnowledgeLanguage {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (knowledgeLanguages as readonly string[]).includes(primary) ? (primary as KnowledgeLanguage) : 'en';
}

export interface AnswerSearch {
  language: KnowledgeLanguage;
  q?: string;
  category?: string;
  status?: AnswerStatus;
}

/** Standard answers found in one language (agents get published ones only: the service decides). */
export function useAnswerSearch(search: AnswerSearch, enabled = true) {
  const params = new URLSearchParams({ language: search.language, limit: '20' });
  if (search.q?.trim()) params.set('q', search.q.trim());
  if (search.category?.trim()) params.set('category', search.category.trim());
  if (search.status) params.set('status', search.status);
  const path = `/v1/answers?${params.toString()}`;
  return useQuery({
    queryKey: ['knowledge', path],
    queryFn: () => api<{ items: AnswerHit[] }>(knowledgePath(path)),
    enabled,
  });
}

/** Records that a complaint used a published answer version (`StandardAnswerUsed`). */
export function recordAnswerUse(use: {
  answerId: string;
  version: number;
  language: KnowledgeLanguage;
  complaintId: string;
}): Promise<unknown> {
  return api(knowledgePath(`/v1/answers/${encodeURIComponent(use.answerId)}/uses`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: use.version, complaintId: use.complaintId, language: use.language }),
  });
}
