import type { ComplaintEvent, ComplaintEventOf } from '@chp/contracts';
import { erased } from './erasure.js';
import type { ComplaintFacts, ComplaintState, FiledComplaint, Instant, PauseInterval } from './state.js';

/** Omit, applied to each member of a union (plain Omit merges the members into one type). */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A copy without the named keys: the state stays plain JSON, with no `undefined` values. */
function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Without<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy as unknown as Without<T, K>;
}

/** Only the defined entries, so that optional fields are absent rather than `undefined`. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const later = (a: Instant, b: Instant): Instant => (Date.parse(b) > Date.parse(a) ? b : a);

/** The pauses with the open one (if any) ended at `at`. */
const endPause = (pauses: PauseInterval[], at: Instant): PauseInterval[] =>
  pauses.map((p) => (p.to === undefined ? { ...p, to: at } : p));

/** Leaving `awaiting_customer`: the operational clock runs again and no question is open. */
function leaveAwaiting(state: FiledComplaint, at: Instant): Without<FiledComplaint, 'openRequest'> {
  if (state.status !== 'awaiting_customer') return state;
  return { ...without(state, 'openRequest'), pauses: endPause(state.pauses, at) };
}

function filed(event: ComplaintEventOf<'ComplaintFiled'>): FiledComplaint {
  const { data } = event;
  const facts: ComplaintFacts = compact({
    reference: data.reference,
    channel: data.channel,
    externalRef: data.externalRef,
    customer: data.customer,
    subject: data.subject,
    description: data.description,
    desiredOutcome: data.desiredOutcome,
    attachments: data.attachments,
    relatedReferences: data.relatedReferences,
    category: data.category,
    priority: data.priority,
    escalation: { level: 0 },
    sla: data.sla,
    deadlines: data.deadlines,
    pauses: [],
    markers: {},
    met: {},
    breaches: [],
    links: [],
    notificationIds: [],
    noteCount: 0,
    reopenCount: 0,
    receivedAt: data.receivedAt,
    filedAt: data.at,
    updatedAt: data.at,
  });
  return { ...facts, status: 'received' };
}

/**
 * The state after one event. Events are facts, so nothing is checked here: an event the state
 * cannot use (or one before `ComplaintFiled`) leaves it unchanged.
 */
export function evolve(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintFiled') return state.status === 'none' ? filed(event) : state;
  if (state.status === 'none') return state;
  const next = apply(state, event);
  // An event that changed nothing (unknown, or a repeat) leaves the state as it was, updatedAt too.
  if (next === state || next.status === 'none') return next;
  return { ...next, updatedAt: later(state.updatedAt, event.data.at) };
}

