import type { AnswerContent } from '@chp/contracts/knowledge';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiResponse } from '../../../lib/api-client.js';
import { type AnswerStatus, knowledgePath } from '../../../lib/knowledge.js';

export interface AnswerVersion extends AnswerContent {
  version: number;
  published: boolean;
}

export interface AnswerEntry {
  id: string;
  status: 'draft' | 'published' | 'retired';
  revision: number;
  liveVersion: number | null;
  /** Supervisors only. */
  draftVersion?: number | null;
  versions: AnswerVersion[];
}

export interface UsageRow {
  answerId: string;
  version: number;
  uses: number;
  lastUsedAt: string;
}

export type { AnswerStatus };

const answerPath = (id: string) => `/v1/answers/${encodeURIComponent(id)}`;

/** One answer and its `ETag` (the revision every command names in `If-Match`). */
export function useAnswer(id: string | undefined) {
  return useQuery({
    queryKey: ['knowledge', answerPath(id ?? '')],
    queryFn: async () => {
      const { data, headers } = await apiResponse<AnswerEntry>(knowledgePath(answerPath(id ?? '')));
      return { entry: data, etag: headers.get('etag') ?? undefined };
    },
    enabled: id !== undefined,
  });
}

/** Uses of one answer per version (supervisors). */
export function useAnswerUsage(id: string | undefined, enabled: boolean) {
  const path = `/v1/stats/answer-usage?answerId=${encodeURIComponent(id ?? '')}`;
  return useQuery({
    queryKey: ['knowledge', path],
    queryFn: async () => (await apiResponse<{ items: UsageRow[] }>(knowledgePath(path))).data,
    enabled: enabled && id !== undefined,
  });
}

export type AnswerCommand =
  | { kind: 'draft'; content: AnswerContent }
  | { kind: 'revise'; id: string; content: AnswerContent; etag: string | undefined }
  | { kind: 'publish' | 'retire'; id: string; etag: string | undefined };

/** Drafts, revises, publishes or retires an answer with `If-Match`; then every knowledge query is read again. */
export function useAnswerCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (command: AnswerCommand) => {
      const path = command.kind === 'draft' ? '/v1/answers' : `${answerPath(command.id)}/${command.kind}`;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (command.kind !== 'draft' && command.etag) headers['if-match'] = command.etag;
      const { data } = await apiResponse<{ id: string; revision: number }>(knowledgePath(path), {
        method: 'POST',
        headers,
        body: 'content' in command ? JSON.stringify(command.content) : '{}',
      });
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['knowledge'] }),
  });
}
