import type { Actor, AnswerContent, KnowledgeLanguage, QuestionContent } from '@chp/contracts';

/** The commands of the directory, one union tagged on `type`. */
export type KnowledgeCommand =
  | { type: 'DraftStandardAnswer'; data: { answerId: string; content: AnswerContent } }
  | { type: 'ReviseStandardAnswer'; data: { answerId: string; content: AnswerContent } }
  | { type: 'PublishStandardAnswer'; data: { answerId: string } }
  | { type: 'RetireStandardAnswer'; data: { answerId: string } }
  | {
      type: 'RecordStandardAnswerUse';
      data: { answerId: string; version: number; complaintId: string; language: KnowledgeLanguage };
    }
  | { type: 'DraftTypicalQuestion'; data: { questionId: string; content: QuestionContent } }
  | { type: 'ReviseTypicalQuestion'; data: { questionId: string; content: QuestionContent } }
  | { type: 'PublishTypicalQuestion'; data: { questionId: string } }
  | { type: 'RetireTypicalQuestion'; data: { questionId: string } }
  | { type: 'RecordQuestionHelped'; data: { questionId: string; language: KnowledgeLanguage } };

export type KnowledgeCommandType = KnowledgeCommand['type'];
export type KnowledgeCommandOf<T extends KnowledgeCommandType> = Extract<KnowledgeCommand, { type: T }>;

/** Who acts and when: the decider takes time and identity as arguments, never from the world. */
export interface DecisionContext {
  at: string;
  by: Actor;
}

export type AnswerCommand = Extract<KnowledgeCommand, { data: { answerId: string } }>;
export type QuestionCommand = Extract<KnowledgeCommand, { data: { questionId: string } }>;

export const isAnswerCommand = (command: KnowledgeCommand): command is AnswerCommand =>
  'answerId' in command.data;
