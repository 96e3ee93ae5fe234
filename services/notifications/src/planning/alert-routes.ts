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

function entriesFor(routes: AlertRoutes, candidates: (string | undefined)[]): TeamAlerts[] {
  const team = candidates.find((name) => name !== undefined && routes.teams[name] !== undefined);
  const entries = team === undefined ? [] : [routes.teams[team] as TeamAlerts];
  return routes.default ? [...entries, routes.default] : entries;
}

function levelList(entry: TeamAlerts, level: number): string[] {
  for (let l = level; l >= 1; l--) {
    const list = entry.levels[String(l) as '1' | '2' | '3'];
    if (list && list.length > 0) return list;
  }
  return [];
}

/**
 * Addresses for an escalation to `level`: in the first team entry named by `candidates` (the
 * escalation's `to`, then the complaint's team), the highest configured level at or below it; when
 * that entry has none, the same in `default`.
 */
export function escalationRecipients(
  routes: AlertRoutes,
  level: number,
  candidates: (string | undefined)[],
): string[] {
  for (const entry of entriesFor(routes, candidates)) {
    const list = levelList(entry, level);
    if (list.length > 0) return unique(list);
  }
  return [];
}

/** The team's `breaches` addresses, else `default`'s. */
export function breachRecipients(routes: AlertRoutes, candidates: (string | undefined)[]): string[] {
  for (const entry of entriesFor(routes, candidates)) {
    if (entry.breaches.length > 0) return unique(entry.breaches);
  }
  return [];
}

const unique = (list: string[]) => [...new Set(list.map((a) => a.toLowerCase()))];
