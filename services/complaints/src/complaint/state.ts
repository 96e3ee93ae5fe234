// The state of one complaint, folded from its events. Plain JSON (ISO strings, arrays, no Dates,
// Maps or undefined values), because `GET /v1/complaints/:id` returns it as it is.
import type {
  Actor,
  Attachment,
  Channel,
  CloseReason,
  Customer,
  Deadlines,
  EscalationReason,
  LinkRelation,
  Outcome,
  Priority,
  Remedy,
  Severity,
  SlaPolicyRef,
  SlaTarget,
  Status,
} from '@chp/contracts';

/** An instant as ISO 8601 text, as the events carry it. */
export type Instant = string;

export type EscalationLevel = 0 | 1 | 2 | 3;

/** The escalation ladder position: separate from the status, it only ever climbs. */
export interface Escalation {
  level: EscalationLevel;
  reason?: EscalationReason;
  to?: string;
  at?: Instant;
}

/** A stretch awaiting the customer, when the operational clock stood still; `to` is absent while it lasts. */
export interface PauseInterval {
  from: Instant;
  to?: Instant;
}

/** When each operational target was met. `resolve` is the current resolution; a reopen clears it. */
export interface MetTimes {
  acknowledge?: Instant;
  /** The first message to the customer: a customer-visible note, an information request, a holding reply or a resolution. */
  first_response?: Instant;
  resolve?: Instant;
}

/** Moments that extend regulatory deadlines. */
export interface Markers {
  /** CFPB: the complaint first went `in_progress`. */
  inProgress?: Instant;
  /** PSD2: the holding reply was sent (`HoldingReplySent`); the final response is due in 35 business days. */
  exceptional?: Instant;
}

export interface RecordedBreach {
  target: SlaTarget;
  dueAt: Instant;
  at: Instant;
}

export interface InformationRequest {
  requestId: string;
  question: string;
  respondBy?: Instant;
  at: Instant;
}

export interface Resolution {
  /** 1 for the first resolution, 2 after one reopen and a new resolution, … */
  number: number;
  summary: string;
  outcome: Outcome;
  remedies: Remedy[];
  firstContact: boolean;
  at: Instant;
  by: Actor;
  /** The id of its `ComplaintResolved`, which its customer links carry; absent on older resolutions. */
  id?: string;
  /** Set when its customer links were revoked (`CustomerLinksRevoked`). */
  linksRevokedAt?: Instant;
  acceptedAt?: Instant;
  /** The source staff named when they recorded the acceptance for the customer; absent when the customer did. */
  acceptanceSource?: string;
  rejectedAt?: Instant;
  rejectionReason?: string;
}

export interface Satisfaction {
  score: number;
  comment?: string;
  at: Instant;
  /** The {@link Resolution.number} it rates: one score per resolution. */
  resolution: number;
  /** The source staff named when they recorded it for the customer; absent when the customer answered. */
  source?: string;
}

export interface ComplaintLink {
  complaintId: string;
  reference: string;
  relation: LinkRelation;
  at: Instant;
  /** Set when unlinked; a link is active while this is absent. */
  unlinkedAt?: Instant;
}

export interface Closure {
  reason: CloseReason;
  at: Instant;
  duplicateOf?: string;
  note?: string;
}

export interface Withdrawal {
  at: Instant;
  reason?: string;
}

