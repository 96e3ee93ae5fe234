import { headers as createHeaders, Match, type MsgHdrs } from '@nats-io/transport-node';
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

const setter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const getter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  get: (carrier, key) => {
    const values = carrier.values(key, Match.IgnoreCase);
    return values.length > 1 ? values : values[0];
  },
};

/**
 * Writes the trace context of `ctx` (default: the active one) into NATS headers, through the
 * globally registered propagator (W3C `traceparent`/`tracestate` once the OpenTelemetry SDK runs).
 */
export function injectTraceContext(
  target: MsgHdrs = createHeaders(),
  ctx: Context = context.active(),
): MsgHdrs {
  propagation.inject(ctx, target, setter);
  return target;
}

/** The context carried by a message's headers, to parent the span that handles it. */
export function extractTraceContext(source: MsgHdrs | undefined): Context {
  return source ? propagation.extract(ROOT_CONTEXT, source, getter) : ROOT_CONTEXT;
}

// Reads the headers only when a propagator asks: decoding them costs on every message otherwise.
const lazyGetter: TextMapGetter<{ readonly headers: MsgHdrs | undefined }> = {
  keys: (carrier) => carrier.headers?.keys() ?? [],
  get: (carrier, key) => (carrier.headers ? getter.get(carrier.headers, key) : undefined),
};

/** Like {@link extractTraceContext}, for a message whose headers are decoded on first access. */
export function extractTraceContextFrom(message: { readonly headers: MsgHdrs | undefined }): Context {
  return propagation.extract(ROOT_CONTEXT, message, lazyGetter);
}

/** All headers as a plain record (values are lists, as NATS headers may repeat). */
export function headersToRecord(source: MsgHdrs | undefined): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  if (!source) return record;
  for (const key of source.keys()) record[key] = source.values(key);
  return record;
}
