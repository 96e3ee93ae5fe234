import type { SqlDriver } from '@chp/eventstore';
import type { EventFeed } from '../feed/index.js';
import { type ProjectedEvent, project, type SummaryRow, type TimelineRow } from '../projection/index.js';
import { summaryColumnNames, type TableSet, timelineColumnNames } from '../store/index.js';

/** Attempts when the complaint moves on between reading its events and writing its rows. */
const MAX_ATTEMPTS = 3;

export class ErasureNotProjected extends Error {
  constructor(complaintId: string, reason: string) {
    super(`could not re-project complaint ${complaintId} after its customer's erasure: ${reason}`);
    this.name = 'ErasureNotProjected';
  }
}

/** The rows a complaint's events fold into, from its first event; undefined when they do not fold. */
function fold(
  events: readonly ProjectedEvent[],
): { summary: SummaryRow; timeline: TimelineRow[] } | undefined {
  let summary: SummaryRow | undefined;
  const timeline: TimelineRow[] = [];
  for (const [index, event] of events.entries()) {
    if (event.revision !== index) return undefined;
    const next = project(summary, event);
    if (next === undefined) return undefined;
    summary = next.summary;
    timeline.push(next.timeline);
  }
  return summary === undefined ? undefined : { summary, timeline };
}

/**
 * After `CustomerDataErased`: the complaint's rows, re-projected from its events as the complaints
 * service now serves them (the customer's fields and texts read `[erased]`), replace the rows
 * projected from the clear text. These are exactly the rows a rebuild gives, since a rebuild reads
 * the same feed; counts, times, categories and outcomes do not change. Idempotent.
 */
export async function reprojectErased(
  db: SqlDriver,
  feed: EventFeed,
  tables: TableSet,
  complaintId: string,
): Promise<void> {
  if (feed.readComplaint === undefined)
    throw new ErasureNotProjected(complaintId, 'the feed reads no complaint');
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const folded = fold(await feed.readComplaint(complaintId));
    if (folded === undefined)
      throw new ErasureNotProjected(complaintId, 'its events do not fold from revision 0');
    const written = await db.transaction(async (tx) => {
      const rows = await tx.query<{ revision: number }>(
        `SELECT revision FROM ${tables.summary} WHERE complaint_id = $1::uuid FOR UPDATE`,
        [complaintId],
      );
      // A later event was projected meanwhile (it carries the stand-ins already): read again.
      if (rows[0] !== undefined && Number(rows[0].revision) > folded.summary.revision) return false;
      await tx.query(`DELETE FROM ${tables.timeline} WHERE complaint_id = $1::uuid`, [complaintId]);
      await tx.query(`DELETE FROM ${tables.summary} WHERE complaint_id = $1::uuid`, [complaintId]);
      await tx.query(
        `INSERT INTO ${tables.summary} (${summaryColumnNames.join(', ')})
         SELECT ${summaryColumnNames.join(', ')} FROM jsonb_populate_recordset(null::${tables.summary}, $1::jsonb)`,
        [JSON.stringify([folded.summary])],
      );
      await tx.query(
        `INSERT INTO ${tables.timeline} (${timelineColumnNames.join(', ')})
         SELECT ${timelineColumnNames.join(', ')} FROM jsonb_populate_recordset(null::${tables.timeline}, $1::jsonb)`,
        [JSON.stringify(folded.timeline)],
      );
      return true;
    });
    if (written) return;
  }
  throw new ErasureNotProjected(complaintId, `it kept changing (${MAX_ATTEMPTS} attempts)`);
}
