import { z } from 'zod';

const addresses = z.array(z.email().max(254)).max(50);

/** Who is alerted for one team (or the `default` entry): per escalation level, and for SLA breaches. */
export const teamAlertsSchema = z.strictObject({
  levels: z.partialRecord(z.enum(['1', '2', '3']), addresses).default({}),
  breaches: addresses.default([]),
});

/**
 * `ALERT_ROUTES`: JSON such as
 * `{"default":{"levels":{"1":["lead@x"],"3":["head@x"]},"breaches":["lead@x"]},"teams":{"billing":{…}}}`.
 * An escalation's `to` or the complaint's team selects the team entry; `default` applies otherwise.
 */
export const alertRoutesSchema = z.strictObject({
  default: teamAlertsSchema.optional(),
  teams: z.record(z.string().min(1), teamAlertsSchema).default({}),
});
export type AlertRoutes = z.infer<typeof alertRoutesSchema>;
type TeamAlerts = z.infer<typeof teamAlertsSchema>;

function entryFor(routes: AlertRoutes, candidates: (string | undefined)[]): TeamAlerts | undefined {
  for (const name of candidates) {
    if (name !== undefined && routes.teams[name]) return routes.teams[name];
  }
  return routes.default;
}

/** Addresses for an escalation to `level`: the highest configured level at or below it. */
export function escalationRecipients(
  routes: AlertRoutes,
  level: number,
  candidates: (string | undefined)[],
): string[] {
  const entry = entryFor(routes, candidates);
  if (!entry) return [];
  for (let l = level; l >= 1; l--) {
    const list = entry.levels[String(l) as '1' | '2' | '3'];
    if (list && list.length > 0) return unique(list);
  }
  return [];
}

export function breachRecipients(routes: AlertRoutes, candidates: (string | undefined)[]): string[] {
  return unique(entryFor(routes, candidates)?.breaches ?? []);
}

const unique = (list: string[]) => [...new Set(list.map((a) => a.toLowerCase()))];
