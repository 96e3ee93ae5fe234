import { dataKeysReplySchema, dataKeysRequestSchema, subjects } from '@chp/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import { request } from './request.js';

/**
 * Asks complaints (`complaints.keys.get`) for the data keys that open the personal fields of
 * published events: each id maps to its key, `erased`, or undefined when complaints knows no such
 * key. Only the projections and notifications users may ask (the permission table).
 */
export async function requestDataKeys(
  nc: NatsConnection,
  kids: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<Map<string, Buffer | 'erased' | undefined>> {
  const reply = await request(
    nc,
    subjects.complaints.dataKeys,
    { kids: [...kids] },
    {
      requestSchema: dataKeysRequestSchema,
      replySchema: dataKeysReplySchema,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
  );
  return new Map(
    kids.map((kid) => {
      const key = reply.keys[kid];
      return [kid, key === 'erased' ? key : typeof key === 'string' ? Buffer.from(key, 'base64') : undefined];
    }),
  );
}
