import { ContractError, intakePortalDurable, safeParseCloudEvent, streams, subjects } from '@chp/contracts';
import { PersonalDataOpener } from '@chp/eventstore';
import {
  ack,
  type ConsumerRunner,
  type MessagingLogger,
  reject,
  requestDataKeys,
  retry,
  runConsumer,
} from '@chp/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { type AttachmentStore, eraseAttachmentsOn } from '../attachments/index.js';
import type { LinkStore, ViewStore } from './store.js';
import { evolveView, type ViewOptions } from './view.js';

/**
 * Follows COMPLAINTS into the portal's views with the durable `intake-portal`. Each complaint's
 * events apply in stream order, each once: a repeat is acked, a gap is retried until the missing
 * revision has applied, and two replicas writing one view retry on the KV revision.
 */
export function runPortalProjection(options: {
  nc: NatsConnection;
  views: ViewStore;
  links: LinkStore;
  /** The customers' files: deleted with the complaint's personal data on `CustomerDataErased`. */
  attachments: AttachmentStore;
  view: ViewOptions;
  logger?: MessagingLogger;
}): Promise<ConsumerRunner> {
  const opener = new PersonalDataOpener((kids) => requestDataKeys(options.nc, kids));
  return runConsumer({
    nc: options.nc,
    stream: streams.complaints,
    durable: intakePortalDurable.name,
    filterSubject: subjects.complaints.allEvents,
    schema: 'raw',
    deadLetterSubject: subjects.intake.dead('portal'),
    maxDeliver: 50,
    concurrency: 16,
    retryBackoff: { baseMs: 100, maxMs: 5_000 },
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (message) => {
      // The events' personal fields travel sealed: opened with the customer's key, asked of complaints
      // (the stand-ins once the customer was erased), as projections and notifications do.
      let input: unknown = message.data;
      try {
        input = await opener.openCloudEvent(input);
      } catch (error) {
        if (error instanceof ContractError) return reject(`not a complaint event: ${error.message}`);
        throw error;
      }
      const parsed = safeParseCloudEvent(input);
      if (!parsed.success) return reject(`not a complaint event: ${parsed.error.message}`);
      const { event, envelope } = parsed.value;
      const complaintId = envelope.subject ?? '';
      const revision = envelope.streamrevision ?? -1;
      const stored = await options.views.get(complaintId);
      if (stored && revision <= stored.view.revision) return ack();
      if (stored && revision > stored.view.revision + 1)
        return retry(undefined, 'an earlier event of the complaint has not applied yet');
      const next = evolveView(stored?.view, complaintId, event, revision, options.view);
      if (!next) return retry(undefined, 'the complaint has not been filed in the view yet');
      if (event.type === 'CustomerDataErased') {
        await options.links.revoke(complaintId);
        await eraseAttachmentsOn(options.attachments, event, complaintId);
      }
      if (!(await options.views.put(next, stored?.revision ?? 0)))
        return retry(0, 'the view changed meanwhile');
      return ack();
    },
  });
}
