import type { ComplaintEvent, ComplaintFiled, Deadlines } from '@chp/contracts';
import { describe } from './describe.js';
import { addBusinessDays, redressOf } from './reports.js';
import { type ProjectedEvent, priorityRanks, type SummaryRow, type TimelineRow } from './rows.js';

export interface Projection {
  summary: SummaryRow;
  timeline: TimelineRow;
}

/**
 * The pure projection: the summary row before the event (undefined before `ComplaintFiled`) and
 * the event give the row after it and the event's timeline entry. The caller guarantees the
 * revision order (N over N-1); this function only folds.
 */
export function project(before: SummaryRow | undefined, projected: ProjectedEvent): Projection | undefined {
  const { event } = projected;
  let after: SummaryRow;
  if (event.type === 'ComplaintFiled') {
    if (before !== undefined) return undefined;
    after = filed(projected, event);
  } else {
    if (before === undefined) return undefined;
    after = withNextDue(apply(before, event));
    after.updated_at = latest(before.updated_at, event.data.at);
  }
  // Both paths end in a fresh object (withNextDue copies): set the guard columns on it in place.
  after.revision = projected.revision;
  after.last_position = projected.position;
  return { summary: after, timeline: timelineEntry(projected) };
}

export function timelineEntry({ id, complaintId, revision, position, event }: ProjectedEvent): TimelineRow {
  return {
    complaint_id: complaintId,
    revision,
    event_id: id,
    type: event.type,
    at: iso(event.data.at),
    actor_id: event.data.by.id,
    actor_role: event.data.by.role,
    text: describe(event),
    position,
    attachments: attachmentsOf(event),
  };
}

/** The file references an event carries, as they are (masked names once the customer is erased). */
function attachmentsOf(event: ComplaintEvent): Record<string, unknown>[] {
  const attachments = (event.data as { attachments?: unknown }).attachments;
  return Array.isArray(attachments) ? (attachments as Record<string, unknown>[]) : [];
}

const canonical = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** ISO UTC with milliseconds, the form `toISOString` gives; most event times already are (cheap check). */
const iso = (value: string): string => (canonical.test(value) ? value : new Date(value).toISOString());
const isoOrNull = (value: string | undefined): string | null => (value === undefined ? null : iso(value));
// Times in rows are canonical ISO UTC strings (iso above, and the writer's normaliseTimes), which
// order as strings the way their instants do.
const latest = (a: string, b: string): string => {
  const other = iso(b);
  return a >= other ? a : other;
};

function filed(projected: ProjectedEvent, event: ComplaintFiled): SummaryRow {
  const d = event.data;
  const row: SummaryRow = {
    complaint_id: projected.complaintId,
    reference: d.reference,
    revision: projected.revision,
    last_position: projected.position,
    status: 'received',
    channel: d.channel,
    category: d.category ?? null,
    priority: d.priority,
    priority_rank: priorityRanks[d.priority] ?? 0,
    severity: null,
    subject: d.subject,
    description: d.description,
    search_text: `${d.subject}\n${d.description}`.toLowerCase(),
    customer_id: d.customer.id ?? null,
    customer_name: d.customer.name,
    customer_email: d.customer.email?.toLowerCase() ?? null,
    customer_phone: d.customer.phone ?? null,
    customer_language: d.customer.preferredLanguage,
    team: null,
    assignee_id: null,
    assignee_name: null,
    escalation_level: 0,
    escalated_to: null,
    escalation_count: 0,
    escalation_reasons: [],
    sla_policy: `${d.sla.policyId}@${d.sla.policyVersion}`,
    received_at: iso(d.receivedAt),
    filed_at: iso(d.at),
    updated_at: iso(d.at),
    acknowledged_at: null,
    first_response_at: null,
    first_resolved_at: null,
    resolved_at: null,
    closed_at: null,
    awaiting_since: null,
    outcome: null,
    close_reason: null,
    first_contact: null,
    reopen_count: 0,
    satisfaction_score: null,
    ...dues(undefined, d.deadlines),
    next_due_at: null,
    breached: false,
    breached_targets: [],
    first_breached_at: null,
    notes_count: 0,
    links: [],
    regulatory_regime: d.sla.regulatoryRegime ?? null,
    business_3d_at: addBusinessDays(iso(d.receivedAt), 3),
    concluded_at: null,
    redress: {},
  };
  return withNextDue(row);
}

type Dues = Pick<SummaryRow, 'ack_due_at' | 'first_response_due_at' | 'resolve_due_at' | 'regulatory_due_at'>;

/** New deadlines replace the targets they name; the others keep their due times. */
function dues(before: SummaryRow | undefined, deadlines: Deadlines | undefined): Dues {
  return {
    ack_due_at: isoOrNull(deadlines?.acknowledge) ?? before?.ack_due_at ?? null,
    first_response_due_at: isoOrNull(deadlines?.first_response) ?? before?.first_response_due_at ?? null,
    resolve_due_at: isoOrNull(deadlines?.resolve) ?? before?.resolve_due_at ?? null,
    regulatory_due_at: isoOrNull(deadlines?.regulatory_final_response) ?? before?.regulatory_due_at ?? null,
  };
}