/** What every filed complaint carries, whatever its status. */
export interface ComplaintFacts {
  // No id: events do not carry it (it names the stream), and commands and readers already know it.
  reference: string;
  channel: Channel;
  externalRef: string;
  customer: Customer;
  subject: string;
  description: string;
  desiredOutcome?: string;
  attachments: Attachment[];
  relatedReferences: string[];
  category?: string;
  priority: Priority;
  severity?: Severity;
  team?: string;
  assignee?: { id?: string; name?: string };
  escalation: Escalation;
  /** The SLA policy version in force at filing; later versions never apply to this complaint. */
  sla: SlaPolicyRef;
  /**
   * The deadlines last recorded (at filing, and when triage, a resume or a reopen moved them). While
   * awaiting the customer they are those before the pause: compute live clocks with `clockInputOf`.
   */
  deadlines: Deadlines;
  pauses: PauseInterval[];
  markers: Markers;
  met: MetTimes;
  breaches: RecordedBreach[];
  openRequest?: InformationRequest;
  /** The latest resolution; kept after a reopen, for the record, until a new one replaces it. */
  resolution?: Resolution;
  satisfaction?: Satisfaction;
  links: ComplaintLink[];
  /** Ids of the notifications recorded, which makes recording them idempotent. */
  notificationIds: string[];
  noteCount: number;
  /** Replies that could not be shown to be the customer's (`UnverifiedResponseReceived`). */
  unverifiedResponseCount?: number;
  reopenCount: number;
  closure?: Closure;
  withdrawal?: Withdrawal;
  /** When the channel received it: the regulatory clocks run from here. */
  receivedAt: Instant;
  filedAt: Instant;
  /** The latest `at` of any event. */
  updatedAt: Instant;
  /** When the customer's personal data was erased (`CustomerDataErased`): their fields read `[erased]`. */
  personalDataErasedAt?: Instant;
  /** A legal hold in force (`LegalHoldPlaced`, until `LegalHoldLifted`): nothing erases the customer's data. */
  legalHold?: { at: Instant; reason: string };
}

/** Being handled: the clocks run. */
export type OpenComplaint = ComplaintFacts & { status: 'received' | 'acknowledged' | 'in_progress' };
/** A question is with the customer: the operational clock is paused. */
export type AwaitingComplaint = ComplaintFacts & {
  status: 'awaiting_customer';
  openRequest: InformationRequest;
};
/** A resolution is with the customer, who may accept or reject it. */
export type ResolvedComplaint = ComplaintFacts & { status: 'resolved'; resolution: Resolution };
/** Closed for a reason other than `dismissed`: accepted, no response, duplicate. */
export type ClosedComplaint = ComplaintFacts & { status: 'closed'; closure: Closure };
/** Closed with reason `dismissed`: terminal. */
export type DismissedComplaint = ComplaintFacts & { status: 'dismissed'; closure: Closure };
export type WithdrawnComplaint = ComplaintFacts & { status: 'withdrawn'; withdrawal: Withdrawal };

export type FiledComplaint =
  | OpenComplaint
  | AwaitingComplaint
  | ResolvedComplaint
  | ClosedComplaint
  | DismissedComplaint
  | WithdrawnComplaint;

/** A complaint, tagged on `status`; `none` until it is filed. */
export type ComplaintState = { status: 'none' } | FiledComplaint;

export type ComplaintStatus = ComplaintState['status'];

// The compiler keeps the statuses here in step with the contracts' list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<FiledComplaint['status'], Status> = true;
void statusesMatch;

export const initialState = (): ComplaintState => ({ status: 'none' });

/** Statuses in which the complaint is being handled (not resolved, not ended). */
export const OPEN_STATUSES = ['received', 'acknowledged', 'in_progress', 'awaiting_customer'] as const;
/** Statuses after which nothing but a reopen (of `closed`) can change the status. */
export const ENDED_STATUSES = ['closed', 'withdrawn', 'dismissed'] as const;

export const isOpen = (state: ComplaintState): state is OpenComplaint | AwaitingComplaint =>
  (OPEN_STATUSES as readonly string[]).includes(state.status);

export const hasEnded = (
  state: ComplaintState,
): state is ClosedComplaint | DismissedComplaint | WithdrawnComplaint =>
  (ENDED_STATUSES as readonly string[]).includes(state.status);

/** When an ended complaint ended: its closing or withdrawal time. */
export const endedAt = (state: FiledComplaint): Instant | undefined =>
  state.status === 'withdrawn'
    ? state.withdrawal.at
    : state.status === 'closed' || state.status === 'dismissed'
      ? state.closure.at
      : undefined;

/** The links in force (not unlinked). */
export const activeLinks = (state: FiledComplaint): ComplaintLink[] =>
  state.links.filter((link) => link.unlinkedAt === undefined);
