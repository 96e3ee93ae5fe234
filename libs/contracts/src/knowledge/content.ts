import { z } from 'zod';
import { multiLine, singleLine, slug } from '../values/index.js';

/** The languages of the directory: every standard answer is written in all six before it is published. */
export const knowledgeLanguages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type KnowledgeLanguage = (typeof knowledgeLanguages)[number];
export const knowledgeLanguageSchema = z.enum(knowledgeLanguages);

/** The placeholders a standard answer may hold; the console's picker fills them in. */
export const answerPlaceholders = [
  'reference',
  'customerName',
  'dueDate',
  'filedDate',
  'agentName',
  'amount',
  'companyName',
] as const;
export type AnswerPlaceholder = (typeof answerPlaceholders)[number];

export const MAX_TITLE = 200;
export const MAX_ANSWER_BODY = 10_000;
export const MAX_QUESTION = 300;
export const MAX_QUESTION_ANSWER = 2_000;
export const MAX_TAGS = 20;

// Texts are plain text, shown in the console, the portal and e-mail: markup is refused at the edge
// rather than trusted to every renderer's escaping.
const MARKUP = /<\s*\/?\s*[a-z!?]|javascript:|\bon[a-z]+\s*=/i;
const noMarkup = [
  (text: string) => !MARKUP.test(text),
  'must be plain text, without HTML or script',
] as const;

/** Why a text's `{name}` tokens are wrong (an unknown name, an unpaired brace), or undefined. */
export function placeholderProblem(text: string): string | undefined {
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1] ?? '';
    if (!(answerPlaceholders as readonly string[]).includes(name)) {
      const known = answerPlaceholders.map((p) => `{${p}}`).join(', ');
      return `unknown placeholder {${name.slice(0, 40)}}; known: ${known}`;
    }
  }
  if (/[{}]/.test(text.replace(/\{[^{}]*\}/g, ''))) {
    return 'has an unpaired brace: a placeholder is {name}, like {reference}';
  }
  return undefined;
}

const withPlaceholders = (schema: z.ZodString) =>
  schema.superRefine((text, ctx) => {
    const problem = placeholderProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const answerTextSchema = z.strictObject({
  title: withPlaceholders(singleLine(MAX_TITLE).refine(...noMarkup)),
  body: withPlaceholders(multiLine(MAX_ANSWER_BODY).refine(...noMarkup)),
});
export type AnswerText = z.infer<typeof answerTextSchema>;

export const questionTextSchema = z.strictObject({
  question: singleLine(MAX_QUESTION).refine(...noMarkup),
  answer: multiLine(MAX_QUESTION_ANSWER).refine(...noMarkup),
});
export type QuestionText = z.infer<typeof questionTextSchema>;

/** Texts by language: at least one; publishing a standard answer needs all six. */
const byLanguage = <T extends z.ZodType>(text: T) =>
  z
    .strictObject({
      en: text.optional(),
      uk: text.optional(),
      ru: text.optional(),
      hu: text.optional(),
      lv: text.optional(),
      ro: text.optional(),
    })
    .refine((texts) => Object.values(texts).some((value) => value !== undefined), {
      message: 'needs a text in at least one language',
    });

export const tagSchema = slug(40);

/** What a version of a standard answer says. */
export const answerContentSchema = z.strictObject({
  category: slug(),
  tags: z.array(tagSchema).max(MAX_TAGS).default([]),
  texts: byLanguage(answerTextSchema),
});
export type AnswerContent = z.infer<typeof answerContentSchema>;

/** What a version of a typical question says. */
export const questionContentSchema = z.strictObject({
  category: slug(),
  tags: z.array(tagSchema).max(MAX_TAGS).default([]),
  texts: byLanguage(questionTextSchema),
});
export type QuestionContent = z.infer<typeof questionContentSchema>;

/** The languages a content has a text in, in the directory's order. */
export const languagesOf = (content: { texts: Partial<Record<KnowledgeLanguage, unknown>> }) =>
  knowledgeLanguages.filter((language) => content.texts[language] !== undefined);
