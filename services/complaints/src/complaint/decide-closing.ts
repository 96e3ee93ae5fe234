// The end of a complaint, and the way back: close, withdraw, reopen.
import type { CloseComplaint, ComplaintEvent, ReopenComplaint, WithdrawComplaint } from '@chp/contracts';
import { type DecideContext, ms, requireStatus, stamp, violation, withDeadlines } from './decision.js';
import { REOPEN_WINDOW_DAYS, rules } from './errors.js';
import { compact } from './evolve.js';
import { activeLinks, type FiledComplaint, isOpen, OPEN_STATUSES } from './state.js';

const DAY_MS = 86_400_000;

/**
 * - `accepted`: a resolved complaint whose resolution the customer accepted;
 * - `no_response`: a resolved complaint the customer never answered, or one awaiting the customer
 *   past the request's `respondBy`;
 * - `dismissed` and `duplicate`: any open complaint; a duplicate names a linked complaint other than itself.
 */
export function close(
  command: CloseComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const { complaintId, reason, duplicateOf, note } = command.data;
  const refuse = () => violation(command, state, rules.closeFrom(state.status, reason));
  switch (reason) {
    case 'accepted':
      if (state.status !== 'resolved') throw refuse();
      if (state.resolution.acceptedAt === undefined)
        throw violation(command, state, rules.closeAcceptedUnaccepted);
      break;
    case 'no_response':
      if (state.status === 'resolved') {
        if (state.resolution.acceptedAt !== undefined)
          throw violation(command, state, rules.closeNoResponseAccepted);
      } else if (state.status === 'awaiting_customer') {
        const { respondBy } = state.openRequest;
        if (respondBy === undefined || ms(respondBy) > ms(context.now)) {
          const detail = respondBy === undefined ? 'the request set no respondBy' : `reply due ${respondBy}`;
          throw violation(command, state, rules.closeNoResponseEarly, detail);
        }
      } else throw refuse();
      break;
    case 'dismissed':
      if (!isOpen(state)) throw refuse();
      break;
    case 'duplicate':
      if (!isOpen(state)) throw refuse();
      if (duplicateOf === complaintId) throw violation(command, state, rules.duplicateOfItself);
      if (!activeLinks(state).some((link) => link.complaintId === duplicateOf)) {
        throw violation(command, state, rules.duplicateUnlinked, `link ${duplicateOf ?? '(none)'} first`);
      }
      break;
    default: {
      const unknown: never = reason;
      throw new RangeError(`unknown close reason ${String(unknown)}`);
    }
  }
  return [
    { type: 'ComplaintClosed', data: compact({ ...stamp(command, context), reason, duplicateOf, note }) },
  ];
}

/** Only while the complaint is open (not resolved, not ended). */
export function withdraw(
  command: WithdrawComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, OPEN_STATUSES, 'withdraw');
  return [
    {
      type: 'ComplaintWithdrawn',
      data: compact({ ...stamp(command, context), reason: command.data.reason }),
    },
  ];
}

/** A resolved complaint, or a closed one within {@link REOPEN_WINDOW_DAYS} days of closing; back to in progress. */
export function reopen(
  command: ReopenComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, ['resolved', 'closed'], 'reopen');
  if (state.status === 'closed' && ms(context.now) - ms(state.closure.at) > REOPEN_WINDOW_DAYS * DAY_MS) {
    throw violation(command, state, rules.reopenWindow, `closed ${state.closure.at}`);
  }
  const event = {
    type: 'ComplaintReopened' as const,
    data: { ...stamp(command, context), reason: command.data.reason },
  };
  return [withDeadlines(state, event, context)];
}
