import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Histogram, type Registry, register } from 'prom-client';
import { routeOf } from './route.js';

const durationName = 'http_request_duration_seconds';

// Several apps in one process (tests) share the default registry; registering twice throws.
function requestDuration(): Histogram<'method' | 'route' | 'status_code'> {
  const existing = register.getSingleMetric(durationName);
  if (existing) return existing as Histogram<'method' | 'route' | 'status_code'>;
  return new Histogram({
    name: durationName,
    help: 'HTTP request duration in seconds, by route pattern, method and status code',
    labelNames: ['method', 'route', 'status_code'],
  });
}

let defaultsCollected = false;

/** Process metrics (CPU, memory, event loop lag, GC) on the default registry, once per process. */
export function ensureDefaultMetrics(): void {
  if (defaultsCollected || register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics();
  defaultsCollected = true;
}

/** Observes every request's duration when its response finishes. */
export function httpMetrics(): RequestHandler {
  const histogram = requestDuration();
  return (req, res, next) => {
    const end = histogram.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routeOf(req), status_code: String(res.statusCode) });
    });
    next();
  };
}

/** `GET /metrics`: Prometheus text of `registry` (the default registry, where every lib registers). */
export function metricsHandler(registry: Registry = register): RequestHandler {
  return async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
}
