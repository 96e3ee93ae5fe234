// 100,000 complaints for the console's benchmark, written straight into the projections service's
// read model (its `complaint_summary` and `complaint_timeline`) with the statement its own writer
// uses for new rows (`jsonb_populate_recordset`, services/projections/src/store/writer.ts), in
// batches. Going through JetStream instead would also send 100,000 acknowledgement e-mails
// (notifications) and push every event to the console's live feed, neither of which the pages
// measured here read. The rows are deterministic (a seeded generator) and spread as a bank's desk
// would be: mostly closed and resolved, the open ones younger; six languages; five teams.
import { randomBytes } from 'node:crypto';
import { referenceFromBytes } from '@chp/contracts';
import { samples } from '@chp/stack';
import type { Client } from 'pg';

/** A small linear congruential generator: the same seed gives the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A value by weight: `[['a', 3], ['b', 1]]` gives `a` three times in four. */
function weighted<T>(next: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let x = next() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return (table.at(-1) as readonly [T, number])[0];
}

const statuses = [
  ['received', 6],
  ['acknowledged', 10],
  ['in_progress', 20],
  ['awaiting_customer', 6],
  ['resolved', 18],
  ['closed', 34],
  ['withdrawn', 3],
  ['dismissed', 3],
] as const;
const teams = [
  ['cards', 30],
  ['loans', 20],
  ['online', 20],
  ['mortgages', 15],
  ['payments', 15],
] as const;
const categories = [
  ['card_payment', 25],
  ['fees_and_charges', 20],
  ['service', 15],
  ['delays', 15],
  ['mis_selling', 8],
  ['fraud', 7],
  ['technical', 10],
] as const;
const channels = [
  ['web', 40],
  ['email', 35],
  ['phone', 15],
  ['branch', 6],
  ['post', 4],
] as const;
const priorities = [
  ['low', 20],
  ['medium', 50],
  ['high', 22],
  ['urgent', 8],
] as const;
const languages = [
  ['en', 40],
  ['uk', 15],
  ['ru', 12],
  ['hu', 10],
  ['lv', 10],
  ['ro', 13],
] as const;
const priorityRank = { low: 1, medium: 2, high: 3, urgent: 4 } as const;
const open = new Set(['received', 'acknowledged', 'in_progress', 'awaiting_customer']);
const day = 86_400_000;

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** One summary row and its filing's timeline row, for complaint `i`, received `ageMs` before `now`. */
function complaintRows(i: number, next: () => number, now: number) {
  const bytes = randomBytes(16);
  const id = uuidOf(bytes);
  const status = weighted(next, statuses);
  const language = weighted(next, languages);
  const sample = samples.filter((s) => s.language === language)[i % 2] ?? samples[0];
  if (!sample) throw new Error('no sample complaints');
  const priority = weighted(next, priorities);
  // Open complaints are days to weeks old; settled ones up to two years.
  const ageMs = open.has(status) ? next() ** 2 * 40 * day : (0.05 + next() ** 1.5 * 2) * 365 * day;
  const received = now - Math.floor(ageMs);
  const ack = received + day;
  const firstResponse = received + 3 * day;
  const resolve = received + 15 * day;
  const regulatory = received + 56 * day;
  const acknowledgedAt = status === 'received' ? undefined : received + Math.floor(next() * 1.2 * day);
  const settled = !open.has(status);
  const resolvedAt = settled ? received + Math.floor((2 + next() * 30) * day) : undefined;
  const closedAt = ['closed', 'withdrawn', 'dismissed'].includes(status)
    ? (resolvedAt ?? received) + Math.floor(next() * 14 * day)
    : undefined;
  const unmet = [
    acknowledgedAt === undefined ? ack : undefined,
    settled ? undefined : firstResponse,
    settled ? undefined : resolve,
    settled ? undefined : regulatory,
  ].filter((t): t is number => t !== undefined && t > received);
  const nextDue = unmet.length > 0 ? Math.min(...unmet) : undefined;
  const breachedTargets = [
    ...(acknowledgedAt === undefined && ack < now ? ['acknowledge'] : []),
    ...(!settled && resolve < now ? ['resolve'] : []),
    ...(settled && next() < 0.08 ? ['resolve'] : []),
  ];
  const team = status === 'received' ? null : weighted(next, teams);
  const assignee = team && next() < 0.7 ? Math.floor(next() * 40) : undefined;
  const customer = Math.floor(next() * 30_000);
  const subject = `${sample.subject} (${i})`;
  const row = {
    complaint_id: id,
    reference: referenceFromBytes(bytes),
    revision: status === 'received' ? 0 : 3,
    last_position: String(i).padStart(20, '0'),
    status,
    channel: weighted(next, channels),
    category: status === 'received' ? null : weighted(next, categories),
    priority,
    priority_rank: priorityRank[priority],
    severity: status === 'received' ? null : 'moderate',
    subject,
    description: sample.description,
    search_text: `${subject}\n${sample.description}`.toLowerCase(),
    customer_id: null,
    customer_name: sample.name,
    customer_email: `customer.${customer}@customers.example`,
    customer_phone: null,
    customer_language: language,
    team,
    assignee_id: assignee === undefined ? null : `agent-${assignee}`,
    assignee_name: assignee === undefined ? null : `Agent ${assignee}`,
    escalation_level: 0,
    escalated_to: null,
    escalation_count: 0,
    escalation_reasons: [],
    sla_policy: 'standard@1',
    received_at: iso(received),
    filed_at: iso(received),
    updated_at: iso(closedAt ?? resolvedAt ?? acknowledgedAt ?? received),
    acknowledged_at: iso(acknowledgedAt),
    first_response_at: iso(resolvedAt),
    first_resolved_at: iso(resolvedAt),
    resolved_at: iso(resolvedAt),
    closed_at: iso(closedAt),
    awaiting_since: status === 'awaiting_customer' ? iso(now - Math.floor(next() * 5 * day)) : null,
    outcome: resolvedAt === undefined ? null : 'upheld',
    close_reason: status === 'closed' ? 'accepted' : status === 'dismissed' ? 'dismissed' : null,
    first_contact: resolvedAt === undefined ? null : next() < 0.3,
    reopen_count: 0,
    satisfaction_score: settled && next() < 0.4 ? 1 + Math.floor(next() * 5) : null,
    ack_due_at: iso(ack),
    first_response_due_at: iso(firstResponse),
    resolve_due_at: iso(resolve),
    regulatory_due_at: iso(regulatory),
    next_due_at: iso(nextDue),
    breached: breachedTargets.length > 0,
    breached_targets: breachedTargets,
    first_breached_at: breachedTargets.length > 0 ? iso(Math.min(resolve, ack)) : null,
    notes_count: 0,
    links: [],
  };
  const timeline = {
    complaint_id: id,
    revision: 0,
    event_id: uuidOf(randomBytes(16)),
    type: 'ComplaintFiled',
    at: iso(received),
    actor_id: 'web-form',
    actor_role: 'channel',
    text: `Filed through ${row.channel}`,
    position: row.last_position,
  };
  return { row, timeline };
}

