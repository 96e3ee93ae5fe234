import { portalLinkRequestedSchema, subjects } from '@chp/contracts';
import type { MessagingLogger } from '@chp/messaging';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { type DeliveryDeps, deliver } from '../delivery/index.js';
import type { Directory } from '../directory/index.js';

export interface PortalLinkDeps {
  nc: NatsConnection;
  directory: Directory;
  delivery: DeliveryDeps;
  /** Zone of the link's expiry for customers without one. */
  defaultTimeZone: string;
  logger: MessagingLogger;
}

/**
 * E-mails the portal's one-time links (`intake.events.portal-link-requested`, core NATS, queue group
 * `notifications`: one replica sends each). The address is the complaint's own, from the directory,
 * never one from the request; a complaint without one (or opted out) gets nothing. Sent once per
 * request id through the sent log, and proven by `notifications.events.sent` like every e-mail. A
 * request lost while notifications is down is not retried: the customer asks again.
 */
export function subscribePortalLinks(deps: PortalLinkDeps): Subscription {
  const handle = async (data: Uint8Array) => {
    const parsed = portalLinkRequestedSchema.safeParse(JSON.parse(new TextDecoder().decode(data)));
    if (!parsed.success) {
      deps.logger.warn({ issues: parsed.error.issues.length }, 'portal link request refused: not the schema');
      return;
    }
    const request = parsed.data;
    const entry = await deps.directory.find(request.complaintId);
    const customer = entry?.customer;
    if (!customer?.email || customer.notificationsOptOut === true) return;
    await deliver(
      deps.delivery,
      request.requestId,
      request.complaintId,
      {
        kind: 'send',
        template: 'portal-link',
        recipient: customer.email,
        audience: 'customer',
        language: request.language,
        timeZone: customer.timeZone ?? deps.defaultTimeZone,
        input: {
          template: 'portal-link',
          reference: request.reference,
          complaintId: request.complaintId,
          customerName: customer.name,
          url: request.url,
          expiresAt: request.expiresAt,
        },
      },
      { last: true },
    );
  };
  return deps.nc.subscribe(subjects.intake.portalLinkRequested, {
    queue: 'notifications',
    callback: (error, message) => {
      if (error) {
        deps.logger.warn({ err: error.message }, 'portal link subscription failed');
        return;
      }
      handle(message.data).catch((failure: unknown) =>
        deps.logger.warn(
          { err: failure instanceof Error ? failure.message : String(failure) },
          'portal link not sent',
        ),
      );
    },
  });
}
