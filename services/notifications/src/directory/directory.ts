import { type Customer, ERASED_TEXT } from '@chp/contracts';
import type { SqlExecutor } from '@chp/eventstore';
import { Batcher } from '../storage/index.js';
import { eraseCustomer } from './erasure.js';

/** What notifications keeps about a complaint: later events name only the complaint id. */
export interface DirectoryEntry {
  complaintId: string;
  reference: string;
  customer: Customer;
  team: string | undefined;
}

type FiledEntry = { complaintId: string; reference: string; customer: Customer };

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
  // Every filing is remembered: concurrent handlers' filings go in one statement (one complaint at
  // most once per statement, which ON CONFLICT DO UPDATE requires).
  private readonly filings = new Batcher<FiledEntry, boolean>(
    async (entries) => {
      const written = await this.db.query<{ complaint_id: string }>(
        `INSERT INTO notification_directory (complaint_id, reference, customer)
         SELECT e.complaint_id, e.reference, e.customer
         FROM jsonb_to_recordset($1::jsonb) AS e(complaint_id text, reference text, customer jsonb)
         ON CONFLICT (complaint_id) DO UPDATE SET reference = EXCLUDED.reference,
           customer = CASE WHEN notification_directory.language_revision < 0 THEN EXCLUDED.customer
             ELSE jsonb_set(EXCLUDED.customer, '{preferredLanguage}', notification_directory.customer->'preferredLanguage') END
         WHERE notification_directory.customer->>'name' IS DISTINCT FROM '${ERASED_TEXT}'
         RETURNING complaint_id`,
        [
          JSON.stringify(
            entries.map((e) => ({
              complaint_id: e.complaintId,
              reference: e.reference,
              customer: e.customer,
            })),
          ),
        ],
        'directory_remember_batch',
      );
      const known = new Set(written.map((row) => row.complaint_id));
      return entries.map((e) => known.has(e.complaintId));
    },
    (entry) => entry.complaintId,
  );

  constructor(private readonly db: SqlExecutor) {}

  /** False when the complaint's customer was erased: the filing (redelivered) is not to be acted on. */
  remember(entry: FiledEntry): Promise<boolean> {
    return this.filings.run(entry);
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

  /**
   * Writes to the customer in `language` from now on, unless a later correction was applied already
   * (a redelivered filing keeps it too). False when the complaint is not known yet.
   */
  async correctLanguage(complaintId: string, language: string, revision: number): Promise<boolean> {
    const rows = await this.db.query<{ complaint_id: string }>(
      `UPDATE notification_directory SET customer = CASE WHEN language_revision < $3::bigint
           THEN jsonb_set(customer, '{preferredLanguage}', to_jsonb($2::text)) ELSE customer END,
         language_revision = GREATEST(language_revision, $3::bigint), updated_at = now()
       WHERE complaint_id = $1 RETURNING complaint_id`,
      [complaintId, language, String(revision)],
      'directory_correct_language',
    );
    return rows.length > 0;
  }

  /** Masks the customer of a complaint whose personal data was erased, here and in the sent log. */
  erase(complaintId: string): Promise<void> {
    return eraseCustomer(this.db, complaintId);
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