function apply(
  state: FiledComplaint,
  event: Exclude<ComplaintEvent, { type: 'ComplaintFiled' }>,
): ComplaintState {
  const { at } = event.data;
  switch (event.type) {
    case 'ComplaintAcknowledged': {
      const next = { ...state, met: { ...state.met, acknowledge: state.met.acknowledge ?? at } };
      return next.status === 'received' ? { ...next, status: 'acknowledged' } : next;
    }
    case 'ComplaintTriaged': {
      const { category, priority, severity, deadlines } = event.data;
      const next = { ...state, category, priority, severity, deadlines: deadlines ?? state.deadlines };
      // Assessment starts the investigation (ISO 10002): the complaint is now in progress.
      if (next.status !== 'acknowledged') return next;
      return {
        ...next,
        status: 'in_progress',
        markers: { ...next.markers, inProgress: next.markers.inProgress ?? at },
      };
    }
    case 'ComplaintAssigned': {
      const { team, assigneeId, assigneeName } = event.data;
      const assignee = compact({ id: assigneeId, name: assigneeName });
      const next = { ...without(state, 'assignee'), team };
      return Object.keys(assignee).length > 0 ? { ...next, assignee } : next;
    }
    case 'CustomerLanguageCorrected':
      // An agent's correction is a language given for the customer: no longer detected or a default.
      return {
        ...state,
        customer: {
          ...state.customer,
          preferredLanguage: event.data.language,
          preferredLanguageSource: 'given',
        },
      };
    case 'NoteAdded': {
      // A note the customer sees is a response to them; an internal one is not.
      const toCustomer = event.data.visibility === 'customer';
      const met = toCustomer ? { ...state.met, first_response: state.met.first_response ?? at } : state.met;
      return { ...state, noteCount: state.noteCount + 1, met };
    }
    case 'CustomerInformationRequested': {
      const { requestId, question, respondBy } = event.data;
      return {
        ...state,
        status: 'awaiting_customer',
        openRequest: compact({ requestId, question, respondBy, at }),
        pauses: [...state.pauses, { from: at }],
        met: { ...state.met, first_response: state.met.first_response ?? at },
      };
    }
    case 'CustomerResponded': {
      const deadlines = event.data.deadlines ?? state.deadlines;
      if (state.status !== 'awaiting_customer') return { ...state, deadlines };
      const resumed = leaveAwaiting(state, at);
      return {
        ...resumed,
        status: 'in_progress',
        deadlines,
        markers: { ...resumed.markers, inProgress: resumed.markers.inProgress ?? at },
      };
    }
    case 'ComplaintEscalated': {
      const { level, reason, to } = event.data;
      return { ...state, escalation: { level: level as 1 | 2 | 3, reason, to, at } };
    }
    case 'HoldingReplySent':
      // A message to the customer, like a customer-visible note: it meets the first response.
      return {
        ...state,
        deadlines: event.data.deadlines,
        markers: { ...state.markers, exceptional: state.markers.exceptional ?? at },
        met: { ...state.met, first_response: state.met.first_response ?? at },
      };
    case 'SlaBreached': {
      const { target, dueAt } = event.data;
      return { ...state, breaches: [...state.breaches, { target, dueAt, at }] };
    }
    case 'ComplaintResolved': {
      const { by, summary, outcome, remedies, firstContact, resolutionId } = event.data;
      const number = (state.resolution?.number ?? 0) + 1;
      const resolution = compact({
        number,
        summary,
        outcome,
        remedies,
        firstContact,
        at,
        by,
        id: resolutionId,
      });
      const met = { ...state.met, first_response: state.met.first_response ?? at, resolve: at };
      return { ...leaveAwaiting(state, at), status: 'resolved', resolution, met };
    }
    case 'ResolutionAccepted': {
      if (!state.resolution) return state;
      const { source } = event.data;
      if (state.resolution.acceptedAt === undefined) {
        return {
          ...state,
          resolution: compact({ ...state.resolution, acceptedAt: at, acceptanceSource: source }),
        };
      }
      // The customer's own acceptance after one recorded for them: the acceptance is now theirs.
      if (source !== undefined || state.resolution.acceptanceSource === undefined) return state;
      return { ...state, resolution: without(state.resolution, 'acceptanceSource') };
    }
    case 'ResolutionRejected': {
      if (!state.resolution) return state;
      // A rejection by the customer overrides an acceptance staff recorded for them.
      return {
        ...state,
        resolution: {
          ...without(state.resolution, 'acceptedAt', 'acceptanceSource'),
          rejectedAt: at,
          rejectionReason: event.data.reason,
        },
      };
    }
    case 'ComplaintReopened':
      return {
        ...without(state, 'closure'),
        status: 'in_progress',
        reopenCount: state.reopenCount + 1,
        met: without(state.met, 'resolve'),
        deadlines: event.data.deadlines ?? state.deadlines,
        markers: { ...state.markers, inProgress: state.markers.inProgress ?? at },
      };
    case 'ComplaintClosed': {
      const { reason, duplicateOf, note } = event.data;
      const closure = compact({ reason, at, duplicateOf, note });
      return {
        ...leaveAwaiting(state, at),
        status: reason === 'dismissed' ? 'dismissed' : 'closed',
        closure,
      };
    }
    case 'ComplaintWithdrawn':
      return {
        ...leaveAwaiting(state, at),
        status: 'withdrawn',
        withdrawal: compact({ at, reason: event.data.reason }),
      };
    case 'SatisfactionRecorded': {
      const { score, comment, source } = event.data;
      return {
        ...state,
        satisfaction: compact({ score, comment, at, resolution: state.resolution?.number ?? 0, source }),
      };
    }
    case 'UnverifiedResponseReceived':
      // Kept for agents to weigh; it answers no request and moves no clock.
      return { ...state, unverifiedResponseCount: (state.unverifiedResponseCount ?? 0) + 1 };
    case 'CustomerLinksRevoked': {
      const { resolution } = state;
      if (resolution?.id !== event.data.resolutionId || resolution.linksRevokedAt !== undefined) return state;
      return { ...state, resolution: { ...resolution, linksRevokedAt: at } };
    }
    case 'ComplaintsLinked': {
      const { linkedComplaintId, linkedReference, relation } = event.data;
      const link = { complaintId: linkedComplaintId, reference: linkedReference, relation, at };
      return { ...state, links: [...state.links.filter((l) => l.complaintId !== linkedComplaintId), link] };
    }
    case 'ComplaintsUnlinked': {
      const { linkedComplaintId } = event.data;
      const links = state.links.map((l) =>
        l.complaintId === linkedComplaintId && l.unlinkedAt === undefined ? { ...l, unlinkedAt: at } : l,
      );
      return { ...state, links };
    }
    case 'CustomerDataErased':
      return erased(state, event);
    case 'LegalHoldPlaced':
      return state.legalHold ? state : { ...state, legalHold: { at, reason: event.data.reason } };
    case 'LegalHoldLifted':
      return state.legalHold ? without(state, 'legalHold') : state;
    case 'CustomerNotified': {
      const { notificationId } = event.data;
      if (state.notificationIds.includes(notificationId)) return state;
      return { ...state, notificationIds: [...state.notificationIds, notificationId] };
    }
    default:
      return state;
  }
}
