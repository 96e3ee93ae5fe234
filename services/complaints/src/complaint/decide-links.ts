// Links between complaints, and proof that the customer was told.
import type {
  ComplaintEvent,
  LinkComplaints,
  RecordCustomerNotification,
  RevokeCustomerLinks,
  UnlinkComplaints,
} from '@chp/contracts';
import { type DecideContext, stamp, violation } from './decision.js';
import { rules } from './errors.js';
import { compact } from './evolve.js';
import { activeLinks, type FiledComplaint } from './state.js';

/** In any status. Linking again with the same relation is an idempotent repeat; another relation needs an unlink first. */
export function link(
  command: LinkComplaints,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const { complaintId, linkedComplaintId, linkedReference, relation } = command.data;
  if (linkedComplaintId === complaintId || linkedReference === state.reference) {
    throw violation(command, state, rules.linkItself);
  }
  const existing = activeLinks(state).find((l) => l.complaintId === linkedComplaintId);
  if (existing !== undefined) {
    if (existing.relation === relation) return [];
    throw violation(command, state, rules.linkOtherRelation, `linked as ${existing.relation}`);
  }
  return [
    {
      type: 'ComplaintsLinked',
      data: { ...stamp(command, context), linkedComplaintId, linkedReference, relation },
    },
  ];
}

/**
 * Only a complaint that was linked; unlinking again is an idempotent repeat. The complaint a closed
 * duplicate names stays linked: reopen first.
 */
export function unlink(
  command: UnlinkComplaints,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const { linkedComplaintId, reason } = command.data;
  const existing = state.links.find((l) => l.complaintId === linkedComplaintId);
  if (existing === undefined) throw violation(command, state, rules.unlinkUnknown);
  if (existing.unlinkedAt !== undefined) return [];
  if (state.status === 'closed' && state.closure.duplicateOf === linkedComplaintId) {
    throw violation(command, state, rules.unlinkDuplicateOf);
  }
  return [
    {
      type: 'ComplaintsUnlinked',
      data: compact({
        ...stamp(command, context),
        linkedComplaintId,
        linkedReference: existing.reference,
        reason,
      }),
    },
  ];
}

/** In any status (a closing e-mail is sent after closing); once per notification id. */
export function recordNotification(
  command: RecordCustomerNotification,
  state: FiledComplaint,
): ComplaintEvent[] {
  const { complaintId: _complaint, ...report } = command.data;
  if (state.notificationIds.includes(report.notificationId)) return [];
  // `at` is when the message was sent or given up on, as the notifications service reported it.
  return [{ type: 'CustomerNotified', data: { by: command.metadata.actor, ...report } }];
}

/**
 * The customer links of the current resolution stop acting (accept, reject and survey alike). Only
 * a resolution sent with links (one that has an id); revoking again is an idempotent repeat. Links
 * of an earlier resolution are already superseded, and a later resolution's links are new.
 */
export function revokeCustomerLinks(
  command: RevokeCustomerLinks,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const resolution = state.resolution;
  if (resolution?.id === undefined) throw violation(command, state, rules.revokeWithoutLinks);
  if (resolution.linksRevokedAt !== undefined) return [];
  return [
    {
      type: 'CustomerLinksRevoked',
      data: { ...stamp(command, context), resolutionId: resolution.id, reason: command.data.reason },
    },
  ];
}
