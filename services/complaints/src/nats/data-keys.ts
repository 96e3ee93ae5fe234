import { type DataKeysReply, dataKeysReplySchema, dataKeysRequestSchema, subjects } from '@chp/contracts';
import type { KeyStore } from '@chp/eventstore';
import { type MessagingLogger, type Service, serve } from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { COMMAND_QUEUE } from './commands.js';

/**
 * `complaints.keys.get`: the data keys that open the sealed personal fields of the events the relay
 * publishes, for projections and notifications (only they may ask, only complaints may answer: the
 * permission table). A deleted key answers `erased`, so the consumers keep the stand-ins.
 */
export function serveDataKeys(deps: {
  nc: NatsConnection;
  keys: KeyStore;
  logger?: MessagingLogger;
}): Service {
  return serve(deps.nc, subjects.complaints.dataKeys, {
    queue: COMMAND_QUEUE,
    requestSchema: dataKeysRequestSchema,
    replySchema: dataKeysReplySchema,
    ...(deps.logger ? { logger: deps.logger } : {}),
    handler: async (request): Promise<DataKeysReply> => {
      const kids = [...new Set(request.kids)];
      const found = await Promise.all(kids.map((kid) => deps.keys.getKey(kid)));
      const keys: DataKeysReply['keys'] = {};
      kids.forEach((kid, index) => {
        const key = found[index];
        keys[kid] = key === undefined ? null : key === 'erased' ? 'erased' : key.toString('base64');
      });
      return { keys };
    },
  });
}
