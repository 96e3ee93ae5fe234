import type { MessagingLogger } from '@chp/messaging';
import { z } from 'zod';
import type { PortalLanguage } from './texts.js';

/** A published typical question as knowledge's public API gives it (the portal shows nothing else). */
export const typicalQuestionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  category: z.string().max(100),
  language: z.string().max(5),
  question: z.string().max(2_000),
  answer: z.string().max(20_000),
});
export type TypicalQuestion = z.infer<typeof typicalQuestionSchema>;
const itemsSchema = z.object({ items: z.array(typicalQuestionSchema).max(50) });

/**
 * Knowledge's public routes as the portal uses them (deflection). Every call is best effort: knowledge
 * down, slow or answering nonsense gives no suggestions, never a broken form.
 */
export interface KnowledgeClient {
  /** Published questions matching what the customer typed (subject and description). */
  suggest(language: PortalLanguage, text: string): Promise<TypicalQuestion[]>;
  /** The published questions of a language, for the start page. */
  questions(language: PortalLanguage): Promise<TypicalQuestion[]>;
  /** "This answered my question": recorded by knowledge with the language only. False when it failed. */
  helped(questionId: string, language: PortalLanguage): Promise<boolean>;
}

/** The text sent to knowledge's suggest endpoint: at most its limit, whitespace folded. */
export const suggestText = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 2_000);

/** No knowledge service configured (`KNOWLEDGE_URL` unset): no suggestions and no questions. */
export const noKnowledge: KnowledgeClient = {
  suggest: async () => [],
  questions: async () => [],
  helped: async () => false,
};

export function knowledgeClient(options: {
  baseUrl: string;
  timeoutMs?: number;
  logger?: MessagingLogger;
}): KnowledgeClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 1_500;
  const failed = (what: string, error: unknown) => {
    // Only the failure's kind: the text typed is the customer's and never logged.
    options.logger?.warn(
      { err: error instanceof Error ? error.name : 'unknown', what },
      'knowledge unavailable to the portal',
    );
  };
  const items = async (what: string, path: string): Promise<TypicalQuestion[]> => {
    try {
      const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        failed(what, new Error(`status ${res.status}`));
        return [];
      }
      const parsed = itemsSchema.safeParse(await res.json());
      if (!parsed.success) {
        failed(what, parsed.error);
        return [];
      }
      return parsed.data.items;
    } catch (error) {
      failed(what, error);
      return [];
    }
  };
  return {
    suggest(language, text) {
      const typed = suggestText(text);
      if (typed === '') return Promise.resolve([]);
      const query = new URLSearchParams({ language, text: typed, limit: '5' });
      return items('suggest', `/v1/public/questions/suggest?${query}`);
    },
    questions(language) {
      return items('questions', `/v1/public/questions?${new URLSearchParams({ language, limit: '20' })}`);
    },
    async helped(questionId, language) {
      try {
        const res = await fetch(`${base}/v1/public/questions/${encodeURIComponent(questionId)}/helped`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ language }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) failed('helped', new Error(`status ${res.status}`));
        return res.ok;
      } catch (error) {
        failed('helped', error);
        return false;
      }
    },
  };
}
