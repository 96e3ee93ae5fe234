// Standard answers: given events, when a command, then events or a broken rule, for every command.
import {
  evolveAnswer,
  KnowledgeEntryNotFound,
  KnowledgeRuleViolation,
  liveVersion,
} from '../src/directory/index.js';
import { ANSWER_ID, AT, answerContent, answerSpec, BY, COMPLAINT_ID, answerEvents as e } from './fixtures.js';

const breaks = (rule: string) => (error: Error) =>
  error instanceof KnowledgeRuleViolation && error.rule === rule;

describe('DraftStandardAnswer', () => {
  it('drafts version 1', () => {
    answerSpec
      .given([])
      .when({ type: 'DraftStandardAnswer', data: { answerId: ANSWER_ID, content: answerContent() } })
      .then(e.drafted());
  });
  it('refuses an id that exists', () => {
    answerSpec
      .given([e.drafted()])
      .when({ type: 'DraftStandardAnswer', data: { answerId: ANSWER_ID, content: answerContent() } })
      .thenThrows(breaks('already_exists'));
  });
});

describe('ReviseStandardAnswer', () => {
  const revise = (content = answerContent('Changed')) => ({
    type: 'ReviseStandardAnswer' as const,
    data: { answerId: ANSWER_ID, content },
  });
  it('changes a draft in place: same version', () => {
    answerSpec.given([e.drafted()]).when(revise()).then(e.revised(1));
  });
  it('makes a new version of a published answer: a published version cannot change', () => {
    answerSpec
      .given([e.drafted(), e.published(1)])
      .when(revise())
      .then(e.revised(2));
  });
  it('keeps the published version as it was, live, beside the new draft', () => {
    const state = [e.drafted(), e.published(1), e.revised(2)].reduce(evolveAnswer, { status: 'absent' });
    expect(liveVersion(state)).toEqual({ version: 1, content: answerContent(), published: true });
    expect(state.status === 'absent' ? [] : state.versions.map((v) => [v.version, v.published])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
  it('revises the pending draft again rather than adding a third version', () => {
    answerSpec
      .given([e.drafted(), e.published(1), e.revised(2)])
      .when(revise(answerContent('Again')))
      .then(e.revised(2, answerContent('Again')));
  });
  it('does nothing when the draft already says the same', () => {
    answerSpec.given([e.drafted()]).when(revise(answerContent())).thenNothingHappens();
  });
  it('refuses a retired answer', () => {
    answerSpec
      .given([e.drafted(), e.published(1), e.retired(1)])
      .when(revise())
      .thenThrows(breaks('retired'));
  });
  it('refuses an answer that does not exist', () => {
    answerSpec.given([]).when(revise()).thenThrows(KnowledgeEntryNotFound);
  });
});

describe('PublishStandardAnswer', () => {
  const publish = { type: 'PublishStandardAnswer' as const, data: { answerId: ANSWER_ID } };
  it('publishes the pending draft', () => {
    answerSpec.given([e.drafted()]).when(publish).then(e.published(1));
    answerSpec
      .given([e.drafted(), e.published(1), e.revised(2)])
      .when(publish)
      .then(e.published(2));
  });
  it('refuses to publish again: there is nothing new', () => {
    answerSpec
      .given([e.drafted(), e.published(1)])
      .when(publish)
      .thenThrows(breaks('nothing_to_publish'));
  });
  it('refuses a draft that lacks a language', () => {
    const error = answerSpec
      .given([e.drafted(answerContent('Only some', ['en', 'ru']))])
      .when(publish)
      .thenThrows(breaks('translations_missing'));
    expect(error.message).toContain('uk, hu, lv, ro');
  });
  it('refuses a retired answer', () => {
    answerSpec
      .given([e.drafted(), e.retired(1)])
      .when(publish)
      .thenThrows(breaks('retired'));
  });
});

describe('RetireStandardAnswer', () => {
  const retire = { type: 'RetireStandardAnswer' as const, data: { answerId: ANSWER_ID } };
  it('retires the answer at its newest version', () => {
    answerSpec
      .given([e.drafted(), e.published(1), e.revised(2)])
      .when(retire)
      .then(e.retired(2));
  });
  it('refuses to retire twice', () => {
    answerSpec
      .given([e.drafted(), e.retired(1)])
      .when(retire)
      .thenThrows(breaks('retired'));
  });
});

describe('RecordStandardAnswerUse', () => {
  const use = (version: number) => ({
    type: 'RecordStandardAnswerUse' as const,
    data: { answerId: ANSWER_ID, version, complaintId: COMPLAINT_ID, language: 'hu' as const },
  });
  it('records which published version a complaint used', () => {
    answerSpec
      .given([e.drafted(), e.published(1), e.revised(2), e.published(2)])
      .when(use(1))
      .then({
        type: 'StandardAnswerUsed',
        data: { answerId: ANSWER_ID, version: 1, complaintId: COMPLAINT_ID, language: 'hu', by: BY, at: AT },
      });
  });
  it('refuses a draft version, an unknown version, and a retired answer', () => {
    answerSpec.given([e.drafted()]).when(use(1)).thenThrows(breaks('version_not_published'));
    answerSpec
      .given([e.drafted(), e.published(1)])
      .when(use(7))
      .thenThrows(breaks('version_not_published'));
    answerSpec
      .given([e.drafted(), e.published(1), e.retired(1)])
      .when(use(1))
      .thenThrows(breaks('version_not_published'));
  });
});
