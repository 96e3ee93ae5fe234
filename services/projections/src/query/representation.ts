/** Timestamps from either driver (Date) as ISO strings; everything else as is. */
const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

export const summaryColumnsSql = `complaint_id, reference, revision, status, channel, category, priority, severity,
  subject, customer_id, customer_name, customer_email, customer_phone, customer_language, team, assignee_id,
  assignee_name, escalation_level, escalated_to, received_at, updated_at, acknowledged_at, resolved_at, closed_at,
  ack_due_at, first_response_due_at, resolve_due_at, regulatory_due_at, next_due_at, breached, breached_targets,
  satisfaction_score, reopen_count`;

export type DbRow = Record<string, unknown>;

/** A summary row as the API shows it: camelCase, ISO times, and the SLA state at `now`. */
export function summaryOf(row: DbRow, now: Date, atRiskMs: number) {
  const nextDue = iso(row.next_due_at);
  const dueIn = nextDue === null ? null : Date.parse(nextDue) - now.getTime();
  return {
    id: row.complaint_id,
    reference: row.reference,
    revision: row.revision,
    status: row.status,
    channel: row.channel,
    category: row.category,
    priority: row.priority,
    severity: row.severity,
    subject: row.subject,
    customer: {
      id: row.customer_id,
      name: row.customer_name,
      email: row.customer_email,
      phone: row.customer_phone,
      language: row.customer_language,
    },
    team: row.team,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name },
    escalationLevel: row.escalation_level,
    escalatedTo: row.escalated_to,
    receivedAt: iso(row.received_at),
    updatedAt: iso(row.updated_at),
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    reopenCount: row.reopen_count,
    satisfactionScore: row.satisfaction_score,
    sla: {
      due: {
        acknowledge: iso(row.ack_due_at),
        firstResponse: iso(row.first_response_due_at),
        resolve: iso(row.resolve_due_at),
        regulatoryFinalResponse: iso(row.regulatory_due_at),
      },
      nextDueAt: nextDue,
      atRisk: dueIn !== null && dueIn > 0 && dueIn <= atRiskMs,
      overdue: dueIn !== null && dueIn <= 0,
      breached: row.breached,
      breachedTargets: row.breached_targets,
    },
  };
}

export type Summary = ReturnType<typeof summaryOf>;

/** Flat columns for CSV reports of a list. */
export function summaryCsvRow(s: Summary): Record<string, unknown> {
  return {
    id: s.id,
    reference: s.reference,
    status: s.status,
    channel: s.channel,
    category: s.category,
    priority: s.priority,
    subject: s.subject,
    customer: s.customer.name,
    customerEmail: s.customer.email,
    team: s.team,
    assignee: s.assignee?.id ?? null,
    escalationLevel: s.escalationLevel,
    receivedAt: s.receivedAt,
    nextDueAt: s.sla.nextDueAt,
    atRisk: s.sla.atRisk,
    breached: s.sla.breached,
  };
}

export { iso };
