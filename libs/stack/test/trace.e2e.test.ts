// One submission, one trace: with OTEL_EXPORTER_OTLP_ENDPOINT pointed at an OTLP/HTTP receiver in
// this test, the spans of intake, complaints (the filing and the store append), the relay's publish,
// projections and notifications (the SMTP send) all carry the same trace id, and each span's parent
// is a span of that trace. The exporter posts JSON (`application/json`) to `<endpoint>/v1/traces`.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, samples } from '@chp/stack';
import { type E2E, startE2E } from './support/e2e.js';

jest.setTimeout(300_000);

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
}
interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}

/** A received span with its resource's `service.name` and its attributes as plain values. */
interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, AttributeValue>;
}
type AttributeValue = string | number | boolean | AttributeValue[] | undefined;

const plainValue = (value: OtlpValue): AttributeValue =>
  value.stringValue ??
  (value.intValue === undefined ? undefined : Number(value.intValue)) ??
  value.boolValue ??
  value.doubleValue ??
  value.arrayValue?.values?.map(plainValue);

const attributesOf = (attributes: OtlpAttribute[] | undefined) =>
  Object.fromEntries((attributes ?? []).map((a) => [a.key, plainValue(a.value)]));

// The JSON encoding of OTLP writes ids as hex; a protobuf-ish base64 would be 24/12 characters.
const hexId = (id: string, bytes: number) => {
  if (new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(id)) return id;
  const decoded = Buffer.from(id, 'base64');
  if (decoded.length !== bytes) throw new Error(`not a ${bytes}-byte id: ${id}`);
  return decoded.toString('hex');
};

