// The shapes the app reads from projections (`GET /v1/complaints`, `/v1/complaints/:id`) and from
// complaints (`/v1/complaints/:id/events`). The lists mirror @chp/contracts (a test checks they agree).

export const statuses = [
  'received',
  'acknowledged',
  'in_progress',
  'awaiting_customer',
  'resolved',
  'closed',
  'withdrawn',
  'dismissed',
] as const;
export const priorities = ['low', 'medium', 'high', 'urgent'] as const;
export const channels = ['web', 'email', 'phone', 'branch', 'post', 'terminal'] as const;
export const deadlineTargets = [
  'acknowledge',
  'firstResponse',
  'resolve',
  'regulatoryFinalResponse',
] as const;

export type Status = (typeof statuses)[number];
export type Priority = (typeof priorities)[number];
export type Channel = (typeof channels)[number];
export type DeadlineTarget = (typeof deadlineTargets)[number];

export interface SlaSummary {
  due: Partial<Record<DeadlineTarget, string | null>>;
  nextDueAt: string | null;
  atRisk: boolean;
  overdue: boolean;
  breached: boolean;
  breachedTargets: string[];
}

export interface ComplaintSummary {
  id: string;
  reference: string;
  revision: number;
  status: Status;
  channel: Channel;
  priority: Priority | null;
  category?: string | null;
  subject: string;
  customer: { id: string | null; name: string; email: string | null; phone: string | null; language: string };
  team: string | null;
  assignee: { id: string; name: string | null } | null;
  receivedAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  sla: SlaSummary;
}

export interface TimelineEntry {
  revision: number;
  eventId: string;
  type: string;
  at: string;
  by: { id: string; role: string } | null;
  text: string;
  /** The files the event references (absent from read models older than attachments). */
  attachments?: AttachmentRef[];
}

/** A file an event references: downloadable through intake when it has an `objectKey`. */
export interface AttachmentRef {
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256?: string;
  objectKey?: string;
  url?: string;
}

/** A link to another complaint, as the read model keeps it (`LinkComplaints`' relation). */
export interface ComplaintLink {
  complaintId: string;
  reference: string;
  relation: 'duplicate_of' | 'duplicated_by' | 'related';
}

export interface ComplaintDetail extends ComplaintSummary {
  description: string;
  links: ComplaintLink[];
  timeline: TimelineEntry[];
}

export interface ComplaintPage {
  items: ComplaintSummary[];
  nextCursor: string | null;
}

export interface AuditEntry {
  revision: number;
  eventId: string;
  type: string;
  at: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}

export interface AuditPage {
  complaintId: string;
  events: AuditEntry[];
  next: number | null;
}

/** One SLA clock of the complaints service (`computeClocks`), as JSON. */
export interface TargetClock {
  clock: 'operational' | 'regulatory';
  target: string;
  binding: boolean;
  dueAt: string;
  state: 'on_track' | 'at_risk' | 'paused' | 'met' | 'breached' | 'missed';
}

/** `GET /v1/complaints/:id?asOf=`: the complaint as it was then, its clocks computed at that moment. */
export interface PastComplaint {
  revision: number;
  asOf: string;
  state: { status: Status; priority?: Priority | null };
  clocks: { paused: boolean; operational: TargetClock[]; regulatory: TargetClock[] } | null;
}
