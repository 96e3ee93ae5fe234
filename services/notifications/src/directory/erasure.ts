import { type Customer, ERASED_EMAIL, maskPersonalData } from '@chp/contracts';
import type { SqlExecutor } from '@chp/eventstore';

/**
 * After `CustomerDataErased`: the directory's customer of the complaint reads the stand-ins (and
 * opts out, so nothing more is mailed), and the sent log's customer rows lose the address, also
 * where an SMTP error quoted it. A filing redelivered later does not bring the customer back (see
 * `Directory.remember`). Idempotent.
 */
export async function eraseCustomer(db: SqlExecutor, complaintId: string): Promise<void> {
  const rows = await db.query<{ customer: Customer | string }>(
    'SELECT customer FROM notification_directory WHERE complaint_id = $1',
    [complaintId],
  );
  const row = rows[0];
  const customer =
    row === undefined
      ? undefined
      : typeof row.customer === 'string'
        ? (JSON.parse(row.customer) as Customer)
        : row.customer;
  if (customer !== undefined) {
    const { masked } = maskPersonalData('ComplaintFiled', { customer });
    const erased = { ...(masked as { customer: Customer }).customer, notificationsOptOut: true };
    await db.query(
      'UPDATE notification_directory SET customer = $2::jsonb, updated_at = now() WHERE complaint_id = $1',
      [complaintId, JSON.stringify(erased)],
    );
  }
  const address = customer?.email?.toLowerCase();
  await db.query(
    `UPDATE notification_sent_log SET recipient = $2,
       error = CASE WHEN position($3::text IN lower(error)) > 0 THEN replace(lower(error), $3::text, $2) ELSE error END
     WHERE complaint_id = $1 AND audience = 'customer' AND recipient <> ''`,
    [complaintId, ERASED_EMAIL, address === undefined || address === ERASED_EMAIL ? null : address],
  );
}