/**
 * Writes `count` complaints into the read model `db` is connected to (its schema), `batch` at a
 * time, then VACUUM ANALYZE as autovacuum would after a load. Returns the time it took.
 */
export async function seedReadModel(db: Client, count: number, batch = 5_000): Promise<number> {
  const started = performance.now();
  const next = random(21);
  const now = Date.now();
  for (let made = 0; made < count; made += batch) {
    const rows = [];
    const timeline = [];
    for (let i = made; i < Math.min(count, made + batch); i++) {
      const complaint = complaintRows(i, next, now);
      rows.push(complaint.row);
      timeline.push(complaint.timeline);
    }
    const columns = Object.keys(rows[0] ?? {}).join(', ');
    const timelineColumns = Object.keys(timeline[0] ?? {}).join(', ');
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO complaint_summary (${columns})
       SELECT ${columns} FROM jsonb_populate_recordset(null::complaint_summary, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
    await db.query(
      `INSERT INTO complaint_timeline (${timelineColumns})
       SELECT ${timelineColumns} FROM jsonb_populate_recordset(null::complaint_timeline, $1::jsonb)`,
      [JSON.stringify(timeline)],
    );
    await db.query('COMMIT');
  }
  await db.query('VACUUM ANALYZE complaint_summary');
  await db.query('VACUUM ANALYZE complaint_timeline');
  return performance.now() - started;
}
