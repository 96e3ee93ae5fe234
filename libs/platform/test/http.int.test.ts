import { PassThrough } from 'node:stream';
import { Router } from 'express';
import { z } from 'zod';
import { createHttpApp, createLogger, HttpProblem, registerProblemMapper, validate } from '../src/index.js';
import { body, postJson, type Running, serve } from './support.js';

class RevisionConflict extends Error {
  constructor(readonly expected: number) {
    super(`expected revision ${expected}`);
  }
}
class StaleWrite extends RevisionConflict {}

const FileComplaint = z
  .object({
    customer: z.object({ name: z.string().min(1), email: z.email() }),
    subject: z.string().min(3).max(200),
    priority: z.enum(['low', 'normal', 'high']),
  })
  .strict();

function complaintsRouter(): Router {
  const router = Router();
  router.post('/', (req, res) => {
    res.status(201).json(validate(FileComplaint, req.body, 'body'));
  });
  router.get('/', (req, res) => {
    const query = validate(z.object({ limit: z.coerce.number().int().max(100) }), req.query, 'query');
    res.json(query);
  });
  router.post('/:id/close', () => {
    throw new HttpProblem({
      status: 409,
      kind: 'illegal-transition',
      title: 'Illegal transition',
      detail: 'A received complaint cannot be closed',
      extensions: { rule: 'close-requires-resolved' },
    });
  });
  router.post('/:id/resolve', async () => {
    throw new StaleWrite(7);
  });
  router.get('/:id/crash', async () => {
    throw new Error('connection to postgres://admin:hunter2@db failed');
  });
  router.get('/:id/query', async () => {
    // What PGlite throws: the SQL state, and the query's parameters hung on the error.
    throw Object.assign(
      new Error('invalid input syntax for type timestamp with time zone: "ada@example.com"'),
      {
        code: '22007',
        query: 'SELECT 1 WHERE x = $1',
        params: ['ada@example.com', 'my broken boiler'],
      },
    );
  });
  return router;
}

