import { z } from 'zod';
import { stamp } from '../events/index.js';
import { isoDateTime, uuid } from '../values/index.js';
import { answerContentSchema, knowledgeLanguageSchema, questionContentSchema } from './content.js';

const version = z.number().int().positive();

/** A standard answer's first version, a draft. */
export const standardAnswerDraftedSchema = z.object({
  answerId: uuid(),
  version,
  content: answerContentSchema,
  ...stamp,
});
/** A draft's content replaced; on a published answer, a new draft version (the published one never changes). */
export const standardAnswerRevisedSchema = standardAnswerDraftedSchema;
export const standardAnswerPublishedSchema = z.object({ answerId: uuid(), version, ...stamp });
export const standardAnswerRetiredSchema = z.object({ answerId: uuid(), version, ...stamp });
/** A complaint used a published version: which one, no personal data. */
export const standardAnswerUsedSchema = z.object({
  answerId: uuid(),
  version,
  complaintId: uuid(),
  language: knowledgeLanguageSchema,
  ...stamp,
});

export const typicalQuestionDraftedSchema = z.object({
  questionId: uuid(),
  version,
  content: questionContentSchema,
  ...stamp,
});
export const typicalQuestionRevisedSchema = typicalQuestionDraftedSchema;
export const typicalQuestionPublishedSchema = z.object({ questionId: uuid(), version, ...stamp });
export const typicalQuestionRetiredSchema = z.object({ questionId: uuid(), version, ...stamp });
/** "This answered my question" on the portal: anonymous, only the question, version and language. */
export const typicalQuestionHelpedSchema = z.object({
  questionId: uuid(),
  version,
  language: knowledgeLanguageSchema,
  at: isoDateTime(),
});

export const knowledgeEventSchemas = {
  StandardAnswerDrafted: standardAnswerDraftedSchema,
  StandardAnswerRevised: standardAnswerRevisedSchema,
  StandardAnswerPublished: standardAnswerPublishedSchema,
  StandardAnswerRetired: standardAnswerRetiredSchema,
  StandardAnswerUsed: standardAnswerUsedSchema,
  TypicalQuestionDrafted: typicalQuestionDraftedSchema,
  TypicalQuestionRevised: typicalQuestionRevisedSchema,
  TypicalQuestionPublished: typicalQuestionPublishedSchema,
  TypicalQuestionRetired: typicalQuestionRetiredSchema,
  TypicalQuestionHelped: typicalQuestionHelpedSchema,
} as const;

export type KnowledgeEventType = keyof typeof knowledgeEventSchemas;
export const knowledgeEventTypes = Object.keys(knowledgeEventSchemas) as KnowledgeEventType[];

/** Every event of the directory, one union tagged on `type`. */
export type KnowledgeEvent = {
  [T in KnowledgeEventType]: { type: T; data: z.infer<(typeof knowledgeEventSchemas)[T]> };
}[KnowledgeEventType];

export type KnowledgeEventOf<T extends KnowledgeEventType> = Extract<KnowledgeEvent, { type: T }>;

/** Streams: `knowledge-answer-<uuid>` and `knowledge-question-<uuid>`; the prefix filters subscriptions. */
export const KNOWLEDGE_STREAM_PREFIX = 'knowledge-';
export const answerStreamName = (answerId: string) => `${KNOWLEDGE_STREAM_PREFIX}answer-${answerId}`;
export const questionStreamName = (questionId: string) => `${KNOWLEDGE_STREAM_PREFIX}question-${questionId}`;
/** Uses of an answer and votes for a question: apart from the entry, so that they never move its ETag. */
export const usageStreamName = (entryId: string) => `${KNOWLEDGE_STREAM_PREFIX}usage-${entryId}`;
