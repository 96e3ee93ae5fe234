import type { Actor } from '@chp/contracts';
import type { Position } from '@chp/eventstore';
import type { KnowledgeHandler } from '../application/index.js';
import { type KnowledgeCommand, pendingDraft } from '../directory/index.js';
import { starterAnswers } from './answers.js';
import { starterQuestions } from './questions.js';

export interface StarterReport {
  answers: { published: number; unchanged: number };
  questions: { published: number; unchanged: number };
  /** Where the last append ended, when anything was written. */
  position: Position | undefined;
}

const sameContent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Drafts and publishes the bundled starter set. Idempotent: an entry whose live version already
 * says what the set says is left alone; one that differs (edited since) is also left alone, so that
 * a supervisor's changes survive a second load.
 */
export async function loadStarterSet(handler: KnowledgeHandler, by: Actor): Promise<StarterReport> {
  let position: Position | undefined;
  const run = async (command: KnowledgeCommand) => {
    const result = await handler.handle(command, { by });
    position = result.position ?? position;
  };

  const answers = { published: 0, unchanged: 0 };
  for (const { id, content } of starterAnswers) {
    const loaded = await handler.loadAnswer(id);
    if (loaded === undefined) {
      await run({ type: 'DraftStandardAnswer', data: { answerId: id, content } });
    } else if (loaded.state.status !== 'draft' || !pendingDraft(loaded.state)) {
      answers.unchanged++;
      continue;
    } else if (!sameContent(pendingDraft(loaded.state)?.content, content)) {
      answers.unchanged++;
      continue;
    }
    await run({ type: 'PublishStandardAnswer', data: { answerId: id } });
    answers.published++;
  }

  const questions = { published: 0, unchanged: 0 };
  for (const { id, content } of starterQuestions) {
    const loaded = await handler.loadQuestion(id);
    if (loaded === undefined) {
      await run({ type: 'DraftTypicalQuestion', data: { questionId: id, content } });
    } else if (loaded.state.status !== 'draft' || !pendingDraft(loaded.state)) {
      questions.unchanged++;
      continue;
    } else if (!sameContent(pendingDraft(loaded.state)?.content, content)) {
      questions.unchanged++;
      continue;
    }
    await run({ type: 'PublishTypicalQuestion', data: { questionId: id } });
    questions.published++;
  }
  return { answers, questions, position };
}
