import { type KnowledgeEvent, knowledgeLanguages, languagesOf } from '@chp/contracts';
import type { AnswerCommand, DecisionContext, QuestionCommand } from './commands.js';
import { KnowledgeEntryNotFound, KnowledgeRuleViolation } from './errors.js';
import {
  type AnswerState,
  type EntryState,
  liveVersion,
  pendingDraft,
  type QuestionState,
  versionToRevise,
} from './state.js';

type Present<Content> = Exclude<EntryState<Content>, { status: 'absent' }>;

function existing<Content>(
  state: EntryState<Content>,
  kind: 'answer' | 'question',
  id: string,
): Present<Content> {
  if (state.status === 'absent') throw new KnowledgeEntryNotFound(kind, id);
  return state;
}

function notRetired<Content>(state: Present<Content>, command: string): void {
  if (state.status === 'retired') {
    throw new KnowledgeRuleViolation('retired', command, `${command}: the entry is retired`);
  }
}

function draftToPublish<Content>(state: Present<Content>, command: string) {
  notRetired(state, command);
  const draft = pendingDraft(state);
  if (!draft) {
    throw new KnowledgeRuleViolation(
      'nothing_to_publish',
      command,
      `${command}: version ${state.versions.at(-1)?.version} is already published; revise it to make a new version`,
    );
  }
  return draft;
}

const sameContent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The events a standard-answer command leads to. A revision of a published answer is a new version:
 * a published version never changes. `RecordStandardAnswerUse` names a published version.
 */
export function decideAnswer(
  command: AnswerCommand,
  state: AnswerState,
  ctx: DecisionContext,
): KnowledgeEvent[] {
  const { answerId } = command.data;
  const stamp = { by: ctx.by, at: ctx.at };
  switch (command.type) {
    case 'DraftStandardAnswer': {
      if (state.status !== 'absent') {
        throw new KnowledgeRuleViolation(
          'already_exists',
          command.type,
          `Standard answer ${answerId} exists`,
        );
      }
      return [
        {
          type: 'StandardAnswerDrafted',
          data: { answerId, version: 1, content: command.data.content, ...stamp },
        },
      ];
    }
    case 'ReviseStandardAnswer': {
      const present = existing(state, 'answer', answerId);
      notRetired(present, command.type);
      const draft = pendingDraft(present);
      if (draft && sameContent(draft.content, command.data.content)) return [];
      const version = versionToRevise(present);
      return [
        {
          type: 'StandardAnswerRevised',
          data: { answerId, version, content: command.data.content, ...stamp },
        },
      ];
    }
    case 'PublishStandardAnswer': {
      const draft = draftToPublish(existing(state, 'answer', answerId), command.type);
      const missing = knowledgeLanguages.filter((language) => !languagesOf(draft.content).includes(language));
      if (missing.length > 0) {
        throw new KnowledgeRuleViolation(
          'translations_missing',
          command.type,
          `A standard answer is published in all six languages; version ${draft.version} lacks ${missing.join(', ')}`,
        );
      }
      return [{ type: 'StandardAnswerPublished', data: { answerId, version: draft.version, ...stamp } }];
    }
    case 'RetireStandardAnswer': {
      const present = existing(state, 'answer', answerId);
      notRetired(present, command.type);
      const version = present.versions.at(-1)?.version ?? 1;
      return [{ type: 'StandardAnswerRetired', data: { answerId, version, ...stamp } }];
    }
    case 'RecordStandardAnswerUse': {
      const present = existing(state, 'answer', answerId);
      const { version, complaintId, language } = command.data;
      const used = present.versions.find((v) => v.version === version);
      if (!used?.published || present.status === 'retired') {
        throw new KnowledgeRuleViolation(
          'version_not_published',
          command.type,
          `Version ${version} of standard answer ${answerId} is not a published, current version`,
        );
      }
      return [{ type: 'StandardAnswerUsed', data: { answerId, version, complaintId, language, ...stamp } }];
    }
    default:
      return unreachable(command);
  }
}

/** The events a typical-question command leads to; "this answered my question" counts on the live version. */
export function decideQuestion(
  command: QuestionCommand,
  state: QuestionState,
  ctx: DecisionContext,
): KnowledgeEvent[] {
  const { questionId } = command.data;
  const stamp = { by: ctx.by, at: ctx.at };
  switch (command.type) {
    case 'DraftTypicalQuestion': {
      if (state.status !== 'absent') {
        throw new KnowledgeRuleViolation(
          'already_exists',
          command.type,
          `Typical question ${questionId} exists`,
        );
      }
      return [
        {
          type: 'TypicalQuestionDrafted',
          data: { questionId, version: 1, content: command.data.content, ...stamp },
        },
      ];
    }
    case 'ReviseTypicalQuestion': {
      const present = existing(state, 'question', questionId);
      notRetired(present, command.type);
      const draft = pendingDraft(present);
      if (draft && sameContent(draft.content, command.data.content)) return [];
      const version = versionToRevise(present);
      return [
        {
          type: 'TypicalQuestionRevised',
          data: { questionId, version, content: command.data.content, ...stamp },
        },
      ];
    }
    case 'PublishTypicalQuestion': {
      const draft = draftToPublish(existing(state, 'question', questionId), command.type);
      return [{ type: 'TypicalQuestionPublished', data: { questionId, version: draft.version, ...stamp } }];
    }
    case 'RetireTypicalQuestion': {
      const present = existing(state, 'question', questionId);
      notRetired(present, command.type);
      const version = present.versions.at(-1)?.version ?? 1;
      return [{ type: 'TypicalQuestionRetired', data: { questionId, version, ...stamp } }];
    }
    case 'RecordQuestionHelped': {
      const live = liveVersion(existing(state, 'question', questionId));
      const { language } = command.data;
      if (!live || live.content.texts[language] === undefined) {
        throw new KnowledgeRuleViolation(
          'not_published',
          command.type,
          `Typical question ${questionId} is not published in ${language}`,
        );
      }
      // Anonymous: the portal's visitor is no actor, and no personal data is kept.
      return [
        { type: 'TypicalQuestionHelped', data: { questionId, version: live.version, language, at: ctx.at } },
      ];
    }
    default:
      return unreachable(command);
  }
}

function unreachable(command: never): never {
  throw new Error(`Unknown command ${JSON.stringify(command)}`);
}