describe('the express kit: problem+json', () => {
  const lines: string[] = [];
  let api: Running;

  beforeAll(async () => {
    registerProblemMapper(RevisionConflict, (error) => ({
      status: 412,
      kind: 'wrong-revision',
      title: 'Precondition Failed',
      detail: error.message,
    }));
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
    const logger = createLogger({ service: 'test', level: 'info', destination });
    const app = createHttpApp({ service: 'test', logger, bodyLimit: '1kb' });
    app.use('/v1/complaints', complaintsRouter());
    api = await serve(app);
  });
  afterAll(() => api.close());

  it('accepts a valid body', async () => {
    const complaint = {
      customer: { name: 'Ada', email: 'ada@example.com' },
      subject: 'Late refund',
      priority: 'high',
    };
    const res = await postJson(`${api.url}/v1/complaints`, complaint);
    expect(res.status).toBe(201);
    expect(await body(res)).toEqual(complaint);
  });

  it('rejects a malformed body with 400 naming every bad field by its path', async () => {
    const res = await postJson(`${api.url}/v1/complaints`, {
      customer: { email: 'not-an-email' },
      subject: 'x',
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(res);
    expect(problem).toMatchObject({
      type: 'urn:chp:problem:validation',
      title: 'Invalid request',
      status: 400,
      instance: '/v1/complaints',
    });
    const byPointer = Object.fromEntries((problem.errors ?? []).map((e) => [e.pointer, e]));
    expect(Object.keys(byPointer).sort()).toEqual([
      '#/colour',
      '#/customer/email',
      '#/customer/name',
      '#/priority',
      '#/subject',
    ]);
    expect(byPointer['#/customer/name']).toMatchObject({ in: 'body', detail: 'is required' });
    expect(byPointer['#/priority']?.detail).toBe('is required');
    expect(byPointer['#/colour']?.detail).toBe('is not an allowed field');
    expect(byPointer['#/subject']?.detail).toMatch(/3/);
    expect(problem.detail).toContain('5 invalid fields');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await postJson(`${api.url}/v1/complaints`, '{"subject": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await body(res)).toMatchObject({ type: 'urn:chp:problem:malformed-json', status: 400 });
  });

  it('rejects a body over the limit with 413', async () => {
    const res = await postJson(`${api.url}/v1/complaints`, { subject: 'x'.repeat(2_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await body(res)).toMatchObject({
      type: 'urn:chp:problem:payload-too-large',
      status: 413,
      detail: 'The request body is larger than the limit of 1024 bytes',
    });
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await fetch(`${api.url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    expect((await body(res)).type).toBe('urn:chp:problem:unsupported-media-type');
  });

  it('validates the query string and points at the parameter', async () => {
    const res = await fetch(`${api.url}/v1/complaints?limit=lots`);
    expect(res.status).toBe(400);
    const problem = await body(res);
    expect(problem.errors).toEqual([
      expect.objectContaining({ in: 'query', pointer: '#/limit', code: 'invalid_type' }),
    ]);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await fetch(`${api.url}/v1/nothing-here?x=1`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await body(res)).toEqual({
      type: 'urn:chp:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No route for GET /v1/nothing-here',
      instance: '/v1/nothing-here',
    });
  });

  it('turns a domain HttpProblem into its status with its extensions', async () => {
    const res = await postJson(`${api.url}/v1/complaints/42/close`, {});
    expect(res.status).toBe(409);
    expect(await body(res)).toEqual({
      type: 'urn:chp:problem:illegal-transition',
      title: 'Illegal transition',
      status: 409,
      detail: 'A received complaint cannot be closed',
      instance: '/v1/complaints/42/close',
      rule: 'close-requires-resolved',
    });
  });

  it('maps a registered error class, and its subclasses, once', async () => {
    const res = await postJson(`${api.url}/v1/complaints/42/resolve`, {});
    expect(res.status).toBe(412);
    expect(await body(res)).toMatchObject({
      type: 'urn:chp:problem:wrong-revision',
      detail: 'expected revision 7',
    });
    expect(() => registerProblemMapper(RevisionConflict, () => ({ status: 409, kind: 'other' }))).toThrow(
      /already registered for RevisionConflict/,
    );
  });

  it('hides unknown errors behind a 500 and logs them', async () => {
    const res = await fetch(`${api.url}/v1/complaints/42/crash`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:chp:problem:internal', status: 500 });
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request failed');
    // The route pattern, never the path (a path may hold an e-mail address or a link's token).
    expect(logged).toMatchObject({ level: 'error', service: 'test' });
    // Of a router mounted under a prefix, express keeps only the router's own pattern by then.
    expect(logged.route).toMatch(/\/:id\/crash$/);
    expect(JSON.stringify(logged)).not.toContain('/42/');
    expect(logged.err.message).toContain('hunter2');
  });

  it('logs a database error without its parameters or the value its message quotes', async () => {
    const res = await fetch(`${api.url}/v1/complaints/7/query?customer=ada%40example.com&q=boiler`);
    expect(res.status).toBe(500);
    const logged = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request failed')
      .at(-1);
    expect(logged).toMatchObject({ route: '/:id/query', err: { code: '22007' } });
    expect(logged.err.message).toBe('invalid input syntax for type timestamp with time zone: "…"');
    const text = JSON.stringify(logged);
    for (const secret of ['ada@example.com', 'ada%40example.com', 'boiler', 'SELECT']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('the express kit: hostile bodies', () => {
  let api: Running;
  beforeAll(async () => {
    const app = createHttpApp({ service: 'test' });
    app.use('/v1/complaints', complaintsRouter());
    api = await serve(app);
  });
  afterAll(() => api.close());

  const send = (raw: Buffer | string) =>
    fetch(`${api.url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });

  it('refuses a body nested 6,000 deep with a 400 naming the problem, before parsing', async () => {
    const res = await send(`${'['.repeat(6_000)}${']'.repeat(6_000)}`);
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({
      type: 'urn:chp:problem:validation',
      errors: [{ in: 'body', pointer: '#', detail: 'is nested deeper than 64 levels', code: 'too_deep' }],
    });
  });

  it('refuses invalid UTF-8 instead of replacing it', async () => {
    const res = await send(Buffer.from([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({
      errors: [{ in: 'body', pointer: '#', detail: 'is not valid UTF-8', code: 'invalid_utf8' }],
    });
  });
});

describe('the express kit: /metrics behind a token', () => {
  let api: Running;
  const token = 'metrics-token-for-the-test-0123456789';
  beforeAll(async () => {
    api = await serve(createHttpApp({ service: 'test', metricsToken: token }));
  });
  afterAll(() => api.close());

  it('answers 401 without the token, or with another, and the metrics with it', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('process_cpu_user_seconds_total');
  });
});
