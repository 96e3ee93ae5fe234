import type { ComplaintEvent, Deadlines, Outcome, Remedy } from '@chp/contracts';

/** Where the complaint stands, as the customer is told. */
export type CustomerStatus =
  | 'received'
  | 'acknowledged'
  | 'in_progress'
  | 'awaiting_customer'
  | 'resolved'
  | 'closed'
  | 'withdrawn';

/** One customer-visible step. Internal notes, assignments, escalations and breaches never get one. */
export type TimelineEntry =
  | { kind: 'filed'; at: string }
  | { kind: 'acknowledged'; at: string }
  | { kind: 'information_requested'; at: string; question: string }
  | { kind: 'responded'; at: string; message: string }
  | { kind: 'note'; at: string; text: string }
  | { kind: 'holding_reply'; at: string; reason: string; dueAt: string }
  | { kind: 'resolved'; at: string; summary: string; outcome: Outcome; remedies: Remedy[] }
  | { kind: 'accepted'; at: string }
  | { kind: 'rejected'; at: string }
  | { kind: 'reopened'; at: string }
  | { kind: 'closed'; at: string }
  | { kind: 'withdrawn'; at: string }
  | { kind: 'rated'; at: string; score: number };

/**
 * Intake's own read model of one complaint for the portal: only what its customer may see, plus
 * keyed digests of the contact details (never the addresses) to check a "follow" request against.
 */
export interface PortalView {
  complaintId: string;
  reference: string;
  language: string;
  /** HMAC digests of the lower-cased e-mail and of the E.164 phone, when given. */
  contact: { email?: string; phone?: string };
  /** Whether the complaint has an e-mail address to send links to. */
  hasEmail: boolean;
  status: CustomerStatus;
  /** The last stream revision applied (events apply in order, each once). */
  revision: number;
  deadlines: Deadlines;
  openRequest?: { requestId: string; question: string; respondBy?: string };
  resolution?: { resolutionId?: string; answered?: 'accepted' | 'rejected'; rated?: boolean };
  assigneeName?: string;
  timeline: TimelineEntry[];
  /** When the customer's personal data was erased (`CustomerDataErased`): texts and contact are gone. */
  personalDataErasedAt?: string;
}

export interface ViewOptions {
  /** The keyed digest of a contact detail (same key as the follow form's check). */
  digest: (text: string) => string;
  /** Show the assignee's name (`PORTAL_SHOW_ASSIGNEE`); off by default. */
  showAssignee: boolean;
}

const MAX_TIMELINE = 200;

const step = (view: PortalView, entry: TimelineEntry, changes: Partial<PortalView> = {}): PortalView => ({
  ...view,
  ...changes,
  timeline: [...view.timeline, entry].slice(-MAX_TIMELINE),
});

/**
 * Applies one event. Pure: the consumer reads the view, calls this with the event's revision
 * checked, and writes the result. A complaint's first event must be `ComplaintFiled`.
 */
