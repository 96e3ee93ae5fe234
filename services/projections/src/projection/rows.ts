import type { ComplaintEvent } from '@chp/contracts';

/** One complaint event as the projection sees it, whether it came from JetStream or the feed. */
export interface ProjectedEvent {
  id: string;
  complaintId: string;
  /** 0-based revision in the complaint's stream: N applies only over N-1. */
  revision: number;
  /** The event store's global position (sortable as a string). */
  position: string;
  event: ComplaintEvent;
}

/**
 * `complaint_summary`: everything a list, the customer history, the SLA board and the statistics
 * need, one row per complaint. Keys are the SQL column names; times are ISO strings.
 */
export interface SummaryRow {
  complaint_id: string;
  reference: string;
  revision: number;
  last_position: string;
  status: string;
  channel: string;
  category: string | null;
  priority: string;
  priority_rank: number;
  severity: string | null;
  subject: string;
  description: string;
  /** Subject and description lower-cased in JS (full Unicode), indexed with the `simple` config. */
  search_text: string;
  customer_id: string | null;
  customer_name: string;
  customer_email: string | null;
  customer_phone: string | null;
  customer_language: string;
  team: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  escalation_level: number;
  escalated_to: string | null;
  escalation_count: number;
  /** Distinct escalation reasons, in first-seen order. */
  escalation_reasons: string[];
  sla_policy: string;
  received_at: string;
  filed_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  first_response_at: string | null;
  first_resolved_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  awaiting_since: string | null;
  outcome: string | null;
  close_reason: string | null;
  /** The first resolution's `firstContact`. */
  first_contact: boolean | null;
  reopen_count: number;
  satisfaction_score: number | null;
  ack_due_at: string | null;
  first_response_due_at: string | null;
  resolve_due_at: string | null;
  regulatory_due_at: string | null;
  /** The earliest due time still to meet; null when none runs (closed, or paused with no regulatory clock). */
  next_due_at: string | null;
  breached: boolean;
  breached_targets: string[];
  first_breached_at: string | null;
  notes_count: number;
  links: { complaintId: string; reference: string; relation: string }[];
  /** The filing's regulatory regime (`ComplaintFiled.sla.regulatoryRegime`), null when none. */
  regulatory_regime: string | null;
  /** Receipt plus 3 business days (Monday to Friday, UTC): the "closed within 3 business days" line. */
  business_3d_at: string;
  /**
   * When it ended: the first resolution since the last reopen, or the close or withdrawal of a
   * complaint never resolved since then. Null while open (a reopen clears it).
   */
  concluded_at: string | null;
  /** Money of the latest resolution's refunds and compensations, summed per currency (`{"EUR": "25.50"}`). */
  redress: Record<string, string>;
}

/** `complaint_timeline`: one human-readable line per event. */
export interface TimelineRow {
  complaint_id: string;
  revision: number;
  event_id: string;
  type: string;
  at: string;
  actor_id: string;
  actor_role: string;
  text: string;
  position: string;
  /**
   * The files the event references (a filing, a response, a note, a resolution): name, type, size,
   * SHA-256 and `objectKey` (intake's attachment id) or `url`. Never the bytes.
   */
  attachments: Record<string, unknown>[];
}

export const terminalStatuses = ['resolved', 'closed', 'withdrawn', 'dismissed'] as const;
export const priorityRanks: Record<string, number> = { low: 1, medium: 2, high: 3, urgent: 4 };