/** An OTLP/HTTP (JSON) trace receiver: POST /v1/traces, every span kept. */
async function otlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) {
        res.writeHead(415).end(`only OTLP JSON here, not ${type}`);
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              service,
              scope: scopeSpans.scope?.name ?? '',
              traceId: hexId(span.traceId, 16),
              spanId: hexId(span.spanId, 8),
              parentSpanId: span.parentSpanId ? hexId(span.parentSpanId, 8) : undefined,
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
let e2e: E2E;

beforeAll(async () => {
  receiver = await otlpReceiver();
  e2e = await startE2E({
    // The BatchSpanProcessor exports every 5 s by default; sooner keeps the test short.
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' },
  });
});

afterAll(async () => {
  await e2e?.stop();
  await receiver?.close();
});

/** OTLP span kinds, as the JSON encoding numbers them. */
const kind = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

const show = (spans: readonly ReceivedSpan[]) =>
  spans
    .map(
      (s) =>
        `${s.service} "${s.name}" kind=${s.kind} trace=${s.traceId} span=${s.spanId} parent=${s.parentSpanId ?? '-'}`,
    )
    .join('\n');

const randomHex = (bytes: number) =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');

test('one submission yields one trace across intake, complaints, the relay, projections and notifications', async () => {
  const sample = samples.find((s) => s.language === 'en') ?? samples[0]!;
  const run = Date.now().toString(36);
  const email = `trace.${run}@customers.example`;
  // The channel's own span: intake continues it, so the trace id is known before anything is sent.
  const traceId = randomHex(16);
  const channelSpanId = randomHex(8);
  const answer = await e2e.client.submit(
    {
      channel: 'web',
      externalRef: `trace-${run}`,
      customer: { name: sample.name, email, preferredLanguage: sample.language },
      subject: sample.subject,
      description: sample.description,
    },
    `trace-${run}`,
    { traceparent: `00-${traceId}-${channelSpanId}-01` },
  );
  expect(answer.status).toBe(201);
  const { complaintId } = answer.body;
  const stream = `complaint-${complaintId}`;

  const mail = await eventually('the acknowledgement e-mail', async () =>
    e2e.smtp.messages.find((m) => m.envelope.to.includes(email)),
  );

  const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
  const find = (
    spans: readonly ReceivedSpan[],
    service: string,
    name: string,
    spanKind: number,
    attributes: Record<string, AttributeValue> = {},
  ) =>
    spans.find(
      (s) =>
        s.service === service &&
        s.name === name &&
        s.kind === spanKind &&
        Object.entries(attributes).every(([key, value]) => s.attributes[key] === value),
    );
  // Each span exports when it ends, in batches per process: wait for the whole story, parents included.
  const expected = (spans: readonly ReceivedSpan[]) => ({
    intakeRequest: find(spans, 'intake', 'POST /v1/complaints', kind.server, {
      'http.route': '/v1/complaints',
    }),
    intakeCommand: find(spans, 'intake', 'complaints.cmd.file request', kind.client),
    filing: find(spans, 'complaints', 'complaints.cmd.file process', kind.server),
    append: find(spans, 'complaints', 'event store append', kind.client, { 'chp.stream.name': stream }),
    relayPublish: find(spans, 'complaints', 'complaints.events.ComplaintFiled publish', kind.producer),
    projection: find(spans, 'projections', 'complaints.events.ComplaintFiled process', kind.consumer, {
      'messaging.consumer.group.name': 'projections',
      'chp.consumer.outcome': 'ack',
    }),
    notification: find(spans, 'notifications', 'complaints.events.ComplaintFiled process', kind.consumer, {
      'messaging.consumer.group.name': 'notifications',
      'chp.consumer.outcome': 'ack',
    }),
    smtpSend: find(spans, 'notifications', 'smtp send', kind.client, {
      'chp.mail.template': 'complaint-acknowledgement',
      'chp.mail.message_id': mail.parsed.messageId,
    }),
    // The report of the send comes back to complaints, whose CustomerNotified stays in the trace too.
    report: find(spans, 'complaints', 'notifications.events.sent process', kind.consumer),
    notifiedPublish: find(spans, 'complaints', 'complaints.events.CustomerNotified publish', kind.producer),
  });
  const trace = await eventually(
    'every span of the submission, with its parent, at the receiver',
    async () => {
      const spans = inTrace();
      const found = expected(spans);
      const ids = new Set(spans.map((s) => s.spanId));
      const complete =
        Object.values(found).every((span) => span !== undefined) &&
        spans.every((s) => s.parentSpanId === channelSpanId || ids.has(s.parentSpanId ?? ''));
      return complete ? { spans, ...(found as { [K in keyof typeof found]: ReceivedSpan }) } : undefined;
    },
    120_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nspans received:\n${show(receiver.spans)}`);
  });

  // One trace, rooted in intake's request (the channel's span is its parent, outside the product).
  const roots = trace.spans.filter((s) => s.parentSpanId === channelSpanId);
  expect(roots).toEqual([trace.intakeRequest]);
  expect(new Set(trace.spans.map((s) => s.service))).toEqual(
    new Set(['intake', 'complaints', 'projections', 'notifications']),
  );
  // The chain: request -> command -> filing -> append; filing -> relay publish -> both consumers -> SMTP.
  expect(trace.intakeCommand.parentSpanId).toBe(trace.intakeRequest.spanId);
  expect(trace.filing.parentSpanId).toBe(trace.intakeCommand.spanId);
  expect(trace.append.parentSpanId).toBe(trace.filing.spanId);
  expect(trace.append.attributes['chp.event.types']).toEqual(['ComplaintFiled']);
  // The relay runs apart from the command: it continues the traceparent stored in the event's metadata.
  expect(trace.relayPublish.parentSpanId).toBe(trace.filing.spanId);
  expect(trace.projection.parentSpanId).toBe(trace.relayPublish.spanId);
  expect(trace.notification.parentSpanId).toBe(trace.relayPublish.spanId);
  expect(trace.smtpSend.parentSpanId).toBe(trace.notification.spanId);
  expect(trace.notifiedPublish.parentSpanId).toBe(trace.report.spanId);

  // No span of this complaint's path went to another trace: only this complaint was submitted, so
  // every store append and every event publish or consumption the receiver saw is in this one.
  const complaintPath = receiver.spans.filter(
    (s) =>
      s.name === 'event store append' ||
      s.name === 'smtp send' ||
      /^(complaints|notifications)\.events\.\S+ (publish|process)$/.test(s.name),
  );
  expect(complaintPath.filter((s) => s.traceId !== traceId)).toEqual([]);
});
