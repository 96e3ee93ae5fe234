// The resolution and the customer's answer to it: resolve, accept, reject, satisfaction.
import type {
  AcceptResolution,
  ComplaintEvent,
  RecordSatisfaction,
  RejectResolution,
  ResolveComplaint,
} from '@chp/contracts';
import { onBehalf, requireLiveLink, requireSource } from './customer-acts.js';
import { type DecideContext, requireStatus, stamp, violation, withDeadlines } from './decision.js';
import { rules } from './errors.js';
import { compact, evolve } from './evolve.js';
import type { FiledComplaint } from './state.js';

/** The reason recorded on the `ComplaintReopened` that follows a rejected resolution. */
export const REJECTED_REOPEN_REASON = 'The customer rejected the resolution.';

/**
 * From acknowledged, in progress or awaiting the customer (a resolution ends the pause). A
 * first-contact resolution cannot follow a question to the customer or a reopen: both mean more
 * than one contact, and the first-contact rate is a service-standard measure.
 */
export function resolve(
  command: ResolveComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, ['acknowledged', 'in_progress', 'awaiting_customer'], 'resolve');
  const { summary, outcome, remedies, firstContact, resolutionId } = command.data;
  if (firstContact && (state.pauses.length > 0 || state.reopenCount > 0)) {
    throw violation(command, state, rules.firstContactAfterContact);
  }
  return [
    {
      type: 'ComplaintResolved',
      data: compact({ ...stamp(command, context), summary, outcome, remedies, firstContact, resolutionId }),
    },
  ];
}

/** The customer's act as an event's fields: the source staff named, the resolution a link named. */
const actFields = (command: AcceptResolution | RejectResolution | RecordSatisfaction) => ({
  source: command.data.source,
  resolutionId: command.data.resolutionId,
});

/**
 * Only a resolved complaint. Accepting again (also after closing as accepted) is an idempotent
 * repeat, except that the customer's own acceptance after one staff recorded for them is recorded.
 */
export function acceptResolution(
  command: AcceptResolution,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireLiveLink(command, state);
  requireSource(command, state);
  const current =
    state.status === 'resolved' || (state.status === 'closed' && state.closure.reason === 'accepted');
  const accepted = {
    type: 'ResolutionAccepted' as const,
    data: compact({ ...stamp(command, context), comment: command.data.comment, ...actFields(command) }),
  };
  if (current && state.resolution?.acceptedAt !== undefined) {
    const confirms = !onBehalf(command) && state.resolution.acceptanceSource !== undefined;
    return confirms ? [accepted] : [];
  }
  requireStatus(command, state, ['resolved'], 'accept the resolution of');
  return [accepted];
}

/**
 * Only a resolved complaint whose resolution was not accepted; the complaint reopens at once. The
 * customer's own rejection overrides an acceptance that staff recorded for them.
 */
export function rejectResolution(
  command: RejectResolution,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireLiveLink(command, state);
  requireSource(command, state);
  requireStatus(command, state, ['resolved'], 'reject the resolution of');
  const { acceptedAt, acceptanceSource } = state.resolution;
  if (acceptedAt !== undefined && (onBehalf(command) || acceptanceSource === undefined)) {
    throw violation(command, state, rules.rejectAccepted);
  }
  const rejected = {
    type: 'ResolutionRejected' as const,
    data: compact({ ...stamp(command, context), reason: command.data.reason, ...actFields(command) }),
  };
  const reopened = {
    type: 'ComplaintReopened' as const,
    data: { ...stamp(command, context), reason: REJECTED_REOPEN_REASON },
  };
  return [rejected, withDeadlines(evolve(state, rejected), reopened, context)];
}

/**
 * One score per resolution, once the complaint is resolved (or closed after a resolution). The same
 * score again is an idempotent repeat (a survey link clicked twice); a different one is refused.
 * A score staff recorded for the customer (with its source) does not stop the customer's own: that
 * is recorded as well and then stands; staff cannot record over the customer's own answer.
 */
export function recordSatisfaction(
  command: RecordSatisfaction,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireLiveLink(command, state);
  requireSource(command, state);
  const { score, comment } = command.data;
  const afterResolution =
    state.status === 'resolved' ||
    (state.status === 'closed' &&
      (state.closure.reason === 'accepted' || state.closure.reason === 'no_response'));
  if (!afterResolution || state.resolution === undefined) {
    const detail =
      state.status === 'closed' ? `closed as ${state.closure.reason}, without a resolution` : undefined;
    throw violation(command, state, rules.status('record satisfaction for', state.status), detail);
  }
  const previous = state.satisfaction;
  const recorded = {
    type: 'SatisfactionRecorded' as const,
    data: compact({ ...stamp(command, context), score, comment, ...actFields(command) }),
  };
  if (previous !== undefined && previous.resolution === state.resolution.number) {
    const customerAnswers = !onBehalf(command);
    if (customerAnswers && previous.source !== undefined) return [recorded];
    if (previous.score === score) return [];
    if (!customerAnswers && previous.source === undefined) {
      throw violation(
        command,
        state,
        rules.satisfactionCustomerAnswered,
        `the customer gave ${previous.score}`,
      );
    }
    throw violation(command, state, rules.satisfactionChange, `recorded ${previous.score}, now ${score}`);
  }
  return [recorded];
}
