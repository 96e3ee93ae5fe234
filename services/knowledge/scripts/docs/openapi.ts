// The OpenAPI 3.1 document of the knowledge HTTP API, from the zod schemas its routes validate with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerPlaceholders } from '@chp/contracts';
import {
  headerParameter,
  jsonContent,
  jsonSchemaOf,
  type OpenApiDocument,
  openApiDocument,
  type PathItem,
  parametersOf,
  pathTemplateOf,
  probePaths,
  problems,
  type RouteDeclaration,
  rolesText,
  schemaRef,
  secured,
  toYaml,
} from '@chp/platform';
import {
  answerBody,
  answerUseBody,
  entryParams,
  helpedBody,
  publicQuestionsQuery,
  questionBody,
  routes,
  searchQuery,
  suggestQuery,
  usageQuery,
} from '../../src/http/index.js';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

const etagHeader = {
  ETag: {
    schema: { type: 'string', pattern: '^"\\d+"$' },
    description: 'The revision, `"<n>"`, for `If-Match`.',
  },
};
const ifMatch = headerParameter(
  'If-Match',
  'The ETag read (`"3"`): the command is refused with 412 if the entry changed since. Optional.',
  { type: 'string', pattern: '^"\\d+"$' },
);
const idParameter = parametersOf(entryParams, 'path', { id: { description: 'The entry id (a UUID).' } });
const placeholders = answerPlaceholders.map((p) => `\`{${p}}\``).join(', ');
const anyJson = { type: 'object', additionalProperties: true };

interface Op {
  summary: string;
  description?: string;
  tag: string;
  parameters?: unknown[];
  body?: string;
  responses: Record<string, unknown>;
}

function op({ method, roles }: RouteDeclaration, operationId: string, o: Op) {
  const open = roles.length === 0;
  return {
    [method]: {
      operationId,
      tags: [o.tag],
      summary: o.summary,
      description: [
        o.description,
        open ? 'Open to everyone (no token); rate-limited by address.' : rolesText(roles),
      ]
        .filter(Boolean)
        .join('\n\n'),
      ...(open ? { security: [] } : secured(roles)),
      ...(o.parameters ? { parameters: o.parameters } : {}),
      ...(o.body ? { requestBody: { required: true, content: jsonContent(schemaRef(o.body)) } } : {}),
      responses: { ...o.responses, ...(open ? {} : problems(401, 403)) },
    },
  };
}

const ok = (description: string, withEtag = false) => ({
  '200': { description, ...(withEtag ? { headers: etagHeader } : {}), content: jsonContent(anyJson) },
});
const commandProblems = problems(
  [400, 'A bad body or If-Match: `errors[].pointer` names the field (`#/texts/hu/body`, `#/if-match`, …).'],
  [404, 'No such entry.'],
  [
    409,
    'The entry’s state does not allow it: `rule` names the rule (`nothing_to_publish`, `translations_missing`, `retired`, …).',
  ],
  [412, 'If-Match named another revision.'],
);

function entryPaths(kind: 'answer' | 'question'): Record<string, PathItem> {
  const a = kind === 'answer';
  const r = a
    ? {
        search: routes.searchAnswers,
        draft: routes.draftAnswer,
        one: routes.answer,
        revise: routes.reviseAnswer,
        publish: routes.publishAnswer,
        retire: routes.retireAnswer,
      }
    : {
        search: routes.searchQuestions,
        draft: routes.draftQuestion,
        one: routes.question,
        revise: routes.reviseQuestion,
        publish: routes.publishQuestion,
        retire: routes.retireQuestion,
      };
  const noun = a ? 'standard answer' : 'typical question';
  const Noun = a ? 'Standard answers' : 'Typical questions';
  const tag = a ? 'answers' : 'questions';
  const body = a ? 'AnswerContent' : 'QuestionContent';
  const P = a ? 'Answer' : 'Question';
  return {
    [pathTemplateOf(r.search.path)]: {
      ...op(r.search, `search${P}s`, {
        tag,
        summary: `${Noun} by full text search in one language, ranked`,
        description: a
          ? 'Agents see published versions only; supervisors see drafts and published (or the `status` they ask for).'
          : 'Supervisors’ view of every question; the portal uses `/v1/public/questions`.',
        parameters: parametersOf(searchQuery, 'query'),
        responses: {
          ...ok('`items`: hits with the text in the language searched.'),
          ...problems([400, 'A bad parameter (`#/language`, …).']),
        },
      }),
      ...op(r.draft, `draft${P}`, {
        tag,
        summary: `Drafts a new ${noun} (version 1)`,
        description: a
          ? `Texts may use the placeholders ${placeholders}. Plain text only: markup is refused.`
          : 'Plain text only: markup is refused.',
        body,
        responses: {
          '201': {
            description: 'Drafted; `Location` is the entry.',
            headers: etagHeader,
            content: jsonContent(anyJson),
          },
          ...commandProblems,
        },
      }),
    },
    [pathTemplateOf(r.one.path)]: {
      parameters: idParameter,
      ...op(r.one, `get${P}`, {
        tag,
        summary: `One ${noun}: its versions (supervisors) or its live version (agents)`,
        responses: {
          ...ok('The entry.', true),
          ...problems([400, 'The id is not a UUID.'], [404, 'No such entry, or not published (agents).']),
        },
      }),
    },
    [pathTemplateOf(r.revise.path)]: {
      parameters: idParameter,
      ...op(r.revise, `revise${P}`, {
        tag,
        summary: `Changes the draft, or makes a new version of a published ${noun}`,
        description:
          'A published version never changes: the revision is the next version, a draft until published.',
        parameters: [ifMatch],
        body,
        responses: { ...ok('Revised.', true), ...commandProblems },
      }),
    },
    [pathTemplateOf(r.publish.path)]: {
      parameters: idParameter,
      ...op(r.publish, `publish${P}`, {
        tag,
        summary: `Publishes the pending draft version`,
        description: a
          ? 'A standard answer is published in all six languages (409 `translations_missing` otherwise).'
          : undefined,
        parameters: [ifMatch],
        responses: { ...ok('Published.', true), ...commandProblems },
      }),
    },
    [pathTemplateOf(r.retire.path)]: {
      parameters: idParameter,
      ...op(r.retire, `retire${P}`, {
        tag,
        summary: `Retires the ${noun}: agents and the public no longer see it`,
        parameters: [ifMatch],
        responses: { ...ok('Retired.', true), ...commandProblems },
      }),
    },
  };
}