export function evolveView(
  view: PortalView | undefined,
  complaintId: string,
  event: ComplaintEvent,
  revision: number,
  options: ViewOptions,
): PortalView | undefined {
  if (event.type === 'ComplaintFiled') {
    if (view) return { ...view, revision };
    const { customer, at } = event.data;
    return {
      complaintId,
      reference: event.data.reference,
      language: customer.preferredLanguage,
      contact: {
        ...(customer.email ? { email: options.digest(customer.email.toLowerCase()) } : {}),
        ...(customer.phone ? { phone: options.digest(customer.phone) } : {}),
      },
      hasEmail: customer.email !== undefined && customer.notificationsOptOut !== true,
      status: 'received',
      revision,
      deadlines: event.data.deadlines,
      timeline: [{ kind: 'filed', at }],
    };
  }
  if (!view) return undefined;
  const next = { ...view, revision };
  const { at } = event.data;
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return step(next, { kind: 'acknowledged', at }, { status: 'acknowledged' });
    case 'ComplaintTriaged':
    case 'ComplaintReopened':
    case 'CustomerResponded': {
      const deadlines = event.data.deadlines
        ? { ...next.deadlines, ...event.data.deadlines }
        : next.deadlines;
      if (event.type === 'ComplaintTriaged') return { ...next, deadlines };
      if (event.type === 'ComplaintReopened')
        return step(next, { kind: 'reopened', at }, { status: 'in_progress', deadlines });
      const { openRequest: _answered, ...rest } = next;
      return step(
        rest,
        { kind: 'responded', at, message: event.data.message },
        { status: 'in_progress', deadlines },
      );
    }
    case 'ComplaintAssigned':
      return options.showAssignee && event.data.assigneeName
        ? { ...next, assigneeName: event.data.assigneeName }
        : next;
    case 'NoteAdded':
      return event.data.visibility === 'customer'
        ? step(next, { kind: 'note', at, text: event.data.text })
        : next;
    case 'CustomerInformationRequested':
      return step(
        next,
        { kind: 'information_requested', at, question: event.data.question },
        {
          status: 'awaiting_customer',
          openRequest: {
            requestId: event.data.requestId,
            question: event.data.question,
            ...(event.data.respondBy ? { respondBy: event.data.respondBy } : {}),
          },
        },
      );
    case 'HoldingReplySent':
      return step(
        next,
        { kind: 'holding_reply', at, reason: event.data.reason, dueAt: event.data.dueAt },
        { deadlines: { ...next.deadlines, ...event.data.deadlines } },
      );
    case 'ComplaintResolved': {
      const { openRequest: _closed, ...rest } = next;
      return step(
        rest,
        {
          kind: 'resolved',
          at,
          summary: event.data.summary,
          outcome: event.data.outcome,
          remedies: event.data.remedies,
        },
        {
          status: 'resolved',
          resolution: event.data.resolutionId ? { resolutionId: event.data.resolutionId } : {},
        },
      );
    }
    case 'ResolutionAccepted':
      return step(
        next,
        { kind: 'accepted', at },
        { resolution: { ...next.resolution, answered: 'accepted' } },
      );
    case 'ResolutionRejected':
      return step(
        next,
        { kind: 'rejected', at },
        { status: 'in_progress', resolution: { ...next.resolution, answered: 'rejected' } },
      );
    case 'SatisfactionRecorded':
      return step(
        next,
        { kind: 'rated', at, score: event.data.score },
        { resolution: { ...next.resolution, rated: true } },
      );
    case 'ComplaintClosed':
      return step(next, { kind: 'closed', at }, { status: 'closed' });
    case 'ComplaintWithdrawn':
      return step(next, { kind: 'withdrawn', at }, { status: 'withdrawn' });
    case 'CustomerDataErased':
      return erasedView(next, at);
    default:
      return next;
  }
}

/** The stand-in of an erased text, as in the events (`@chp/contracts`, personal.ts). */
export const ERASED = '[erased]';

/**
 * The view after `CustomerDataErased`: every text the customer or staff wrote about them (questions,
 * answers, notes, holding replies, the resolution's summary) becomes the stand-in, the contact
 * digests go (the complaint can no longer be followed), and so does the assignee's name; statuses,
 * dates, outcomes, remedies and scores stay, as in the other read models.
 */
export function erasedView(view: PortalView, at: string): PortalView {
  const { assigneeName: _name, openRequest, ...rest } = view;
  const timeline = view.timeline.map((entry): TimelineEntry => {
    switch (entry.kind) {
      case 'information_requested':
        return { ...entry, question: ERASED };
      case 'responded':
        return { ...entry, message: ERASED };
      case 'note':
        return { ...entry, text: ERASED };
      case 'holding_reply':
        return { ...entry, reason: ERASED };
      case 'resolved':
        return { ...entry, summary: ERASED };
      default:
        return entry;
    }
  });
  return {
    ...rest,
    contact: {},
    hasEmail: false,
    timeline,
    ...(openRequest ? { openRequest: { ...openRequest, question: ERASED } } : {}),
    personalDataErasedAt: view.personalDataErasedAt ?? at,
  };
}

/** The next date the customer is promised something, and what. */
export function nextDeadline(
  view: PortalView,
): { kind: 'acknowledge' | 'answer' | 'respond'; at: string } | undefined {
  const { deadlines } = view;
  if (view.status === 'received' && deadlines.acknowledge)
    return { kind: 'acknowledge', at: deadlines.acknowledge };
  if (view.status === 'awaiting_customer')
    return view.openRequest?.respondBy ? { kind: 'respond', at: view.openRequest.respondBy } : undefined;
  if (view.status === 'received' || view.status === 'acknowledged' || view.status === 'in_progress') {
    const answer = deadlines.resolve ?? deadlines.regulatory_final_response;
    return answer ? { kind: 'answer', at: answer } : undefined;
  }
  return undefined;
}
