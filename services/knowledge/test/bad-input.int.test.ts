// Bad input to the knowledge API: each gets problem+json naming the field, and nothing is stored.
import { answerContent, questionContent } from './fixtures.js';
import { type Harness, type Person, startHarness } from './support/harness.js';

let h: Harness;
let publishedAnswer: string;
let publishedQuestion: string;

beforeAll(async () => {
  h = await startHarness();
  publishedAnswer = (await h.as('supervisor').post('/v1/answers', answerContent())).body.id as string;
  await h.as('supervisor').post(`/v1/answers/${publishedAnswer}/publish`);
  publishedQuestion = (await h.as('supervisor').post('/v1/questions', questionContent())).body.id as string;
  await h.as('supervisor').post(`/v1/questions/${publishedQuestion}/publish`);
}, 60_000);
afterAll(async () => h?.close());

const withText = (field: 'title' | 'body', value: string, language = 'en') => {
  const content = answerContent();
  const texts = content.texts as Record<string, { title: string; body: string }>;
  texts[language] = { ...(texts[language] as { title: string; body: string }), [field]: value };
  return content;
};

interface Case {
  name: string;
  as: Person;
  method: 'get' | 'post';
  path: () => string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  /** The field the problem names (`pointer` of one of its errors), where it is a validation error. */
  pointer?: string;
}

const cases: Case[] = [
  {
    name: 'script in an answer title',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: withText('title', '<script>alert(1)</script>'),
    status: 400,
    pointer: '#/texts/en/title',
  },
  {
    name: 'an event handler in an answer body',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: withText('body', 'Click <img src=x onerror=alert(1)>', 'hu'),
    status: 400,
    pointer: '#/texts/hu/body',
  },
  {
    name: 'a javascript: link in a question',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/questions',
    body: { category: 'billing', texts: { ru: { question: 'javascript:alert(1)', answer: 'x' } } },
    status: 400,
    pointer: '#/texts/ru/question',
  },
  {
    name: 'an oversized body text',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: withText('body', 'a'.repeat(10_001)),
    status: 400,
    pointer: '#/texts/en/body',
  },
  {
    name: 'an oversized title',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: withText('title', 'T'.repeat(201), 'lv'),
    status: 400,
    pointer: '#/texts/lv/title',
  },
  {
    name: 'an unknown language in the texts',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: { ...answerContent(), texts: { de: { title: 'Hallo', body: 'Welt' } } },
    status: 400,
    pointer: '#/texts',
  },
  {
    name: 'an unknown language in a search',
    as: 'agent',
    method: 'get',
    path: () => '/v1/answers?language=de&q=bill',
    status: 400,
    pointer: '#/language',
  },
  {
    name: 'an unknown language in a suggestion',
    as: 'anonymous',
    method: 'get',
    path: () => '/v1/public/questions/suggest?language=xx&text=bill',
    status: 400,
    pointer: '#/language',
  },
  {
    name: 'an unknown placeholder',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: withText('body', 'Dear {customerEmail}', 'ro'),
    status: 400,
    pointer: '#/texts/ro/body',
  },
  {
    name: 'an unpaired placeholder brace',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: withText('title', 'About {reference', 'uk'),
    status: 400,
    pointer: '#/texts/uk/title',
  },
  {
    name: 'no text in any language',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: { category: 'billing', tags: [], texts: {} },
    status: 400,
    pointer: '#/texts',
  },
  {
    name: 'a category that is no slug',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: { ...answerContent(), category: 'Billing & co' },
    status: 400,
    pointer: '#/category',
  },
  {
    name: 'an unknown field',
    as: 'supervisor',
    method: 'post',
    path: () => '/v1/answers',
    body: { ...answerContent(), status: 'published' },
    status: 400,
    pointer: '#/status',
  },
  {
    name: 'a malformed If-Match',
    as: 'supervisor',
    method: 'post',
    path: () => `/v1/answers/${publishedAnswer}/revise`,
    body: answerContent('x'),
    headers: { 'if-match': 'W/"1"' },
    status: 400,
    pointer: '#/if-match',
  },
  {
    name: 'a stale If-Match',
    as: 'supervisor',
    method: 'post',
    path: () => `/v1/answers/${publishedAnswer}/revise`,
    body: answerContent('x'),
    headers: { 'if-match': '"0"' },
    status: 412,
  },
  {
    name: 'a use of a version that does not exist',
    as: 'agent',
    method: 'post',
    path: () => `/v1/answers/${publishedAnswer}/uses`,
    body: { version: 9, complaintId: '0b8f2f3e-3c1d-4f7a-9a51-1d2c3b4a5e63', language: 'en' },
    status: 409,
  },
  {
    name: 'a use with a complaint id that is no UUID',
    as: 'agent',
    method: 'post',
    path: () => `/v1/answers/${publishedAnswer}/uses`,
    body: { version: 1, complaintId: 'C-7KX2-9QMA', language: 'en' },
    status: 400,
    pointer: '#/complaintId',
  },
  {
    name: 'an answer id that is no UUID',
    as: 'agent',
    method: 'get',
    path: () => '/v1/answers/not-a-uuid',
    status: 400,
    pointer: '#/id',
  },
  {
    name: 'an agent drafting an answer',
    as: 'agent',
    method: 'post',
    path: () => '/v1/answers',
    body: answerContent(),
    status: 403,
  },
  {
    name: 'an agent publishing',
    as: 'agent',
    method: 'post',
    path: () => `/v1/answers/${publishedAnswer}/retire`,
    status: 403,
  },
  {
    name: 'no token on an answer',
    as: 'anonymous',
    method: 'get',
    path: () => `/v1/answers/${publishedAnswer}`,
    status: 401,
  },
  {
    name: 'a channel token on the statistics',
    as: 'channel',
    method: 'get',
    path: () => '/v1/stats/deflection',
    status: 403,
  },
  {
    name: 'a vote in a language the question lacks',
    as: 'anonymous',
    method: 'post',
    path: () => `/v1/public/questions/${publishedQuestion}/helped`,
    body: { language: 'lv' },
    status: 409,
  },
  {
    name: 'a vote carrying personal data',
    as: 'anonymous',
    method: 'post',
    path: () => `/v1/public/questions/${publishedQuestion}/helped`,
    body: { language: 'en', email: 'a@example.com' },
    status: 400,
    pointer: '#/email',
  },
  {
    name: 'an oversized suggestion text',
    as: 'anonymous',
    method: 'get',
    path: () => `/v1/public/questions/suggest?language=en&text=${'a'.repeat(2_001)}`,
    status: 400,
    pointer: '#/text',
  },
];

describe('bad input to the knowledge API', () => {
  it('has at least 20 cases', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = (await h.store.readAll()).length;
    const client = h.as(c.as);
    const reply =
      c.method === 'get'
        ? await client.get(c.path(), c.headers)
        : await client.post(c.path(), c.body, c.headers);
    expect(reply.status).toBe(c.status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    if (c.pointer) {
      const errors = (reply.body.errors ?? []) as { pointer: string }[];
      expect(errors.map((e) => e.pointer)).toContain(c.pointer);
    }
    expect((await h.store.readAll()).length).toBe(before);
  });
});
