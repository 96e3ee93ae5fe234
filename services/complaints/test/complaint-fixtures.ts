// Builders for the Complaint decider specs: one complaint on a fixed timeline, its events with
// sensible defaults, commands, and the event histories that put it in each status.
import {
  type Actor,
  type ComplaintCommand,
  type ComplaintCommandData,
  type ComplaintCommandOf,
  type ComplaintCommandType,
  type ComplaintEvent,
  type ComplaintEventData,
  type ComplaintEventOf,
  type ComplaintEventType,
  complaintCommandSchema,
  complaintEventSchema,
  formatReference,
} from '@chp/contracts';
import { deciderSpec } from '@chp/testing';
import {
  ComplaintRuleViolation,
  type ComplaintState,
  type ComplaintStatus,
  decide,
  evolve,
  initialState,
} from '../src/complaint/index.js';
import { loadPoliciesFile } from '../src/sla/index.js';

/** The bundled policies: `standard` v1 for most complaints, UK working hours 09:00–17:30 Europe/London. */
export const policies = loadPoliciesFile();

export const COMPLAINT_ID = '3f2c8a4e-5b6d-4c7e-8f90-1a2b3c4d5e6f';
export const REFERENCE = formatReference('7KX29QM');
export const OTHER_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
export const OTHER_REFERENCE = formatReference('ABCDEFG');
export const REQUEST_ID = '0e1d2c3b-4a59-4687-a5b4-c3d2e1f00112';
export const NOTE_ID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
export const NOTIFICATION_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
export const EVENT_ID = 'bead0000-1234-4abc-8def-0123456789ab';

export const agent: Actor = { id: 'agent-7', role: 'agent' };
export const supervisor: Actor = { id: 'sup-1', role: 'supervisor' };
export const customerActor: Actor = { id: 'customer-42', role: 'customer' };
export const intake: Actor = { id: 'intake', role: 'service' };
export const monitor: Actor = { id: 'sla-monitor', role: 'system' };

/**
 * The timeline, all in March 2026 when London is on GMT (= UTC). Monday 2 March, 10:00 received and
 * filed; the `standard` medium targets are then 1, 2 and 10 business days: Tue 3 March 10:00,
 * Wed 4 March 10:00 and Mon 16 March 10:00.
 */
export const T = {
  received: '2026-03-02T10:00:00.000Z',
  acknowledged: '2026-03-02T10:30:00.000Z',
  triaged: '2026-03-02T11:00:00.000Z',
  requested: '2026-03-02T12:00:00.000Z',
  responded: '2026-03-03T12:00:00.000Z',
  resolved: '2026-03-04T10:00:00.000Z',
  accepted: '2026-03-04T11:00:00.000Z',
  closed: '2026-03-04T12:00:00.000Z',
  ended: '2026-03-02T11:00:00.000Z',
  /** After everything above: the default `now` of the specs. */
  now: '2026-03-04T15:00:00.000Z',
} as const;

export const STANDARD_DEADLINES = {
  acknowledge: '2026-03-03T10:00:00.000Z',
  first_response: '2026-03-04T10:00:00.000Z',
  resolve: '2026-03-16T10:00:00.000Z',
};

export const customer = {
  name: 'Olena Koval',
  email: 'olena@example.com',
  preferredLanguage: 'uk' as const,
};

/** Omit over each member of a union (the data of CustomerNotified and its command are unions). */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventDefaults<K extends ComplaintEventType> = Without<ComplaintEventData<K>, 'by' | 'at'>;

/** An event of `type` with `by` and `at` defaulted; `data` overrides anything. */
export function event<K extends ComplaintEventType>(
  type: K,
  data: EventDefaults<K> & Partial<Pick<ComplaintEventData<K>, 'by' | 'at'>>,
): ComplaintEventOf<K> {
  return { type, data: { by: agent, at: T.now, ...data } } as ComplaintEventOf<K>;
}

export const filed = (data: Partial<ComplaintEventData<'ComplaintFiled'>> = {}) =>
  event('ComplaintFiled', {
    by: intake,
    at: T.received,
    reference: REFERENCE,
    channel: 'web',
    externalRef: 'form-1',
    receivedAt: T.received,
    customer,
    subject: 'Charged twice',
    description: 'My card was charged twice for one order.',
    priority: 'medium',
    attachments: [],
    relatedReferences: [],
    sla: { policyId: 'standard', policyVersion: 1 },
    deadlines: STANDARD_DEADLINES,
    ...data,
  });

export const acknowledged = (at: string = T.acknowledged) => event('ComplaintAcknowledged', { at });
export const triaged = (at: string = T.triaged, priority: 'medium' | 'high' = 'medium') =>
  event('ComplaintTriaged', { at, category: 'billing', priority, severity: 'moderate' });
