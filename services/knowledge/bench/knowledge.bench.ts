// `npm run bench -- knowledge`: on PostgreSQL (DATABASE_URL or the local server; a schema of its
// own, dropped after) fills the read model with BENCH_ANSWERS (10,000) published standard answers in
// all six languages (through the projection's own apply path, in transactions of 500), then measures
// p50/p95/p99 of ranked full text search through the real HTTP app (an agent's GET /v1/answers in a
// random language with two words of that language), and of the portal's suggestions over
// BENCH_QUESTIONS (1,000) typical questions. Ends with one JSON line. Calibration: the CPU workload and PostgreSQL's raw
// inserts. BENCH_SAMPLES (300) per measure.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  type AnswerContent,
  type KnowledgeLanguage,
  knowledgeLanguages,
  type QuestionContent,
} from '@chp/contracts';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { listen, signToken, urlOf } from '@chp/platform';
import {
  calibrate,
  describeMachine,
  percentileOfSorted,
  postgresServer,
  printBenchResult,
} from '@chp/testing';
import type { KnowledgeHandler } from '../src/application/index.js';
import { createKnowledgeApp } from '../src/http/index.js';
import { applyEvent, migrate } from '../src/read-model/index.js';
import { starterAnswers, starterQuestions } from '../src/starter/index.js';

const answers = Number(process.env.BENCH_ANSWERS ?? 10_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
// The portal's typical questions: a directory has hundreds, not thousands.
const questions = Number(process.env.BENCH_QUESTIONS ?? 1_000);
const secret = 'knowledge-bench-secret-of-at-least-32-chars';
const at = new Date().toISOString();
const by = { id: 'bench', role: 'supervisor' as const };

// A deterministic generator, so that runs compare.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** The words of the starter set per language: the vocabulary of generated texts and of queries. */
const vocabulary = Object.fromEntries(
  knowledgeLanguages.map((language) => {
    const texts = [
      ...starterAnswers.map((a) => `${a.content.texts[language]?.title} ${a.content.texts[language]?.body}`),
      ...starterQuestions.map(
        (q) => `${q.content.texts[language]?.question} ${q.content.texts[language]?.answer}`,
      ),
    ].join(' ');
    const words = (texts.replace(/\{[A-Za-z]+\}/g, ' ').match(/[\p{L}]{4,}/gu) ?? []).map((w) =>
      w.toLowerCase(),
    );
    return [language, [...new Set(words)]];
  }),
) as Record<KnowledgeLanguage, string[]>;

const words = (language: KnowledgeLanguage, n: number) =>
  Array.from({ length: n }, () => pick(vocabulary[language])).join(' ');

function answerOf(n: number): AnswerContent {
  const template = starterAnswers[n % starterAnswers.length]?.content as AnswerContent;
  const texts = Object.fromEntries(
    knowledgeLanguages.map((language) => {
      const text = template.texts[language] as { title: string; body: string };
      return [
        language,
        { title: `${text.title} ${words(language, 2)}`, body: `${text.body} ${words(language, 40)}` },
      ];
    }),
  );
  return { category: template.category, tags: template.tags, texts };
}

function questionOf(n: number): QuestionContent {
  const template = starterQuestions[n % starterQuestions.length]?.content as QuestionContent;
  const texts = Object.fromEntries(
    knowledgeLanguages.map((language) => {
      const text = template.texts[language] as { question: string; answer: string };
      return [
        language,
        {
          question: `${text.question} ${words(language, 2)}`,
          answer: `${text.answer} ${words(language, 15)}`,
        },
      ];
    }),
  );
  return { category: template.category, tags: template.tags, texts };
}

async function fill(db: SqlDriver): Promise<number> {
  const began = performance.now();
  const chunk = 500;
  for (let made = 0; made < answers; made += chunk) {
    await db.transaction(async (tx) => {
      for (let n = made; n < Math.min(made + chunk, answers); n++) {
        const answerId = randomUUID();
        await applyEvent(tx, {
          type: 'StandardAnswerDrafted',
          data: { answerId, version: 1, content: answerOf(n), by, at },
        });
        await applyEvent(tx, { type: 'StandardAnswerPublished', data: { answerId, version: 1, by, at } });
        const questionId = randomUUID();
        await applyEvent(tx, {
          type: 'TypicalQuestionDrafted',
          data: { questionId, version: 1, content: questionOf(n), by, at },
        });
        await applyEvent(tx, { type: 'TypicalQuestionPublished', data: { questionId, version: 1, by, at } });
      }
    });
  }
  // As autovacuum would leave a directory between edits: publishing rewrote every row once.
  await db.exec('VACUUM ANALYZE kn_search');
  await db.exec('VACUUM ANALYZE kn_entries');
  return performance.now() - began;
}

async function timed(
  url: string,
  paths: () => string,
  token?: string,
): Promise<{ p50: number; p95: number; p99: number; hits: number }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  for (let i = 0; i < 20; i++) await (await fetch(`${url}${paths()}`, { headers })).text(); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < samples; i++) {
    const began = performance.now();
    const response = await fetch(`${url}${paths()}`, { headers });
    const body = (await response.json()) as { items?: unknown[] };
    times.push(performance.now() - began);
    if (!response.ok) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
    if ((body.items?.length ?? 0) > 0) hits++;
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    p50: round(percentileOfSorted(times, 50)),
    p95: round(percentileOfSorted(times, 95)),
    p99: round(percentileOfSorted(times, 99)),
    hits: hits / samples,
  };
}

