// Handling: questions to the customer and their answers, escalation, SLA breaches.
import type {
  ComplaintEvent,
  EscalateComplaint,
  RecordCustomerResponse,
  RecordSlaBreach,
  RequestCustomerInformation,
  SendHoldingReply,
  UnverifiedReason,
} from '@chp/contracts';
import { computeClocks, findPolicy, regulatoryDeadlines } from '../sla/index.js';
import { clockInputOf, deadlinesOf, targetKeyOf } from './clock-input.js';
import { requireSource } from './customer-acts.js';
import { type DecideContext, ms, requireStatus, stamp, violation, withDeadlines } from './decision.js';
import { rules } from './errors.js';
import { compact } from './evolve.js';
import { endedAt, type FiledComplaint, hasEnded, OPEN_STATUSES } from './state.js';

/** From acknowledged or in progress; the complaint then awaits the customer and the operational clock pauses. */
export function requestInformation(
  command: RequestCustomerInformation,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, ['acknowledged', 'in_progress'], 'request customer information on');
  const { requestId, question, respondBy } = command.data;
  if (respondBy !== undefined && ms(respondBy) <= ms(context.now)) {
    throw violation(
      command,
      state,
      rules.respondByPast,
      `respondBy ${respondBy} is not after ${context.now}`,
    );
  }
  return [
    {
      type: 'CustomerInformationRequested',
      data: compact({ ...stamp(command, context), requestId, question, respondBy }),
    },
  ];
}

/**
 * Why a reply with a sender cannot be taken as the customer's own: the sender is not the complaint's
 * customer address (compared without case), or the receiving gateway did not pass its DMARC/DKIM
 * verdict (an absent verdict counts as a failure).
 */
function unverifiedReasons(command: RecordCustomerResponse, state: FiledComplaint): UnverifiedReason[] {
  const { from, authenticated } = command.data;
  if (from === undefined) return [];
  const reasons: UnverifiedReason[] = [];
  if (state.customer.email === undefined || from.toLowerCase() !== state.customer.email.toLowerCase()) {
    reasons.push('sender_not_customer');
  }
  if (authenticated !== true) reasons.push('authentication_failed');
  return reasons;
}

/**
 * One contact, one thread: a customer's reply is recorded in any status, because replies must never
 * be lost. Only a reply to a complaint awaiting the customer changes anything else: it answers the
 * open request, resumes the clock, and carries the deadlines the pause moved. A reply that cannot be
 * shown to come from the customer is `UnverifiedResponseReceived` instead: kept for agents, flagged,
 * and it answers nothing and moves no clock. Staff record a response only with its source.
 */
export function recordResponse(
  command: RecordCustomerResponse,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireSource(command, state);
  const { requestId, message, channel, externalRef, attachments, from, source } = command.data;
  const reasons = unverifiedReasons(command, state);
  if (from !== undefined && reasons.length > 0) {
    return [
      {
        type: 'UnverifiedResponseReceived',
        data: compact({
          ...stamp(command, context),
          from,
          reasons,
          message,
          channel,
          externalRef,
          attachments,
        }),
      },
    ];
  }
  const awaiting = state.status === 'awaiting_customer';
  const event = {
    type: 'CustomerResponded' as const,
    data: compact({
      ...stamp(command, context),
      requestId: requestId ?? (awaiting ? state.openRequest.requestId : undefined),
      message,
      channel,
      externalRef,
      attachments,
      from,
      source,
    }),
  };
  return [awaiting ? withDeadlines(state, event, context) : event];
}

/**
 * Only upward, to at most level 3 (the contracts bound it), and not once the complaint has ended.
 * The very escalation the complaint is at (same level, reason and addressee) is an idempotent repeat.
 */
