import { randomUUID } from 'node:crypto';
import { opaqueId } from '@chp/contracts';
import { currentTraceparent, HttpProblem } from '@chp/platform';
import type { Request } from 'express';
import { z } from 'zod';

export const headersSchema = z.object({
  'idempotency-key': z.uuid().optional(),
  'x-correlation-id': opaqueId().optional(),
});

function headerProblem(error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => ({
    in: 'headers',
    pointer: `#/${String(issue.path[0])}`,
    detail: issue.message,
    code: issue.code,
  }));
  return new HttpProblem({
    status: 400,
    kind: 'validation',
    title: 'Invalid request',
    detail: `Invalid header${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.pointer.slice(2)).join(', ')}`,
    extensions: { errors },
  });
}

/**
 * The command id (the `Idempotency-Key` header when given, so a client's retry of the same request
 * is applied once; a fresh UUID otherwise), the correlation id (`X-Correlation-Id`, else the command
 * id) and the active trace.
 */
export function commandMetadataFrom(
  req: Request,
  actor: { id: string; role: 'agent' | 'supervisor' | 'admin' },
) {
  const parsed = headersSchema.safeParse({
    'idempotency-key': req.header('idempotency-key'),
    'x-correlation-id': req.header('x-correlation-id'),
  });
  if (!parsed.success) throw headerProblem(parsed.error);
  const commandId = parsed.data['idempotency-key'] ?? randomUUID();
  const traceparent = currentTraceparent();
  return {
    commandId,
    actor,
    correlationId: parsed.data['x-correlation-id'] ?? commandId,
    ...(traceparent === undefined ? {} : { traceparent }),
  };
}
