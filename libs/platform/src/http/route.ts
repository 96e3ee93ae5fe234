import type { Request } from 'express';

/**
 * The route pattern that answered (`/v1/complaints/:id`), never the raw path: raw paths would give
 * metrics and span names one series per complaint id. Unmatched requests share one label.
 */
export function routeOf(req: Request): string {
  const pattern: unknown = req.route?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  const joined = `${req.baseUrl}${pattern === '/' && req.baseUrl ? '' : pattern}`;
  return joined === '' ? '/' : joined;
}
