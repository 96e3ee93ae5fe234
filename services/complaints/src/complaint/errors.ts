import { type CloseReason, type ComplaintCommandType, customerLinkRules, KindedError } from '@chp/contracts';
import type { ComplaintStatus } from './state.js';

/**
 * A command that the complaint's rules forbid in its current state (HTTP 409). `rule` is a readable
 * sentence such as "cannot resolve a withdrawn complaint"; the message may add detail.
 */
export class ComplaintRuleViolation extends KindedError {
  override readonly name = 'ComplaintRuleViolation';
  readonly kind = 'illegal_transition';

  constructor(
    readonly command: ComplaintCommandType,
    readonly status: ComplaintStatus,
    readonly rule: string,
    detail?: string,
  ) {
    super(detail === undefined ? rule : `${rule} (${detail})`);
  }
}

/** A command other than `FileComplaint` for a complaint that was never filed (HTTP 404). */
export class ComplaintNotFound extends KindedError {
  override readonly name = 'ComplaintNotFound';
  readonly kind = 'not_found';

  constructor(
    readonly complaintId: string,
    readonly command: ComplaintCommandType,
  ) {
    super(`no complaint ${complaintId} has been filed, so ${command} cannot apply to it`);
  }
}

/**
 * A filing naming a region the chosen SLA policy's calendar does not know (NATS kind `validation`).
 * Refused rather than filed without the region: the regulatory deadline told to the customer would
 * silently ignore that region's holidays.
 */
export class UnknownSlaRegion extends KindedError {
  override readonly name = 'UnknownSlaRegion';
  readonly kind = 'validation';
  override readonly title = 'Unknown SLA region';

  constructor(
    readonly region: string,
    readonly policyId: string,
    readonly policyVersion: number,
    readonly knownRegions: readonly string[],
  ) {
    super(
      `region ${region} is not one the calendar of SLA policy ${policyId} v${policyVersion} knows (known: ${
        knownRegions.join(', ') || 'none'
      }), so its holidays cannot be applied`,
    );
  }
}

const described: Record<Exclude<ComplaintStatus, 'none'>, string> = {
  received: 'a received complaint',
  acknowledged: 'an acknowledged complaint',
  in_progress: 'a complaint in progress',
  awaiting_customer: 'a complaint awaiting the customer',
  resolved: 'a resolved complaint',
  closed: 'a closed complaint',
  withdrawn: 'a withdrawn complaint',
  dismissed: 'a dismissed complaint',
};

/** "a withdrawn complaint", "a complaint in progress", … */
export const describeStatus = (status: Exclude<ComplaintStatus, 'none'>): string => described[status];

const closeReasonWords: Record<CloseReason, string> = {
  accepted: 'accepted',
  no_response: 'no response',
  dismissed: 'dismissed',
  duplicate: 'a duplicate',
};

/** The reopen window: a closed complaint may be reopened for this long after closing. */
export const REOPEN_WINDOW_DAYS = 56;

/** Every rule the decider enforces, as the sentence a 409 names. */
export const rules = {
  /** The rule for a command that its status forbids: "cannot resolve a withdrawn complaint". */
  status: (action: string, status: Exclude<ComplaintStatus, 'none'>) =>
    `cannot ${action} ${describeStatus(status)}`,
  closeFrom: (status: Exclude<ComplaintStatus, 'none'>, reason: CloseReason) =>
    `cannot close ${describeStatus(status)} as ${closeReasonWords[reason]}`,
  acknowledgeTwice: 'cannot acknowledge a complaint twice',
  respondByPast: 'cannot ask the customer to respond by a time already past',
  escalateNotUpward: 'cannot escalate to a level the complaint has already reached',
  holdingReplyNotPsd2: 'cannot send a PSD2 holding reply for a complaint not under PSD2',
  holdingReplyTwice: 'cannot send a holding reply twice',
  holdingReplyLate: 'cannot send a holding reply once the 15-business-day deadline has passed',
  breachUnknownTarget: 'cannot record an SLA breach of a target the complaint does not have',
  breachAfterEnd: 'cannot record an SLA breach of a target due after the complaint ended',
  breachNotDue: 'cannot record an SLA breach before the target is due',
  breachMetOnTime: 'cannot record an SLA breach of a target met on time',
  breachNotBinding: 'cannot record an SLA breach of a milestone that does not bind',
  firstContactAfterContact:
    'cannot resolve at first contact a complaint that asked the customer for information or was reopened',
  rejectAccepted: 'cannot reject a resolution the customer has accepted',
  reopenWindow: `cannot reopen a complaint closed more than ${REOPEN_WINDOW_DAYS} days ago`,
  closeAcceptedUnaccepted: 'cannot close as accepted a resolution the customer has not accepted',
  closeNoResponseAccepted: 'cannot close for no response a resolution the customer has accepted',
  closeNoResponseEarly: "cannot close for no response before the customer's reply is due",
  duplicateOfItself: 'cannot close a complaint as a duplicate of itself',
  duplicateUnlinked: 'cannot close as a duplicate of a complaint that is not linked',
  satisfactionChange: 'cannot change the satisfaction score of a resolution once recorded',
  linkItself: 'cannot link a complaint to itself',
  linkOtherRelation: 'cannot link complaints already linked with another relation; unlink first',
  unlinkUnknown: 'cannot unlink a complaint that is not linked',
  unlinkDuplicateOf: 'cannot unlink the complaint this one was closed as a duplicate of',
  sourceRequired: "cannot record the customer's act on their behalf without its source (such as 'by phone')",
  satisfactionCustomerAnswered:
    'cannot record a satisfaction score on behalf of a customer who has answered for this resolution',
  linkSuperseded: customerLinkRules.superseded,
  linkRevoked: customerLinkRules.revoked,
  revokeWithoutLinks: 'cannot revoke customer links of a complaint with no resolution sent with links',
  eraseUnderLegalHold:
    "cannot erase the customer's personal data while a legal hold is in force; lift it first",
} as const;
