import type { SqlDriver } from '@chp/eventstore';
import type { EventFeed } from '../feed/index.js';
import type { ProjectedEvent } from '../projection/index.js';
import { applyBatch, type TableSet } from '../store/index.js';

/**
 * Fetches the events a complaint is missing before `target` from the feed and applies them. The
 * missing revisions lie between the row's last position and the target's (positions rise with
 * revisions), so the read starts at the row's `last_position`, or at the beginning when the
 * complaint has no row yet. Returns how many events it applied.
 */
export async function repairGap(
  db: SqlDriver,
  feed: EventFeed,
  tables: TableSet,
  target: ProjectedEvent,
  pageSize = 500,
): Promise<number> {
  const [row] = await db.query<{ last_position: string }>(
    `SELECT last_position FROM ${tables.summary} WHERE complaint_id = $1::uuid`,
    [target.complaintId],
  );
  let after: string | undefined = row?.last_position;
  const missing: ProjectedEvent[] = [];
  for (;;) {
    const page = await feed.read(after, pageSize);
    for (const event of page.events) {
      if (event.position >= target.position) break;
      if (event.complaintId === target.complaintId) missing.push(event);
    }
    const last = page.events.at(-1);
    if (last === undefined || last.position >= target.position || page.next === null || page.next === after)
      break;
    after = page.next;
  }
  if (missing.length === 0) return 0;
  const outcomes = await applyBatch(db, tables, missing);
  return [...outcomes.values()].filter((outcome) => outcome === 'applied').length;
}
