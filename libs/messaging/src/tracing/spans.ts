import { type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** The tracer of this library; a no-op until the OpenTelemetry SDK is started (libs/platform). */
export const tracer = trace.getTracer('@chp/messaging');

/** Semantic-convention attributes of a NATS span. */
export function messagingAttributes(subject: string, operation: string) {
  return {
    'messaging.system': 'nats',
    'messaging.destination.name': subject,
    'messaging.operation.name': operation,
  };
}

export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}
