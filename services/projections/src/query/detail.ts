import type { SqlExecutor } from '@chp/eventstore';
import { type DbRow, iso, summaryColumnsSql } from './representation.js';

/** The summary row plus the detail-only columns and the timeline; undefined when unknown. */
export async function complaintDetail(
  db: SqlExecutor,
  id: string,
): Promise<{ row: DbRow; timeline: Record<string, unknown>[] } | undefined> {
  const [row] = await db.query<DbRow>(
    `SELECT ${summaryColumnsSql}, description, escalation_reasons, sla_policy, first_response_at, first_resolved_at,
       awaiting_since, outcome, close_reason, first_contact, links, notes_count, first_breached_at
     FROM complaint_summary WHERE complaint_id = $1::uuid`,
    [id],
  );
  if (!row) return undefined;
  const timeline = await db.query<DbRow>(
    `SELECT revision, event_id, type, at, actor_id, actor_role, text, attachments FROM complaint_timeline
     WHERE complaint_id = $1::uuid ORDER BY revision`,
    [id],
  );
  return {
    row,
    timeline: timeline.map((t) => ({
      revision: t.revision,
      eventId: t.event_id,
      type: t.type,
      at: iso(t.at),
      by: { id: t.actor_id, role: t.actor_role },
      text: t.text,
      attachments: t.attachments ?? [],
    })),
  };
}
