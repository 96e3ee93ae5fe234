import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export type { Span };
export { SpanKind, SpanStatusCode };

/** The instrumentation scope of spans made by this kit. */
export const tracerName = '@chp/platform';

export interface TelemetryOptions {
  serviceName: string;
  version?: string;
  /** OTLP/HTTP base URL; `process.env.OTEL_EXPORTER_OTLP_ENDPOINT` by default. */
  endpoint?: string | undefined;
}

export interface Telemetry {
  /** True when spans are recorded and exported. */
  readonly enabled: boolean;
  /** Flushes pending spans and unregisters the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry. With an endpoint, a NodeSDK exports traces over OTLP/HTTP to
 * `<endpoint>/v1/traces` (traces only: metrics are Prometheus, logs are pino). Without one nothing
 * is recorded or exported, but the context manager and W3C propagator are still installed, so a
 * caller's `traceparent` flows through to logs and outgoing messages. Call it first in `main`.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const endpoint = options.endpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const enabled = endpoint !== undefined && endpoint.trim() !== '';
  const sdk = enabled
    ? new NodeSDK({
        resource: defaultResource().merge(
          resourceFromAttributes({
            [ATTR_SERVICE_NAME]: options.serviceName,
            ...(options.version ? { [ATTR_SERVICE_VERSION]: options.version } : {}),
          }),
        ),
        traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
        metricReaders: [],
        logRecordProcessors: [],
        instrumentations: [],
      })
    : new NodeSDK({
        spanProcessors: [],
        metricReaders: [],
        logRecordProcessors: [],
        autoDetectResources: false,
      });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    enabled,
    shutdown() {
      stopped ??= sdk.shutdown().finally(() => {
        // NodeSDK leaves its globals registered; clearing them lets a process (or test) start again.
        trace.disable();
        context.disable();
        propagation.disable();
      });
      return stopped;
    },
  };
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context, e.g. extracted from a NATS message's headers; the active context by default. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new active span (around a NATS publish, a consume, a store call). A throw is
 * recorded on the span with status ERROR and rethrown; the span always ends.
 */
export function withSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  const tracer = trace.getTracer(tracerName);
  const spanOptions = {
    kind: options.kind ?? SpanKind.INTERNAL,
    ...(options.attributes ? { attributes: options.attributes } : {}),
  };
  return tracer.startActiveSpan(name, spanOptions, options.parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      span.recordException(err);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C `traceparent` of the active span, for event metadata; undefined outside a trace. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}
