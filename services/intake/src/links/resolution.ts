import { linkResolutionRequestSchema, linkResolutionSchema, subjects } from '@chp/contracts';
import { NoRespondersError, RequestFailedError, RequestTimeoutError, request } from '@chp/messaging';
import type { CustomerLinkPayload } from '@chp/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import type { LiveResolution } from './page.js';

/**
 * What a verified link acts on, asked of complaints (`complaints.query.link-resolution`): the link's
 * own complaint and resolution, nothing else. `ended` when a later resolution superseded the link or
 * its links were revoked; `unanswered` when complaints could not answer, and the page shows the form
 * alone (the answer is refused later if the link no longer acts).
 */
export async function resolutionOfLink(
  deps: { nc: NatsConnection; timeoutMs: number },
  link: CustomerLinkPayload,
): Promise<{ kind: 'live'; resolution: LiveResolution } | { kind: 'ended' } | { kind: 'unanswered' }> {
  try {
    const answer = await request(
      deps.nc,
      subjects.complaints.linkResolution,
      { complaintId: link.complaintId, resolutionId: link.resolutionId },
      {
        requestSchema: linkResolutionRequestSchema,
        replySchema: linkResolutionSchema,
        timeoutMs: deps.timeoutMs,
      },
    );
    return answer.status === 'live' ? { kind: 'live', resolution: answer } : { kind: 'ended' };
  } catch (error) {
    if (
      error instanceof NoRespondersError ||
      error instanceof RequestTimeoutError ||
      error instanceof RequestFailedError
    ) {
      return { kind: 'unanswered' };
    }
    throw error;
  }
}
