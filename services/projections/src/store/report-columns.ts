import type { SqlExecutor } from '@chp/eventstore';
import { liveTables } from './tables.js';

/**
 * SQL for receipt plus 3 business days (Monday to Friday, UTC), as `addBusinessDays` of the
 * projection computes it: days to add by the ISO weekday of `received`.
 */
export const business3dSql = (received: string): string =>
  `(${received} + make_interval(days => CASE extract(isodow FROM ${received} AT TIME ZONE 'UTC')::int
     WHEN 1 THEN 3 WHEN 2 THEN 3 WHEN 6 THEN 4 WHEN 7 THEN 3 ELSE 5 END))`;

/**
 * Migration `reports-1`: the morning view's columns (`regulatory_regime`, `business_3d_at`,
 * `concluded_at`, `redress`) on a read model created before them. Runs before the table DDL, whose
 * indexes read them. `business_3d_at` and `concluded_at` are filled from the row at once;
 * `regulatory_regime` and `redress` live only in the events, so they stay null and `{}` until a
 * rebuild (`POST /admin/v1/projections/rebuild`) folds the history again.
 */
export async function addReportColumns(tx: SqlExecutor): Promise<void> {
  const table = liveTables.summary;
  const columns = await tx.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  if (columns.length === 0 || columns.some((c) => c.column_name === 'concluded_at')) return;
  await tx.exec(`
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS regulatory_regime text;
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS business_3d_at timestamptz;
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS concluded_at timestamptz;
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS redress jsonb NOT NULL DEFAULT '{}'::jsonb;
UPDATE ${table} SET business_3d_at = ${business3dSql('received_at')},
  concluded_at = CASE WHEN status IN ('resolved', 'closed', 'withdrawn', 'dismissed')
    THEN COALESCE(resolved_at, closed_at) END;
`);
}
