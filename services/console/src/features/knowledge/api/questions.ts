import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { type AnswerStatus, type KnowledgeLanguage, knowledgePath } from '../../../lib/knowledge.js';

export interface QuestionHit {
  id: string;
  version: number;
  status: AnswerStatus;
  category: string;
  language: KnowledgeLanguage;
  text: { question: string; answer: string } | null;
}

/** Typical questions found in one language, any status (supervisors only: the service decides). */
export function useQuestionSearch(
  search: { language: KnowledgeLanguage; q: string; category: string },
  enabled: boolean,
) {
  const params = new URLSearchParams({ language: search.language, limit: '20' });
  if (search.q.trim()) params.set('q', search.q.trim());
  if (search.category.trim()) params.set('category', search.category.trim());
  const path = `/v1/questions?${params.toString()}`;
  return useQuery({
    queryKey: ['knowledge', path],
    queryFn: () => api<{ items: QuestionHit[] }>(knowledgePath(path)),
    enabled,
  });
}