export const requested = (at: string = T.requested, respondBy?: string) =>
  event('CustomerInformationRequested', {
    at,
    requestId: REQUEST_ID,
    question: 'Which order number?',
    ...(respondBy === undefined ? {} : { respondBy }),
  });
export const responded = (at: string = T.responded) =>
  event('CustomerResponded', {
    at,
    by: customerActor,
    requestId: REQUEST_ID,
    message: 'Order 1234.',
    channel: 'email',
  });
export const resolved = (at: string = T.resolved) =>
  event('ComplaintResolved', {
    at,
    summary: 'Refunded the second charge.',
    outcome: 'upheld',
    remedies: [{ type: 'refund', amount: { amount: '25.00', currency: 'GBP' } }],
    firstContact: false,
  });
export const accepted = (at: string = T.accepted) => event('ResolutionAccepted', { at, by: customerActor });
export const closed = (reason: 'accepted' | 'no_response' | 'dismissed', at: string = T.closed) =>
  event('ComplaintClosed', { at, reason });
export const withdrawn = (at: string = T.ended) => event('ComplaintWithdrawn', { at, by: customerActor });
export const linked = (at: string = T.triaged) =>
  event('ComplaintsLinked', {
    at,
    linkedComplaintId: OTHER_ID,
    linkedReference: OTHER_REFERENCE,
    relation: 'duplicate_of',
  });

const openHistory = [filed(), acknowledged(), triaged()];

/** Events that leave the complaint in each status (`none`: never filed). */
export const histories: Record<ComplaintStatus, ComplaintEvent[]> = {
  none: [],
  received: [filed()],
  acknowledged: [filed(), acknowledged()],
  in_progress: openHistory,
  awaiting_customer: [...openHistory, requested()],
  resolved: [...openHistory, resolved()],
  closed: [...openHistory, resolved(), accepted(), closed('accepted')],
  withdrawn: [filed(), withdrawn()],
  dismissed: [filed(), closed('dismissed', T.ended)],
};

export const STATUSES = Object.keys(histories) as ComplaintStatus[];

let commandCount = 0;

/** A command for the complaint, with fresh metadata; validated against the contracts like the edges do. */
export function command<K extends ComplaintCommandType>(
  type: K,
  data: Without<ComplaintCommandData<K>, 'complaintId'>,
  actor: Actor = agent,
): ComplaintCommandOf<K> {
  commandCount += 1;
  const commandId = `00000000-0000-4000-8000-${String(commandCount).padStart(12, '0')}`;
  const built = {
    type,
    data: { complaintId: COMPLAINT_ID, ...data },
    metadata: { commandId, actor, correlationId: `corr-${commandCount}` },
  };
  return complaintCommandSchema.parse(built) as ComplaintCommandOf<K>;
}

/** The filing intake sends for the complaint (priority, category and the rest as `extra` says). */
export const fileCommand = (
  extra: Partial<Without<ComplaintCommandData<'FileComplaint'>, 'complaintId'>> = {},
) =>
  command(
    'FileComplaint',
    {
      reference: REFERENCE,
      receivedAt: T.received,
      channel: 'web',
      externalRef: 'form-1',
      customer,
      subject: 'Charged twice',
      description: 'My card was charged twice for one order.',
      ...extra,
    },
    intake,
  );

/** What the notifications service reports about one message (add `status` and its fields). */
export const notificationReport = {
  notificationId: NOTIFICATION_ID,
  eventId: EVENT_ID,
  template: 'complaint-resolved',
  recipient: 'olena@example.com',
  audience: 'customer' as const,
  at: '2026-03-04T10:01:00.000Z',
};

/** The decider under Given/When/Then at `now`; every event it decides must satisfy its contract schema. */
export function specAt(now: string = T.now) {
  const context = { now, policies };
  return deciderSpec<ComplaintCommand, ComplaintEvent, ComplaintState>({
    decide: (c, s) => {
      const events = decide(c, s, context);
      for (const e of events) complaintEventSchema.parse(e);
      return events;
    },
    evolve,
    initialState,
  });
}

/** The events the decider produces at `now` after `given`, for specs that look further. */
export const decideAt = (
  now: string,
  given: readonly ComplaintEvent[],
  cmd: ComplaintCommand,
): ComplaintEvent[] => decide(cmd, given.reduce(evolve, initialState()), { now, policies });

/** The state after the events, as the command handler folds it. */
export const stateOf = (events: readonly ComplaintEvent[]): ComplaintState =>
  events.reduce(evolve, initialState());

/** A thenThrows check: a rule violation naming exactly this rule. */
export const violates =
  (rule: string) =>
  (error: Error): boolean =>
    error instanceof ComplaintRuleViolation && error.rule === rule;
