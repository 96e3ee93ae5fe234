// Typical questions: given events, when a command, then events or a broken rule, for every command.
import { KnowledgeEntryNotFound, KnowledgeRuleViolation } from '../src/directory/index.js';
import { AT, questionEvents as e, QUESTION_ID, questionContent, questionSpec } from './fixtures.js';

const breaks = (rule: string) => (error: Error) =>
  error instanceof KnowledgeRuleViolation && error.rule === rule;

describe('DraftTypicalQuestion', () => {
  it('drafts version 1, in the languages given', () => {
    questionSpec
      .given([])
      .when({ type: 'DraftTypicalQuestion', data: { questionId: QUESTION_ID, content: questionContent() } })
      .then(e.drafted());
  });
  it('refuses an id that exists', () => {
    questionSpec
      .given([e.drafted()])
      .when({ type: 'DraftTypicalQuestion', data: { questionId: QUESTION_ID, content: questionContent() } })
      .thenThrows(breaks('already_exists'));
  });
});

describe('ReviseTypicalQuestion', () => {
  const revise = {
    type: 'ReviseTypicalQuestion' as const,
    data: { questionId: QUESTION_ID, content: questionContent('Changed') },
  };
  it('changes a draft in place, and makes a new version of a published question', () => {
    questionSpec.given([e.drafted()]).when(revise).then(e.revised(1));
    questionSpec
      .given([e.drafted(), e.published(1)])
      .when(revise)
      .then(e.revised(2));
  });
  it('refuses a retired or unknown question', () => {
    questionSpec
      .given([e.drafted(), e.retired(1)])
      .when(revise)
      .thenThrows(breaks('retired'));
    questionSpec.given([]).when(revise).thenThrows(KnowledgeEntryNotFound);
  });
});

describe('PublishTypicalQuestion', () => {
  const publish = { type: 'PublishTypicalQuestion' as const, data: { questionId: QUESTION_ID } };
  it('publishes the pending draft, in the languages it has', () => {
    questionSpec.given([e.drafted()]).when(publish).then(e.published(1));
  });
  it('refuses to publish a published version again', () => {
    questionSpec
      .given([e.drafted(), e.published(1)])
      .when(publish)
      .thenThrows(breaks('nothing_to_publish'));
  });
});

describe('RetireTypicalQuestion', () => {
  const retire = { type: 'RetireTypicalQuestion' as const, data: { questionId: QUESTION_ID } };
  it('retires the question', () => {
    questionSpec
      .given([e.drafted(), e.published(1)])
      .when(retire)
      .then(e.retired(1));
  });
  it('refuses to retire twice', () => {
    questionSpec
      .given([e.drafted(), e.retired(1)])
      .when(retire)
      .thenThrows(breaks('retired'));
  });
});

describe('RecordQuestionHelped', () => {
  const helped = (language: 'en' | 'ro') => ({
    type: 'RecordQuestionHelped' as const,
    data: { questionId: QUESTION_ID, language },
  });
  it('counts a vote on the live version, with no person in it', () => {
    questionSpec
      .given([e.drafted(), e.published(1), e.revised(2)])
      .when(helped('en'))
      .then({
        type: 'TypicalQuestionHelped',
        data: { questionId: QUESTION_ID, version: 1, language: 'en', at: AT },
      });
  });
  it('refuses a question that is not published, or not in that language', () => {
    questionSpec.given([e.drafted()]).when(helped('en')).thenThrows(breaks('not_published'));
    questionSpec
      .given([e.drafted(), e.published(1)])
      .when(helped('ro'))
      .thenThrows(breaks('not_published'));
    questionSpec
      .given([e.drafted(), e.published(1), e.retired(1)])
      .when(helped('en'))
      .thenThrows(breaks('not_published'));
  });
});