function apply(row: SummaryRow, event: Exclude<ComplaintEvent, ComplaintFiled>): SummaryRow {
  const at = iso(event.data.at);
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return {
        ...row,
        acknowledged_at: row.acknowledged_at ?? at,
        status: row.status === 'received' ? 'acknowledged' : row.status,
      };
    case 'ComplaintTriaged': {
      const { category, priority, severity, deadlines } = event.data;
      return {
        ...row,
        category,
        priority,
        priority_rank: priorityRanks[priority] ?? 0,
        severity,
        ...dues(row, deadlines),
        status: row.status === 'acknowledged' ? 'in_progress' : row.status,
      };
    }
    case 'ComplaintAssigned':
      return {
        ...row,
        team: event.data.team,
        assignee_id: event.data.assigneeId ?? null,
        assignee_name: event.data.assigneeName ?? null,
      };
    case 'CustomerLanguageCorrected':
      return { ...row, customer_language: event.data.language };
    case 'NoteAdded':
      return {
        ...row,
        notes_count: row.notes_count + 1,
        first_response_at:
          event.data.visibility === 'customer' ? (row.first_response_at ?? at) : row.first_response_at,
      };
    case 'CustomerInformationRequested':
      return {
        ...row,
        status: 'awaiting_customer',
        awaiting_since: row.awaiting_since ?? at,
        first_response_at: row.first_response_at ?? at,
      };
    case 'CustomerResponded': {
      const resumed = row.status === 'awaiting_customer';
      return {
        ...row,
        ...dues(row, event.data.deadlines),
        status: resumed ? 'in_progress' : row.status,
        awaiting_since: resumed ? null : row.awaiting_since,
      };
    }
    case 'ComplaintEscalated': {
      const { level, reason, to } = event.data;
      const reasons = row.escalation_reasons.includes(reason)
        ? row.escalation_reasons
        : [...row.escalation_reasons, reason];
      return {
        ...row,
        escalation_level: level,
        escalated_to: to,
        escalation_count: row.escalation_count + 1,
        escalation_reasons: reasons,
      };
    }
    case 'HoldingReplySent':
      // A message to the customer, as the complaints service counts it: it meets the first response.
      return {
        ...row,
        ...dues(row, event.data.deadlines),
        regulatory_due_at: iso(event.data.dueAt),
        first_response_at: row.first_response_at ?? at,
      };
    case 'SlaBreached': {
      const { target } = event.data;
      return {
        ...row,
        breached: true,
        breached_targets: row.breached_targets.includes(target)
          ? row.breached_targets
          : [...row.breached_targets, target],
        first_breached_at: row.first_breached_at ?? at,
      };
    }
    case 'ComplaintResolved':
      return {
        ...row,
        status: 'resolved',
        awaiting_since: null,
        resolved_at: at,
        first_resolved_at: row.first_resolved_at ?? at,
        first_response_at: row.first_response_at ?? at,
        first_contact: row.first_contact ?? event.data.firstContact,
        outcome: event.data.outcome,
        concluded_at: row.concluded_at ?? at,
        redress: redressOf(event.data.remedies),
      };
    case 'ResolutionAccepted':
    case 'ResolutionRejected':
    case 'CustomerNotified':
      return row;
    case 'ComplaintReopened':
      return {
        ...row,
        ...dues(row, event.data.deadlines),
        status: 'in_progress',
        resolved_at: null,
        closed_at: null,
        close_reason: null,
        concluded_at: null,
        reopen_count: row.reopen_count + 1,
      };
    case 'ComplaintClosed':
      return {
        ...row,
        status: event.data.reason === 'dismissed' ? 'dismissed' : 'closed',
        awaiting_since: null,
        closed_at: at,
        close_reason: event.data.reason,
        concluded_at: row.concluded_at ?? at,
      };
    case 'ComplaintWithdrawn':
      return {
        ...row,
        status: 'withdrawn',
        awaiting_since: null,
        closed_at: at,
        concluded_at: row.concluded_at ?? at,
      };
    case 'SatisfactionRecorded':
      return { ...row, satisfaction_score: event.data.score };
    case 'ComplaintsLinked': {
      const { linkedComplaintId, linkedReference, relation } = event.data;
      const others = row.links.filter((link) => link.complaintId !== linkedComplaintId);
      return {
        ...row,
        links: [...others, { complaintId: linkedComplaintId, reference: linkedReference, relation }],
      };
    }
    case 'ComplaintsUnlinked':
      return {
        ...row,
        links: row.links.filter((link) => link.complaintId !== event.data.linkedComplaintId),
      };
    default:
      return row;
  }
}

const open = (status: string): boolean => !['resolved', 'closed', 'withdrawn', 'dismissed'].includes(status);

/**
 * The SLA board's key: the earliest due time not yet met. Operational targets pause while
 * awaiting the customer; the regulatory one never pauses.
 */
function withNextDue(row: SummaryRow): SummaryRow {
  if (!open(row.status)) return { ...row, next_due_at: null };
  const paused = row.status === 'awaiting_customer';
  const candidates = [
    paused || row.acknowledged_at !== null ? null : row.ack_due_at,
    paused || row.first_response_at !== null ? null : row.first_response_due_at,
    paused ? null : row.resolve_due_at,
    row.regulatory_due_at,
  ].filter((due): due is string => due !== null);
  let next: string | null = null;
  for (const due of candidates) if (next === null || due < next) next = due;
  return { ...row, next_due_at: next };
}
