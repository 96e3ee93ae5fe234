import type { AnswerContent, KnowledgeEvent, QuestionContent } from '@chp/contracts';
import { deciderSpec } from '@chp/testing';
import {
  type AnswerCommand,
  type AnswerState,
  absent,
  decideAnswer,
  decideQuestion,
  evolveAnswer,
  evolveQuestion,
  type QuestionCommand,
  type QuestionState,
} from '../src/directory/index.js';

export const AT = '2026-03-02T09:00:00.000Z';
export const BY = { id: 'supervisor-sam', role: 'supervisor' } as const;
export const ANSWER_ID = '0b8f2f3e-3c1d-4f7a-9a51-1d2c3b4a5e61';
export const QUESTION_ID = '0b8f2f3e-3c1d-4f7a-9a51-1d2c3b4a5e62';
export const COMPLAINT_ID = '0b8f2f3e-3c1d-4f7a-9a51-1d2c3b4a5e63';

const languages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;

/** A standard answer's content, in all six languages unless `only` narrows it. */
export function answerContent(
  title = 'Refund of a double charge',
  only: readonly string[] = languages,
): AnswerContent {
  return {
    category: 'billing',
    tags: ['refund'],
    texts: Object.fromEntries(
      languages
        .filter((l) => only.includes(l))
        .map((l) => [
          l,
          { title: `${title} (${l})`, body: `Dear {customerName}, we refunded {amount}. Ref {reference}.` },
        ]),
    ),
  };
}

export function questionContent(
  question = 'How do I pay my bill?',
  only: readonly string[] = ['en', 'hu'],
): QuestionContent {
  return {
    category: 'billing',
    tags: [],
    texts: Object.fromEntries(
      only.map((l) => [l, { question: `${question} (${l})`, answer: 'By card or transfer.' }]),
    ),
  };
}

export const answerSpec = deciderSpec<AnswerCommand, KnowledgeEvent, AnswerState>({
  decide: (command, state) => decideAnswer(command, state, { at: AT, by: BY }),
  evolve: evolveAnswer,
  initialState: () => absent(),
});

export const questionSpec = deciderSpec<QuestionCommand, KnowledgeEvent, QuestionState>({
  decide: (command, state) => decideQuestion(command, state, { at: AT, by: BY }),
  evolve: evolveQuestion,
  initialState: () => absent(),
});

const stamp = { by: BY, at: AT };
export const answerEvents = {
  drafted: (content = answerContent()): KnowledgeEvent => ({
    type: 'StandardAnswerDrafted',
    data: { answerId: ANSWER_ID, version: 1, content, ...stamp },
  }),
  revised: (version: number, content = answerContent('Changed')): KnowledgeEvent => ({
    type: 'StandardAnswerRevised',
    data: { answerId: ANSWER_ID, version, content, ...stamp },
  }),
  published: (version: number): KnowledgeEvent => ({
    type: 'StandardAnswerPublished',
    data: { answerId: ANSWER_ID, version, ...stamp },
  }),
  retired: (version: number): KnowledgeEvent => ({
    type: 'StandardAnswerRetired',
    data: { answerId: ANSWER_ID, version, ...stamp },
  }),
};

export const questionEvents = {
  drafted: (content = questionContent()): KnowledgeEvent => ({
    type: 'TypicalQuestionDrafted',
    data: { questionId: QUESTION_ID, version: 1, content, ...stamp },
  }),
  revised: (version: number, content = questionContent('Changed')): KnowledgeEvent => ({
    type: 'TypicalQuestionRevised',
    data: { questionId: QUESTION_ID, version, content, ...stamp },
  }),
  published: (version: number): KnowledgeEvent => ({
    type: 'TypicalQuestionPublished',
    data: { questionId: QUESTION_ID, version, ...stamp },
  }),
  retired: (version: number): KnowledgeEvent => ({
    type: 'TypicalQuestionRetired',
    data: { questionId: QUESTION_ID, version, ...stamp },
  }),
};
