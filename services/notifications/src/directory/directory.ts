import type { Customer } from '@chp/contracts';
import type { SqlExecutor } from '@chp/eventstore';

/** What notifications keeps about a complaint: later events name only the complaint id. */
export interface DirectoryEntry {
  complaintId: string;
  reference: string;
  customer: Customer;
  team: string | undefined;
}

interface Row {
  complaint_id: string;
  reference: string;
  customer: Customer | string;
  team: string | null;
}

/**
 * The complaints this service has seen filed, with the customer to write to and the team (for
 * alert routing). Fed from `ComplaintFiled` and `ComplaintAssigned`; every write is idempotent.
 */
export class Directory {
  constructor(private readonly db: SqlExecutor) {}

  async remember(entry: { complaintId: string; reference: string; customer: Customer }): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_directory (complaint_id, reference, customer)
       VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (complaint_id) DO UPDATE SET reference = EXCLUDED.reference, customer = EXCLUDED.customer`,
      [entry.complaintId, entry.reference, JSON.stringify(entry.customer)],
      'directory_remember',
    );
  }

  /**
   * Sets the team unless a later assignment was applied already (events of one complaint may be
   * handled out of order by concurrent handlers). False when the complaint is not known yet.
   */
  async assignTeam(complaintId: string, team: string, revision: number): Promise<boolean> {
    const rows = await this.db.query<{ complaint_id: string }>(
      `UPDATE notification_directory SET team = CASE WHEN team_revision < $3::bigint THEN $2 ELSE team END,
         team_revision = GREATEST(team_revision, $3::bigint), updated_at = now()
       WHERE complaint_id = $1 RETURNING complaint_id`,
      [complaintId, team, String(revision)],
      'directory_assign_team',
    );
    return rows.length > 0;
  }

  async find(complaintId: string): Promise<DirectoryEntry | undefined> {
    const rows = await this.db.query<Row>(
      'SELECT complaint_id, reference, customer, team FROM notification_directory WHERE complaint_id = $1',
      [complaintId],
      'directory_find',
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      complaintId: row.complaint_id,
      reference: row.reference,
      customer: typeof row.customer === 'string' ? (JSON.parse(row.customer) as Customer) : row.customer,
      team: row.team ?? undefined,
    };
  }
}
