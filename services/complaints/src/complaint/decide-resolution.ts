// The resolution and the customer's answer to it: resolve, accept, reject, satisfaction.
import type {
  AcceptResolution,
  ComplaintEvent,
  RecordSatisfaction,
  RejectResolution,
  ResolveComplaint,
} from '@chp/contracts';
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
  const { summary, outcome, remedies, firstContact } = command.data;
  if (firstContact && (state.pauses.length > 0 || state.reopenCount > 0)) {
    throw violation(command, state, rules.firstContactAfterContact);
  }
  return [
    {
      type: 'ComplaintResolved',
      data: { ...stamp(command, context), summary, outcome, remedies, firstContact },
    },
  ];
}

/** Only a resolved complaint. Accepting again (also after closing as accepted) is an idempotent repeat. */
export function acceptResolution(
  command: AcceptResolution,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const current =
    state.status === 'resolved' || (state.status === 'closed' && state.closure.reason === 'accepted');
  if (current && state.resolution?.acceptedAt !== undefined) return [];
  requireStatus(command, state, ['resolved'], 'accept the resolution of');
  return [
    {
      type: 'ResolutionAccepted',
      data: compact({ ...stamp(command, context), comment: command.data.comment }),
    },
  ];
}

/** Only a resolved complaint whose resolution was not accepted; the complaint reopens at once. */
export function rejectResolution(
  command: RejectResolution,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, ['resolved'], 'reject the resolution of');
  if (state.resolution.acceptedAt !== undefined) throw violation(command, state, rules.rejectAccepted);
  const rejected = {
    type: 'ResolutionRejected' as const,
    data: { ...stamp(command, context), reason: command.data.reason },
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
 */
export function recordSatisfaction(
  command: RecordSatisfaction,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
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
  if (previous !== undefined && previous.resolution === state.resolution.number) {
    if (previous.score === score) return [];
    throw violation(command, state, rules.satisfactionChange, `recorded ${previous.score}, now ${score}`);
  }
  return [{ type: 'SatisfactionRecorded', data: compact({ ...stamp(command, context), score, comment }) }];
}