export function escalate(
  command: EscalateComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  if (hasEnded(state)) throw violation(command, state, rules.status('escalate', state.status));
  const { level, reason, to, note } = command.data;
  const current = state.escalation;
  if (level === current.level && reason === current.reason && to === current.to) return [];
  if (level <= current.level) {
    throw violation(
      command,
      state,
      rules.escalateNotUpward,
      `asked for level ${level}, it is at level ${current.level}`,
    );
  }
  return [
    { type: 'ComplaintEscalated', data: compact({ ...stamp(command, context), level, reason, to, note }) },
  ];
}

/**
 * Records a missed target, once per (target, due time). The clocks must agree that the target was
 * missed while the complaint was open: a breach the SLA monitor computed from a stale view (a pause
 * it had not seen, a target met meanwhile) is refused.
 */
export function recordBreach(
  command: RecordSlaBreach,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const { target, dueAt } = command.data;
  if (state.breaches.some((b) => b.target === target && ms(b.dueAt) === ms(dueAt))) return [];
  const { operational, regulatory } = computeClocks(
    clockInputOf(state, context.policies),
    new Date(context.now),
  );
  const clock = [...operational, ...regulatory].find((c) => c.key === targetKeyOf(target));
  if (clock === undefined) throw violation(command, state, rules.breachUnknownTarget, `no ${target} target`);
  const end = endedAt(state);
  if (end !== undefined && ms(end) <= ms(dueAt)) {
    throw violation(command, state, rules.breachAfterEnd, `due ${dueAt}, ended ${end}`);
  }
  if (ms(dueAt) > ms(context.now)) throw violation(command, state, rules.breachNotDue, `due ${dueAt}`);
  switch (clock.state) {
    case 'breached':
      return [{ type: 'SlaBreached', data: { ...stamp(command, context), target, dueAt } }];
    case 'met':
      throw violation(command, state, rules.breachMetOnTime, `met ${clock.metAt?.toISOString()}`);
    case 'missed':
      throw violation(command, state, rules.breachNotBinding);
    default:
      throw violation(command, state, rules.breachNotDue, `${clock.state}, due ${clock.dueAt.toISOString()}`);
  }
}

/**
 * PSD2 art. 101 holding reply: once, while the complaint is open, for a PSD2 complaint, no later than
 * the standard deadline (15 business days after receipt). The final response is then due 35
 * business days after receipt; the event carries both due times and the deadlines after it. While
 * the complaint awaits the customer only the regulatory deadline is recorded anew: the operational
 * ones depend on when the customer answers.
 */
export function sendHoldingReply(
  command: SendHoldingReply,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, OPEN_STATUSES, 'send a holding reply for');
  const regime = state.sla.regulatoryRegime;
  if (regime !== 'psd2') {
    const detail = regime === undefined ? 'it has no regulatory regime' : `its regime is ${regime}`;
    throw violation(command, state, rules.holdingReplyNotPsd2, detail);
  }
  if (state.markers.exceptional !== undefined) {
    throw violation(command, state, rules.holdingReplyTwice, `sent ${state.markers.exceptional}`);
  }
  const { calendar } = findPolicy(context.policies, state.sla.policyId, state.sla.policyVersion);
  const receivedAt = new Date(state.receivedAt);
  const now = new Date(context.now);
  const final = (markers: { exceptional?: Date }) =>
    regulatoryDeadlines('psd2', receivedAt, markers, calendar, state.sla.region)[0]!.dueAt.toISOString();
  const previousDueAt = final({});
  if (ms(context.now) > ms(previousDueAt)) {
    throw violation(command, state, rules.holdingReplyLate, `due ${previousDueAt}`);
  }
  const dueAt = final({ exceptional: now });
  const marked = { ...state, markers: { ...state.markers, exceptional: context.now } };
  const deadlines =
    state.status === 'awaiting_customer'
      ? { ...state.deadlines, regulatory_final_response: dueAt }
      : deadlinesOf(clockInputOf(marked, context.policies), now);
  return [
    {
      type: 'HoldingReplySent',
      data: {
        ...stamp(command, context),
        regime,
        reason: command.data.reason,
        previousDueAt,
        dueAt,
        deadlines: { ...deadlines, regulatory_final_response: dueAt },
      },
    },
  ];
}
