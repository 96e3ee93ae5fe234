import { Router } from 'express';
import { Counter, register } from 'prom-client';
import { createHttpApp } from '../src/index.js';
import { body, type Running, serve } from './support.js';

describe('/healthz and /readyz', () => {
  let api: Running;
  let databaseUp = true;

  beforeAll(async () => {
    const app = createHttpApp({
      service: 'test',
      readinessTimeoutMs: 200,
      readiness: {
        database: async () => {
          if (!databaseUp) throw new Error('connection refused');
        },
        cache: () => undefined,
        slow: () => (databaseUp ? undefined : new Promise<void>(() => undefined)),
      },
    });
    api = await serve(app);
  });
  afterAll(() => api.close());

  it('reports liveness whatever the dependencies do', async () => {
    databaseUp = false;
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ status: 'ok' });
  });

  it('is ready when every check passes', async () => {
    databaseUp = true;
    const res = await fetch(`${api.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      status: 'ready',
      checks: { database: { status: 'ok' }, cache: { status: 'ok' }, slow: { status: 'ok' } },
    });
  });

  it('answers 503 problem+json naming the failing checks, including one that hangs', async () => {
    databaseUp = false;
    const res = await fetch(`${api.url}/readyz`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(res);
    expect(problem).toMatchObject({
      type: 'urn:chp:problem:not-ready',
      status: 503,
      failing: ['database', 'slow'],
      detail: 'Failing: database (connection refused), slow (timed out after 200 ms)',
    });
    expect((problem.checks as Record<string, unknown>).cache).toEqual({ status: 'ok' });
  });
});

describe('/metrics', () => {
  let api: Running;

  beforeAll(async () => {
    const app = createHttpApp({ service: 'test' });
    const router = Router();
    router.get('/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    app.use('/v1/items', router);
    api = await serve(app);
  });
  afterAll(() => api.close());

  it("exposes other libraries' metrics from the default registry, process metrics and request durations", async () => {
    const widgets = new Counter({ name: 'chp_test_widgets_total', help: 'Widgets seen by the test' });
    try {
      widgets.inc(3);
      await fetch(`${api.url}/v1/items/1`);
      await fetch(`${api.url}/v1/items/2`);
      await fetch(`${api.url}/v1/nowhere`);

      const res = await fetch(`${api.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toContain('# TYPE chp_test_widgets_total counter');
      expect(text).toContain('chp_test_widgets_total 3');
      expect(text).toContain('process_cpu_user_seconds_total');
      // One series per route pattern, not per id.
      expect(text).toContain(
        'http_request_duration_seconds_count{method="GET",route="/v1/items/:id",status_code="200"} 2',
      );
      expect(text).toContain(
        'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1',
      );
    } finally {
      register.removeSingleMetric('chp_test_widgets_total');
    }
  });
});
