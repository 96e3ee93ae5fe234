import type { KnowledgeEvent } from '@chp/contracts';
import type { AnswerState, EntryState, EntryVersion, QuestionState } from './state.js';

type Versioned = { version: number };

function written<Content>(
  state: EntryState<Content>,
  id: string,
  data: Versioned & { content: Content },
): EntryState<Content> {
  const version: EntryVersion<Content> = { version: data.version, content: data.content, published: false };
  if (state.status === 'absent') return { status: 'draft', id, versions: [version] };
  const others = state.versions.filter((existing) => existing.version !== data.version);
  return { ...state, versions: [...others, version].sort((a, b) => a.version - b.version) };
}

function published<Content>(state: EntryState<Content>, data: Versioned): EntryState<Content> {
  if (state.status === 'absent') return state;
  return {
    ...state,
    status: 'published',
    versions: state.versions.map((v) => (v.version === data.version ? { ...v, published: true } : v)),
  };
}

const retired = <Content>(state: EntryState<Content>): EntryState<Content> =>
  state.status === 'absent' ? state : { ...state, status: 'retired' };

/** A standard answer's state after one more event; events of other kinds leave it as it is. */
export function evolveAnswer(state: AnswerState, event: KnowledgeEvent): AnswerState {
  switch (event.type) {
    case 'StandardAnswerDrafted':
    case 'StandardAnswerRevised':
      return written(state, event.data.answerId, event.data);
    case 'StandardAnswerPublished':
      return published(state, event.data);
    case 'StandardAnswerRetired':
      return retired(state);
    default:
      return state;
  }
}

/** A typical question's state after one more event; events of other kinds leave it as it is. */
export function evolveQuestion(state: QuestionState, event: KnowledgeEvent): QuestionState {
  switch (event.type) {
    case 'TypicalQuestionDrafted':
    case 'TypicalQuestionRevised':
      return written(state, event.data.questionId, event.data);
    case 'TypicalQuestionPublished':
      return published(state, event.data);
    case 'TypicalQuestionRetired':
      return retired(state);
    default:
      return state;
  }
}