const paths: Record<string, PathItem> = {
  ...entryPaths('answer'),
  [pathTemplateOf(routes.recordAnswerUse.path)]: {
    parameters: idParameter,
    ...op(routes.recordAnswerUse, 'recordAnswerUse', {
      tag: 'answers',
      summary: 'Records that a complaint used a published version (no personal data)',
      body: 'AnswerUse',
      responses: {
        '201': { description: 'Recorded (`StandardAnswerUsed`).', content: jsonContent(anyJson) },
        ...problems(
          [400, 'A bad body.'],
          [404, 'No such answer.'],
          [409, 'The version is not published (`version_not_published`).'],
        ),
      },
    }),
  },
  ...entryPaths('question'),
  [pathTemplateOf(routes.publicQuestions.path)]: op(routes.publicQuestions, 'publicQuestions', {
    tag: 'portal',
    summary: 'Published typical questions in one language, by category',
    parameters: parametersOf(publicQuestionsQuery, 'query'),
    responses: {
      ...ok('`items`: `{id, version, category, language, question, answer}`.'),
      ...problems([400, 'A bad parameter.']),
    },
  }),
  [pathTemplateOf(routes.suggestQuestions.path)]: op(routes.suggestQuestions, 'suggestQuestions', {
    tag: 'portal',
    summary: 'Typical questions that match what a customer typed (the filing form’s deflection)',
    description:
      'The more words match, the higher. A suggestion shown counts toward the deflection rate (a counter, no text kept).',
    parameters: parametersOf(suggestQuery, 'query'),
    responses: {
      ...ok('`items`, best first.'),
      ...problems([400, 'A bad parameter (`#/text`, `#/language`).']),
    },
  }),
  [pathTemplateOf(routes.questionHelped.path)]: {
    parameters: idParameter,
    ...op(routes.questionHelped, 'questionHelped', {
      tag: 'portal',
      summary: '“This answered my question” (anonymous: `TypicalQuestionHelped` with no personal data)',
      body: 'Helped',
      responses: {
        '204': { description: 'Counted.' },
        ...problems(
          [400, 'A bad body.'],
          [404, 'No such question.'],
          [409, 'Not published in that language (`not_published`).'],
        ),
      },
    }),
  },
  [pathTemplateOf(routes.answerUsage.path)]: op(routes.answerUsage, 'answerUsage', {
    tag: 'statistics',
    summary: 'Uses per answer and version, most used first',
    parameters: parametersOf(usageQuery, 'query'),
    responses: {
      ...ok('`items`: `{answerId, version, uses, lastUsedAt}`.'),
      ...problems([400, 'A bad parameter.']),
    },
  }),
  [pathTemplateOf(routes.deflection.path)]: op(routes.deflection, 'deflection', {
    tag: 'statistics',
    summary: 'The deflection rate: “this answered my question” per suggestion shown, in all and per language',
    responses: ok(
      '`{total: {shown, helped, rate}, byLanguage: [...]}`; `rate` is null when nothing was shown.',
    ),
  }),
  [pathTemplateOf(routes.starterSet.path)]: op(routes.starterSet, 'loadStarterSet', {
    tag: 'starter set',
    summary: 'Drafts and publishes the bundled starter set (idempotent)',
    description: 'An entry already there is left alone, edits included. `npm run demo` calls it.',
    responses: ok('`{answers: {published, unchanged}, questions: {published, unchanged}}`.'),
  }),
  ...probePaths(['store', 'readModel']),
};

/** The document; `npm run docs` writes it, and a test holds the committed file to it. */
export function knowledgeOpenApi(): OpenApiDocument {
  return openApiDocument({
    service: 'knowledge',
    version,
    description:
      'The directory of standard answers and typical questions: versioned, searched in six languages.',
    port: 3005,
    tags: [
      {
        name: 'answers',
        description: 'Standard answers: supervisors write and publish, agents read and use.',
      },
      { name: 'questions', description: 'Typical questions: supervisors write and publish.' },
      { name: 'portal', description: 'The public’s read of typical questions, suggestions and votes.' },
      { name: 'statistics', description: 'Answer use and the deflection rate.' },
      { name: 'starter set', description: 'The bundled starter set.' },
    ],
    paths,
    schemas: {
      AnswerContent: jsonSchemaOf(answerBody),
      QuestionContent: jsonSchemaOf(questionBody),
      AnswerUse: jsonSchemaOf(answerUseBody),
      Helped: jsonSchemaOf(helpedBody),
    },
  });
}

export const knowledgeOpenApiYaml = (): string => toYaml(knowledgeOpenApi(), 'knowledge');
