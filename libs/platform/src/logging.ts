import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/index.js';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Where lines go; stdout (synchronously) by default. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

/** The active span's ids, so that a log line can be found from its trace and the other way round. */
function traceFields(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** A pino logger writing JSON lines with `service`, an ISO `time`, a text `level` and trace ids. */
export function createLogger(options: LoggerOptions): Logger {
  const config = {
    level: options.level ?? 'info',
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: traceFields,
  };
  // Synchronous stdout: pino's default async writer can lose or reorder the last lines when the
  // process exits (seen in the shutdown test), which are exactly the lines that explain the exit.
  return pino(config, options.destination ?? pino.destination({ dest: 1, sync: true }));
}
