import { z } from 'zod';
import { channels } from '../../lib/complaint-types.js';

/** The legal clocks a complaint may run under (`none`: no regulator's deadline). */
export const regimes = ['fca_disp', 'psd2', 'cfpb', 'none'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));
const name = z.string().trim().min(1).max(64);

/** The morning view's filters, all in the URL; a bad value in a shared link is dropped, not fatal. */
export const dashboardSearchSchema = z.object({
  /** The period's first and last UTC day (both included); unset: the 30 days before now. */
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  team: name.optional().catch(undefined),
  channel: z.array(z.enum(channels)).optional().catch(undefined),
  category: name.optional().catch(undefined),
  regime: z.enum(regimes).optional().catch(undefined),
});
export type DashboardSearch = z.output<typeof dashboardSearchSchema>;

const nextDay = (value: string) => new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString();

/** The reports' query (`from`/`to` as the period `[from 00:00, the day after to 00:00)` UTC). */
export function reportQuery(search: DashboardSearch, withPeriod = true): string {
  const params = new URLSearchParams();
  if (withPeriod && search.from) params.set('from', `${search.from}T00:00:00.000Z`);
  if (withPeriod && search.to) params.set('to', nextDay(search.to));
  if (search.team) params.set('team', search.team);
  if (search.channel?.length) params.set('channel', search.channel.join(','));
  if (search.category) params.set('category', search.category);
  if (search.regime) params.set('regime', search.regime);
  return params.toString();
}

/** A figure's drill-down (`/v1/complaints?open=true&…`) as the queue's `drill` parameter. */
export function drillOf(drillDown: string): string {
  return drillDown.replace(/^\/v1\/complaints\?/, '');
}
