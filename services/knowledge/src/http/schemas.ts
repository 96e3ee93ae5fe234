import { answerContentSchema, knowledgeLanguageSchema, questionContentSchema, slug } from '@chp/contracts';
import { z } from 'zod';

export const entryParams = z.object({ id: z.uuid() });
export const answerBody = answerContentSchema;
export const questionBody = questionContentSchema;
export const answerUseBody = z.strictObject({
  version: z.number().int().positive(),
  complaintId: z.uuid(),
  language: knowledgeLanguageSchema,
});
export const helpedBody = z.strictObject({ language: knowledgeLanguageSchema });

export const MAX_SEARCH_TEXT = 200;
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const searchQuery = z.strictObject({
  language: knowledgeLanguageSchema,
  q: z.string().max(MAX_SEARCH_TEXT).optional(),
  category: slug().optional(),
  /** Supervisors only; agents always read published entries. */
  status: z.enum(['draft', 'published', 'superseded', 'retired']).optional(),
  limit: limit(50, 20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const publicQuestionsQuery = z.strictObject({
  language: knowledgeLanguageSchema,
  category: slug().optional(),
  limit: limit(50, 20),
});

export const suggestQuery = z.strictObject({
  language: knowledgeLanguageSchema,
  /** What the customer typed in the filing form (subject and description, abridged). */
  text: z.string().min(1).max(2_000),
  category: slug().optional(),
  limit: limit(10, 5),
});

export const usageQuery = z.strictObject({
  answerId: z.uuid().optional(),
  limit: limit(500, 100),
});
