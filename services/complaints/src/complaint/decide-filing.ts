// Filing and the first steps of handling: file, acknowledge, triage, assign, add a note.
import type {
  AcknowledgeComplaint,
  AddNote,
  AssignComplaint,
  ComplaintEvent,
  CorrectCustomerLanguage,
  FileComplaint,
  TriageComplaint,
} from '@chp/contracts';
import { calendarRegions, knowsRegion, type Policy, type PolicySet, selectPolicy } from '../sla/index.js';
import { deadlinesOf } from './clock-input.js';
import { type DecideContext, requireStatus, stamp, violation, withDeadlines } from './decision.js';
import { rules, UnknownSlaRegion } from './errors.js';
import { compact } from './evolve.js';
import { type ComplaintState, type FiledComplaint, hasEnded, OPEN_STATUSES } from './state.js';

/** The priority of a complaint filed without one. */
export const DEFAULT_PRIORITY = 'medium';

/**
 * Files the complaint with the SLA policy in force when it was received, and its deadlines. Filing
 * an existing complaint again is an idempotent repeat: intake retries, and the id is the identity.
 */
export function fileComplaint(
  command: FileComplaint,
  state: ComplaintState,
  context: DecideContext,
): ComplaintEvent[] {
  if (state.status !== 'none') return [];
  const { data } = command;
  const receivedAt = new Date(data.receivedAt);
  const priority = data.priority ?? DEFAULT_PRIORITY;
  const policy = selectPolicy(context.policies, {
    receivedAt,
    channel: data.channel,
    ...(data.category === undefined ? {} : { category: data.category }),
  });
  const { regime } = policy.regulatory;
  const region = filingRegion(data.region, policy, context.policies);
  const deadlines = deadlinesOf(
    { receivedAt, priority, policy, ...(region === undefined ? {} : { region }) },
    new Date(context.now),
  );
  return [
    {
      type: 'ComplaintFiled',
      data: compact({
        ...stamp(command, context),
        reference: data.reference,
        channel: data.channel,
        externalRef: data.externalRef,
        receivedAt: data.receivedAt,
        customer: data.customer,
        subject: data.subject,
        description: data.description,
        category: data.category,
        priority,
        desiredOutcome: data.desiredOutcome,
        attachments: data.attachments ?? [],
        relatedReferences: data.relatedReferences ?? [],
        sla: {
          policyId: policy.id,
          policyVersion: policy.version,
          ...(regime === 'none' ? {} : { regulatoryRegime: regime }),
          ...(region === undefined ? {} : { region }),
        },
        deadlines,
      }),
    },
  ];
}

/**
 * The region whose holidays count: the one the filing names, which the policy's calendar must know
 * (else `UnknownSlaRegion`), or the default region where that calendar knows it, or none.
 */
function filingRegion(named: string | undefined, policy: Policy, policies: PolicySet): string | undefined {
  if (named !== undefined) {
    if (!knowsRegion(policy.calendar, named)) {
      throw new UnknownSlaRegion(named, policy.id, policy.version, calendarRegions(policy.calendar));
    }
    return named;
  }
  const fallback = policies.defaults.region;
  return fallback !== undefined && knowsRegion(policy.calendar, fallback) ? fallback : undefined;
}

/** Only a received complaint, and only once. */
export function acknowledge(
  command: AcknowledgeComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  if (hasEnded(state)) throw violation(command, state, rules.status('acknowledge', state.status));
  if (state.status !== 'received') throw violation(command, state, rules.acknowledgeTwice);
  return [{ type: 'ComplaintAcknowledged', data: stamp(command, context) }];
}

/** Any open complaint; a new priority moves the deadlines, and an acknowledged complaint goes in progress. */
export function triage(
  command: TriageComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, OPEN_STATUSES, 'triage');
  const { category, priority, severity } = command.data;
  const event = {
    type: 'ComplaintTriaged' as const,
    data: { ...stamp(command, context), category, priority, severity },
  };
  return [withDeadlines(state, event, context)];
}

export function assign(
  command: AssignComplaint,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  requireStatus(command, state, OPEN_STATUSES, 'assign');
  const { team, assigneeId, assigneeName } = command.data;
  return [
    {
      type: 'ComplaintAssigned',
      data: compact({ ...stamp(command, context), team, assigneeId, assigneeName }),
    },
  ];
}

/**
 * Any filed complaint, whatever its status: a reopened or closed one may still be written to. The
 * language the complaint already has is no change (`[]`), so a repeated correction appends nothing.
 */
export function correctCustomerLanguage(
  command: CorrectCustomerLanguage,
  state: FiledComplaint,
  context: DecideContext,
): ComplaintEvent[] {
  const previous = state.customer.preferredLanguage;
  const { language } = command.data;
  if (language === previous) return [];
  return [{ type: 'CustomerLanguageCorrected', data: { ...stamp(command, context), language, previous } }];
}

/** Open and resolved complaints take notes (a resolved one still awaits the customer's answer). */
export function addNote(command: AddNote, state: FiledComplaint, context: DecideContext): ComplaintEvent[] {
  requireStatus(command, state, [...OPEN_STATUSES, 'resolved'], 'add a note to');
  const { noteId, visibility, text, attachments } = command.data;
  return [
    {
      type: 'NoteAdded',
      data: compact({ ...stamp(command, context), noteId, visibility, text, attachments }),
    },
  ];
}
