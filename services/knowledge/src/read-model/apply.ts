import {
  type AnswerContent,
  type KnowledgeEvent,
  type KnowledgeLanguage,
  knowledgeLanguages,
  type QuestionContent,
} from '@chp/contracts';
import type { SqlExecutor } from '@chp/eventstore';
import { searchConfigs, withoutPlaceholders } from './languages.js';

export type EntryKind = 'answer' | 'question';

/** The title and body a search row indexes for a version in one language. */
function searchTexts(
  kind: EntryKind,
  content: AnswerContent | QuestionContent,
  language: KnowledgeLanguage,
): { title: string; body: string } | undefined {
  if (kind === 'answer') {
    const text = (content as AnswerContent).texts[language];
    return text && { title: withoutPlaceholders(text.title), body: withoutPlaceholders(text.body) };
  }
  const text = (content as QuestionContent).texts[language];
  return text && { title: text.question, body: text.answer };
}

async function writeVersion(
  db: SqlExecutor,
  kind: EntryKind,
  id: string,
  version: number,
  content: AnswerContent | QuestionContent,
  at: string,
): Promise<void> {
  await db.query(
    `INSERT INTO kn_entries (kind, id, version, status, category, tags, content, updated_at)
     VALUES ($1, $2::uuid, $3::int, 'draft', $4, ARRAY(SELECT jsonb_array_elements_text($5::jsonb)), $6::jsonb, $7::timestamptz)
     ON CONFLICT (kind, id, version) DO UPDATE SET category = EXCLUDED.category, tags = EXCLUDED.tags,
       content = EXCLUDED.content, updated_at = EXCLUDED.updated_at`,
    [kind, id, String(version), content.category, JSON.stringify(content.tags), JSON.stringify(content), at],
    'kn_write_version',
  );
  await db.query(
    'DELETE FROM kn_search WHERE kind = $1 AND id = $2::uuid AND version = $3::int',
    [kind, id, String(version)],
    'kn_clear_search',
  );
  const keywords = [content.category, ...content.tags].join(' ');
  for (const language of knowledgeLanguages) {
    const texts = searchTexts(kind, content, language);
    if (!texts) continue;
    const config = searchConfigs[language];
    await db.query(
      `INSERT INTO kn_search (kind, id, version, language, status, category, title, document)
       VALUES ($1, $2::uuid, $3::int, $4, 'draft', $5, $6,
         setweight(to_tsvector($7::regconfig, $6), 'A') || setweight(to_tsvector($7::regconfig, $8), 'B')
         || setweight(to_tsvector('simple', $9), 'C'))`,
      [kind, id, String(version), language, content.category, texts.title, config, texts.body, keywords],
      'kn_insert_search',
    );
  }
}

/** Publishing a version supersedes the one published before it. */
async function setStatus(
  db: SqlExecutor,
  kind: EntryKind,
  id: string,
  version: number,
  status: 'published' | 'retired',
  at: string,
): Promise<void> {
  const params = [kind, id, String(version), at];
  if (status === 'published') {
    for (const table of ['kn_entries', 'kn_search']) {
      await db.query(
        `UPDATE ${table} SET status = CASE WHEN version = $3::int THEN 'published' ELSE 'superseded' END
         WHERE kind = $1 AND id = $2::uuid AND (version = $3::int OR status = 'published')`,
        params.slice(0, 3),
      );
    }
  } else {
    for (const table of ['kn_entries', 'kn_search']) {
      await db.query(
        `UPDATE ${table} SET status = 'retired' WHERE kind = $1 AND id = $2::uuid`,
        params.slice(0, 2),
      );
    }
  }
  await db.query(
    'UPDATE kn_entries SET updated_at = $4::timestamptz WHERE kind = $1 AND id = $2::uuid AND version = $3::int',
    params,
  );
}

/** Applies one event to the read model (inside the projector's transaction, with its checkpoint). */
export async function applyEvent(db: SqlExecutor, event: KnowledgeEvent): Promise<void> {
  switch (event.type) {
    case 'StandardAnswerDrafted':
    case 'StandardAnswerRevised': {
      const { answerId, version, content, at } = event.data;
      return writeVersion(db, 'answer', answerId, version, content, at);
    }
    case 'TypicalQuestionDrafted':
    case 'TypicalQuestionRevised': {
      const { questionId, version, content, at } = event.data;
      return writeVersion(db, 'question', questionId, version, content, at);
    }
    case 'StandardAnswerPublished':
      return setStatus(db, 'answer', event.data.answerId, event.data.version, 'published', event.data.at);
    case 'TypicalQuestionPublished':
      return setStatus(db, 'question', event.data.questionId, event.data.version, 'published', event.data.at);
    case 'StandardAnswerRetired':
      return setStatus(db, 'answer', event.data.answerId, event.data.version, 'retired', event.data.at);
    case 'TypicalQuestionRetired':
      return setStatus(db, 'question', event.data.questionId, event.data.version, 'retired', event.data.at);
    case 'StandardAnswerUsed': {
      const { answerId, version, at } = event.data;
      await db.query(
        `INSERT INTO kn_usage (answer_id, version, uses, last_used_at) VALUES ($1::uuid, $2::int, 1, $3::timestamptz)
         ON CONFLICT (answer_id, version) DO UPDATE SET uses = kn_usage.uses + 1,
           last_used_at = GREATEST(kn_usage.last_used_at, EXCLUDED.last_used_at)`,
        [answerId, String(version), at],
        'kn_count_use',
      );
      return;
    }
    case 'TypicalQuestionHelped': {
      const { questionId, version, language } = event.data;
      await db.query(
        `INSERT INTO kn_helped (question_id, version, language, helped) VALUES ($1::uuid, $2::int, $3, 1)
         ON CONFLICT (question_id, version, language) DO UPDATE SET helped = kn_helped.helped + 1`,
        [questionId, String(version), language],
        'kn_count_helped',
      );
      return;
    }
    default: {
      const unknown: never = event;
      throw new Error(`No projection for ${JSON.stringify(unknown).slice(0, 100)}`);
    }
  }
}