async function main(): Promise<void> {
  console.log(describeMachine());
  const calibration = await calibrate({ postgres: true });
  const server = await postgresServer();
  if (!server.available) throw new Error(`the knowledge bench needs PostgreSQL: ${server.reason}`);
  const db = await openSqlDriver(server.url);
  let http: Server | undefined;
  try {
    await migrate(db);
    const fillMs = await fill(db);
    console.log(
      `filled ${answers} answers and ${questions} questions in six languages in ${Math.round(fillMs)} ms`,
    );
    const app = createKnowledgeApp({
      handler: {} as KnowledgeHandler,
      db,
      projector: { caughtUp: async () => true },
      auth: { secret },
    });
    http = await listen(app, 0, '127.0.0.1');
    const url = urlOf(http);
    const agent = await signToken({ secret, subject: 'bench-agent', roles: ['agent'] });
    const search = await timed(
      url,
      () => {
        const language = pick(knowledgeLanguages);
        return `/v1/answers?language=${language}&q=${encodeURIComponent(words(language, 2))}&limit=20`;
      },
      agent,
    );
    console.log(
      `search over ${answers} answers: p50 ${search.p50} ms, p95 ${search.p95} ms, p99 ${search.p99} ms (${Math.round(search.hits * 100)}% found something)`,
    );
    const suggest = await timed(url, () => {
      const language = pick(knowledgeLanguages);
      return `/v1/public/questions/suggest?language=${language}&text=${encodeURIComponent(words(language, 8))}`;
    });
    console.log(
      `suggestions over ${questions} questions: p50 ${suggest.p50} ms, p95 ${suggest.p95} ms, p99 ${suggest.p99} ms`,
    );
    printBenchResult({
      suite: 'knowledge',
      context: { store: 'postgres' },
      metrics: {
        answers,
        questions,
        samples,
        fill_ms: Math.round(fillMs),
        search_p50_ms: search.p50,
        search_p95_ms: search.p95,
        search_p99_ms: search.p99,
        search_hit_rate: search.hits,
        suggest_p50_ms: suggest.p50,
        suggest_p95_ms: suggest.p95,
        suggest_p99_ms: suggest.p99,
      },
      calibration,
      ratios: { search_p95_ms: 'cpu_ms', suggest_p95_ms: 'cpu_ms', fill_ms: 'cpu_ms' },
    });
  } finally {
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    await db.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
