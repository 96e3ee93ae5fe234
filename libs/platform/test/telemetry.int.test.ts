import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { Express } from 'express';
import {
  createHttpApp,
  createLogger,
  currentTraceparent,
  type Logger,
  SpanKind,
  startTelemetry,
  type Telemetry,
  withSpan,
} from '../src/index.js';
import { type Running, serve } from './support.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number; message?: string };
  attributes: { key: string; value: OtlpValue }[];
  events?: { name: string; attributes: { key: string; value: OtlpValue }[] }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

/** A stand-in OpenTelemetry collector: records OTLP/HTTP JSON trace exports. */
async function otlpSink() {
  const exports: OtlpExport[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      if (req.url === '/v1/traces') exports.push(JSON.parse(body) as OtlpExport);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    exports,
    spans: () => exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))),
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections(); // the exporter keeps its connection alive
      }),
  };
}

function attribute(attributes: { key: string; value: OtlpValue }[], key: string): unknown {
  const value = attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}

function instrumentedApp(logger: Logger): Express {
  const app = createHttpApp({ service: 'telemetry-test', logger });
  app.get('/v1/things/:id', async (_req, res) => {
    const traceparent = await withSpan(
      'store.read',
      { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql' } },
      async () => {
        logger.info('reading');
        return currentTraceparent();
      },
    );
    res.json({ traceparent });
  });
  app.post('/v1/publish', async () => {
    await withSpan('nats.publish', { kind: SpanKind.PRODUCER }, () => {
      throw new Error('nats is down');
    });
  });
  return app;
}

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().trim().split('\n')) lines.push(JSON.parse(line));
  });
  return { lines, logger: createLogger({ service: 'telemetry-test', level: 'info', destination }) };
}

const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
const callerSpan = '00f067aa0ba902b7';
const traceparent = `00-${callerTrace}-${callerSpan}-01`;

describe('OpenTelemetry with an OTLP endpoint', () => {
  let sink: Awaited<ReturnType<typeof otlpSink>>;
  let telemetry: Telemetry;
  let api: Running;
  const logs = captureLogs();

  beforeAll(async () => {
    sink = await otlpSink();
    telemetry = startTelemetry({ serviceName: 'telemetry-test', version: '1.2.3', endpoint: sink.url });
    api = await serve(instrumentedApp(logs.logger));
  });
  afterAll(async () => {
    await api.close();
    await telemetry.shutdown();
    await sink.close();
  });

  it('exports server spans continuing the caller trace, store and NATS spans, and stamps logs', async () => {
    expect(telemetry.enabled).toBe(true);
    const res = await fetch(`${api.url}/v1/things/42`, { headers: { traceparent } });
    const body = (await res.json()) as { traceparent: string };
    expect((await fetch(`${api.url}/v1/publish`, { method: 'POST' })).status).toBe(500);
    await telemetry.shutdown(); // flushes the batch to the sink

    const spans = sink.spans();
    const server = spans.find((s) => s.name === 'GET /v1/things/:id');
    const store = spans.find((s) => s.name === 'store.read');
    expect(server).toMatchObject({ traceId: callerTrace, parentSpanId: callerSpan, kind: 2 });
    expect(attribute(server!.attributes, 'http.route')).toBe('/v1/things/:id');
    expect(attribute(server!.attributes, 'http.response.status_code')).toBe(200);
    expect(store).toMatchObject({ traceId: callerTrace, parentSpanId: server!.spanId, kind: 3 });
    expect(attribute(store!.attributes, 'db.system')).toBe('postgresql');
    expect(body.traceparent).toBe(`00-${callerTrace}-${store!.spanId}-01`);

    const reading = logs.lines.find((line) => line.msg === 'reading');
    expect(reading).toMatchObject({
      trace_id: callerTrace,
      span_id: store!.spanId,
      service: 'telemetry-test',
    });

    const publish = spans.find((s) => s.name === 'nats.publish');
    expect(publish).toMatchObject({ kind: 4, status: { code: 2, message: 'nats is down' } });
    expect(publish!.events?.[0]?.name).toBe('exception');
    expect(attribute(publish!.events![0]!.attributes, 'exception.message')).toBe('nats is down');
    const postServer = spans.find((s) => s.name === 'POST /v1/publish');
    expect(postServer?.status?.code).toBe(2);

    const resource = sink.exports[0]!.resourceSpans[0]!.resource.attributes;
    expect(attribute(resource, 'service.name')).toBe('telemetry-test');
    expect(attribute(resource, 'service.version')).toBe('1.2.3');
  });
});

describe('OpenTelemetry without an endpoint', () => {
  it('exports nothing, yet carries the caller trace id into logs', async () => {
    const telemetry = startTelemetry({ serviceName: 'telemetry-test', endpoint: '' });
    const logs = captureLogs();
    const api = await serve(instrumentedApp(logs.logger));
    try {
      expect(telemetry.enabled).toBe(false);
      const res = await fetch(`${api.url}/v1/things/1`, { headers: { traceparent } });
      expect(((await res.json()) as { traceparent: string }).traceparent).toBe(traceparent);
      expect(logs.lines.find((line) => line.msg === 'reading')).toMatchObject({
        trace_id: callerTrace,
        span_id: callerSpan,
      });
      await fetch(`${api.url}/v1/things/2`);
      expect(logs.lines.filter((line) => line.msg === 'reading')[1]).not.toHaveProperty('trace_id');
    } finally {
      await api.close();
      await telemetry.shutdown();
    }
  });
});
