// The knowledge API against a real event store and read model (PostgreSQL or PGlite) and a real
// nats-server: given requests, then the replies, the read model and the CloudEvents on NATS.
import { cloudEventSchema, knowledgeEventTypes, streams } from '@chp/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import { answerContent, COMPLAINT_ID, questionContent } from './fixtures.js';
import { type Harness, startHarness } from './support/harness.js';

let h: Harness;
let events: Subscription;
const seen: { type: string; subject: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  h = await startHarness({ nats: true });
  const nc = h.nc;
  if (!nc) throw new Error('the harness has no NATS connection');
  events = nc.subscribe('knowledge.events.>');
  void (async () => {
    for await (const message of events) {
      const event = cloudEventSchema.parse(message.json());
      seen.push({ type: event.type, subject: message.subject, data: event.data as Record<string, unknown> });
    }
  })();
}, 60_000);
afterAll(async () => {
  events?.unsubscribe();
  await h?.close();
});

async function eventually(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; seen ${JSON.stringify(seen.map((s) => s.type))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a standard answer from draft to use', () => {
  let id: string;

  it('a supervisor drafts it: 201 with Location and ETag "0", and StandardAnswerDrafted on NATS', async () => {
    const reply = await h.as('supervisor').post('/v1/answers', answerContent('Refund of a double charge'));
    expect(reply.status).toBe(201);
    id = reply.body.id as string;
    expect(reply.headers.get('etag')).toBe('"0"');
    expect(reply.headers.get('location')).toBe(`/v1/answers/${id}`);
    await eventually(
      () => seen.some((e) => e.type === 'knowledge.StandardAnswerDrafted.v1'),
      'the drafted event',
    );
    expect(seen.find((e) => e.type === 'knowledge.StandardAnswerDrafted.v1')?.subject).toBe(
      'knowledge.events.StandardAnswerDrafted',
    );
  });

  it('agents do not see the draft; supervisors do', async () => {
    expect((await h.as('agent').get(`/v1/answers/${id}`)).status).toBe(404);
    const search = await h.as('agent').get('/v1/answers?language=en&q=refund');
    expect(search.body.items).toEqual([]);
    const mine = await h.as('supervisor').get('/v1/answers?language=en&q=refund');
    expect((mine.body.items as { id: string }[]).map((item) => item.id)).toEqual([id]);
  });

  it('publishes with If-Match, and agents then find it in every language', async () => {
    const published = await h
      .as('supervisor')
      .post(`/v1/answers/${id}/publish`, undefined, { 'if-match': '"0"' });
    expect(published.status).toBe(200);
    expect(published.headers.get('etag')).toBe('"1"');
    const read = await h.as('agent').get(`/v1/answers/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'published', liveVersion: 1 });
    for (const language of ['en', 'uk', 'ru', 'hu', 'lv', 'ro']) {
      const found = await h.as('agent').get(`/v1/answers?language=${language}&q=double`);
      expect({ language, ids: (found.body.items as { id: string }[]).map((item) => item.id) }).toEqual({
        language,
        ids: [id],
      });
    }
  });

  it('a change to the published answer is version 2; version 1 stays as it was and live', async () => {
    const revised = await h
      .as('supervisor')
      .post(`/v1/answers/${id}/revise`, answerContent('Refund made'), { 'if-match': '"1"' });
    expect(revised.status).toBe(200);
    expect(revised.body.events).toEqual([{ type: 'StandardAnswerRevised', version: 2 }]);
    const read = await h.as('supervisor').get(`/v1/answers/${id}`);
    expect(read.body).toMatchObject({ liveVersion: 1, draftVersion: 2 });
    const versions = read.body.versions as { version: number; texts: { en: { title: string } } }[];
    expect(versions.map((v) => [v.version, v.texts.en.title])).toEqual([
      [1, 'Refund of a double charge (en)'],
      [2, 'Refund made (en)'],
    ]);
  });

  it('a stale If-Match is 412 and stores nothing', async () => {
    const before = await h.store.readStream(`knowledge-answer-${id}`);
    const stale = await h
      .as('supervisor')
      .post(`/v1/answers/${id}/publish`, undefined, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ expectedRevision: 0, currentRevision: 2 });
    expect(await h.store.readStream(`knowledge-answer-${id}`)).toHaveLength(before.length);
  });

  it('an agent records the version a complaint used, and the statistics count it per version', async () => {
    const used = await h
      .as('agent')
      .post(`/v1/answers/${id}/uses`, { version: 1, complaintId: COMPLAINT_ID, language: 'hu' });
    expect(used.status).toBe(201);
    await h
      .as('agent')
      .post(`/v1/answers/${id}/uses`, { version: 1, complaintId: COMPLAINT_ID, language: 'en' });
    const draftUse = await h
      .as('agent')
      .post(`/v1/answers/${id}/uses`, { version: 2, complaintId: COMPLAINT_ID, language: 'en' });
    expect(draftUse.status).toBe(409);
    expect(draftUse.body.rule).toBe('version_not_published');
    const stats = await h.as('supervisor').get(`/v1/stats/answer-usage?answerId=${id}`);
    expect(stats.body.items).toEqual([expect.objectContaining({ answerId: id, version: 1, uses: 2 })]);
    // The ETag is the answer's own: uses do not move it.
    expect((await h.as('supervisor').get(`/v1/answers/${id}`)).headers.get('etag')).toBe('"2"');
    await eventually(
      () => seen.filter((e) => e.type === 'knowledge.StandardAnswerUsed.v1').length === 2,
      'two uses',
    );
    expect(seen.find((e) => e.type === 'knowledge.StandardAnswerUsed.v1')?.data).toEqual({
      answerId: id,
      version: 1,
      complaintId: COMPLAINT_ID,
      language: 'hu',
      by: { id: 'agent-alice', role: 'agent' },
      at: expect.any(String),
    });
  });

  it('retiring hides it from agents', async () => {
    expect((await h.as('supervisor').post(`/v1/answers/${id}/retire`)).status).toBe(200);
    expect((await h.as('agent').get(`/v1/answers/${id}`)).status).toBe(404);
    expect((await h.as('agent').get('/v1/answers?language=en&q=refund')).body.items).toEqual([]);
  });
});

describe('typical questions on the portal', () => {
  let id: string;

  it('the public reads published questions only, in their language, with no token', async () => {
    const drafted = await h
      .as('supervisor')
      .post('/v1/questions', questionContent('How do I pay my bill?', ['en', 'ro']));
    id = drafted.body.id as string;
    expect((await h.as('anonymous').get('/v1/public/questions?language=en')).body.items).toEqual([]);
    await h.as('supervisor').post(`/v1/questions/${id}/publish`);
    const en = await h.as('anonymous').get('/v1/public/questions?language=en&category=billing');
    expect(en.status).toBe(200);
    expect(en.body.items).toEqual([
      {
        id,
        version: 1,
        category: 'billing',
        language: 'en',
        question: 'How do I pay my bill? (en)',
        answer: 'By card or transfer.',
      },
    ]);
    expect((await h.as('anonymous').get('/v1/public/questions?language=hu')).body.items).toEqual([]);
  });

  it('suggests questions matching what a customer typed, and counts "this answered my question"', async () => {
    const suggested = await h
      .as('anonymous')
      .get(
        `/v1/public/questions/suggest?language=ro&text=${encodeURIComponent('Vreau să știu cum să plătesc factura, how pay bill')}`,
      );
    expect(suggested.status).toBe(200);
    expect((suggested.body.items as { id: string }[]).map((item) => item.id)).toEqual([id]);
    const helped = await h.as('anonymous').post(`/v1/public/questions/${id}/helped`, { language: 'ro' });
    expect(helped.status).toBe(204);
    const deflection = await h.as('supervisor').get('/v1/stats/deflection');
    expect(deflection.body).toEqual({
      total: { shown: 1, helped: 1, rate: 1 },
      byLanguage: [{ language: 'ro', shown: 1, helped: 1, rate: 1 }],
    });
    await eventually(() => seen.some((e) => e.type === 'knowledge.TypicalQuestionHelped.v1'), 'the vote');
    // Nothing of the visitor: the question, version, language and time.
    expect(
      Object.keys(seen.find((e) => e.type === 'knowledge.TypicalQuestionHelped.v1')?.data ?? {}).sort(),
    ).toEqual(['at', 'language', 'questionId', 'version']);
  });

  it('keeps the portal to reads: supervisors alone author questions', async () => {
    expect((await h.as('agent').post('/v1/questions', questionContent())).status).toBe(403);
    expect((await h.as('anonymous').get('/v1/questions?language=en')).status).toBe(401);
  });
});

describe('the starter set', () => {
  it('loads 10 answers and 10 questions once; a second load changes nothing', async () => {
    const first = await h.as('supervisor').post('/v1/starter-set');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      answers: { published: 10, unchanged: 0 },
      questions: { published: 10, unchanged: 0 },
    });
    const second = await h.as('admin').post('/v1/starter-set');
    expect(second.body).toEqual({
      answers: { published: 0, unchanged: 10 },
      questions: { published: 0, unchanged: 10 },
    });
    const metering = await h.as('anonymous').get('/v1/public/questions?language=lv&category=metering');
    expect(metering.body.items).toHaveLength(3);
  });

  it('is on the KNOWLEDGE stream, every event type in the catalogue', async () => {
    const jsm = await jetstreamManager(h.nc as NonNullable<Harness['nc']>);
    const info = await jsm.streams.info(streams.knowledge);
    expect(info.state.messages).toBeGreaterThanOrEqual(40);
    expect(new Set(seen.map((e) => e.type.split('.')[1])).size).toBeLessThanOrEqual(
      knowledgeEventTypes.length,
    );
  });
});
