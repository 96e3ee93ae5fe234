// Full text search in each of the six languages over the starter set, on PGlite (the embedded
// default): an inflected query finds the entry written in that language, ranked first.
import type { KnowledgeLanguage } from '@chp/contracts';
import { searchEntries } from '../src/read-model/index.js';
import { loadStarterSet } from '../src/starter/index.js';
import { type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ use: 'pglite' });
  const report = await loadStarterSet(h.handler, { id: 'starter', role: 'supervisor' });
  if (report.position) await h.projector.caughtUp(report.position);
}, 60_000);
afterAll(async () => h?.close());

const DOUBLE_CHARGE = '5a0e0000-0000-4000-8000-0000000000a2';
const LATE_DELIVERY = '5a0e0000-0000-4000-8000-0000000000a6';
const METER_READING_Q = '5a0e0000-0000-4000-8000-0000000000b8';
const ESTIMATED_Q = '5a0e0000-0000-4000-8000-0000000000b9';

// Queries as people type them: other word forms than the texts use.
const answerQueries: [KnowledgeLanguage, string, string][] = [
  ['en', 'refunds for payments charged twice', DOUBLE_CHARGE],
  ['uk', 'подвійне списання', DOUBLE_CHARGE],
  ['ru', 'двойное списание', DOUBLE_CHARGE],
  ['hu', 'kétszer levont összegek', DOUBLE_CHARGE],
  ['lv', 'divreiz ieturēts maksājums', DOUBLE_CHARGE],
  ['ro', 'plată încasată de două ori', DOUBLE_CHARGE],
  ['en', 'delayed deliveries', LATE_DELIVERY],
  ['uk', 'затримка доставки', LATE_DELIVERY],
  ['ru', 'задерживается доставка', LATE_DELIVERY],
  ['hu', 'késik a kiszállítás', LATE_DELIVERY],
  ['lv', 'piegāde kavējas', LATE_DELIVERY],
  ['ro', 'livrare întârziată', LATE_DELIVERY],
];

const suggestQueries: [KnowledgeLanguage, string, string][] = [
  ['en', 'how can I submit my meter readings', METER_READING_Q],
  ['uk', 'як передати показники лічильника', METER_READING_Q],
  ['ru', 'как передать показания счётчика', METER_READING_Q],
  ['hu', 'hogyan diktálhatom be a mérőállásomat', METER_READING_Q],
  ['lv', 'kā iesniegt skaitītāja rādījumus', METER_READING_Q],
  ['ro', 'cum transmit indexul contorului', METER_READING_Q],
  ['en', 'estimated readings on my bill', ESTIMATED_Q],
  ['ru', 'расчётное показание', ESTIMATED_Q],
  ['hu', 'becsült mérőállások', ESTIMATED_Q],
  ['ro', 'indexuri estimate', ESTIMATED_Q],
];

describe('search in each language', () => {
  it.each(answerQueries)('%s: "%s" finds the answer first', async (language, text, expected) => {
    const hits = await searchEntries(h.db, {
      kind: 'answer',
      language,
      text,
      statuses: ['published'],
      match: 'all',
      limit: 5,
    });
    expect(hits[0]?.id).toBe(expected);
  });

  it.each(suggestQueries)(
    '%s: the portal suggests for "%s" the right question first',
    async (language, text, expected) => {
      const hits = await searchEntries(h.db, {
        kind: 'question',
        language,
        text,
        statuses: ['published'],
        match: 'any',
        limit: 5,
      });
      expect(hits[0]?.id).toBe(expected);
    },
  );

  it('does not mix languages: a Russian query finds nothing among the Ukrainian texts', async () => {
    const hits = await searchEntries(h.db, {
      kind: 'answer',
      language: 'uk',
      text: 'двойное списание',
      statuses: ['published'],
      match: 'all',
      limit: 5,
    });
    expect(hits).toEqual([]);
  });

  it('treats typed tsquery syntax as words', async () => {
    const hits = await searchEntries(h.db, {
      kind: 'answer',
      language: 'en',
      text: "refund & !( | ' :* <->",
      statuses: ['published'],
      match: 'all',
      limit: 5,
    });
    expect(hits[0]?.id).toBe(DOUBLE_CHARGE);
  });
});
