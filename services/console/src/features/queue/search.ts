import { z } from 'zod';
import { channels, priorities, statuses } from '../../lib/complaint-types.js';

export const queueSorts = [
  '-receivedAt',
  'receivedAt',
  'dueAt',
  '-dueAt',
  '-priority',
  'priority',
  '-updatedAt',
  'updatedAt',
] as const;
export type QueueSort = (typeof queueSorts)[number];

/** Whose complaints: the user's, their team's, no one's yet, or all (the default). */
export const queueViews = ['mine', 'team', 'unassigned', 'all'] as const;
export type QueueView = (typeof queueViews)[number];

/**
 * The list filters a report's drill-down may carry (projections' `GET /v1/complaints`), beyond the
 * queue's own controls: the morning view links to `/queue?drill=<its drillDown query>`.
 */
export const drillFilters = [
  'open',
  'breached',
  'atRisk',
  'unassigned',
  'stale',
  'staleDays',
  'ageBucket',
  'closedFrom',
  'closedTo',
  'closedWithin',
  'outcome',
  'reopened',
  'escalationReason',
  'satisfaction',
  'regime',
  'redressCurrency',
  'status',
  'priority',
  'channel',
  'category',
  'assignee',
  'team',
  'escalationLevel',
  'dueBefore',
  'filedFrom',
  'filedTo',
] as const;

/** A drill-down's filters, in their order, without unknown names (a shared link may hold anything). */
export function drillParams(drill: string | undefined): [string, string][] {
  if (!drill) return [];
  const known = new Set<string>(drillFilters);
  return [...new URLSearchParams(drill.replace(/^\/v1\/complaints\?/, ''))].filter(
    ([name, value]) => known.has(name) && value.length > 0,
  );
}

// A bad value in a shared link falls back to the default instead of breaking the page.
const listOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.array(z.enum(values)).optional().catch(undefined);

/** The queue's view, all of it in the URL so that it can be bookmarked and shared. */
export const queueSearchSchema = z.object({
  view: z.enum(queueViews).optional().catch(undefined),
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  status: listOf(statuses),
  priority: listOf(priorities),
  channel: listOf(channels),
  breached: z.boolean().optional().catch(undefined),
  sort: z.enum(queueSorts).optional().catch(undefined),
  cursor: z.string().min(1).max(1000).optional().catch(undefined),
  /** A report figure's drill-down query (`open=true&breached=resolve`): exactly its complaints. */
  drill: z.string().min(1).max(2000).optional().catch(undefined),
});
export type QueueSearch = z.output<typeof queueSearchSchema>;

export const pageSize = 50;

/** Who the queue is for: the user's id (`mine`) and team (`team`). */
export interface QueueUser {
  id: string;
  team?: string | undefined;
}

/**
 * The projections query of a view: `/v1/complaints?…` (`mine` is the user's own id as assignee,
 * `team` the user's team, `unassigned` no assignee). A user without a team has no team view (the
 * page says so instead of asking).
 */
export function listQuery(search: QueueSearch, user: QueueUser): string {
  const params = new URLSearchParams(drillParams(search.drill));
  if (search.view === 'mine') params.set('assignee', user.id);
  if (search.view === 'team' && user.team) params.set('team', user.team);
  if (search.view === 'unassigned') params.set('unassigned', 'agent');
  if (search.q) params.set('q', search.q);
  if (search.status?.length) params.set('status', search.status.join(','));
  if (search.priority?.length) params.set('priority', search.priority.join(','));
  if (search.channel?.length) params.set('channel', search.channel.join(','));
  if (search.breached) params.set('breached', 'true');
  params.set('sort', search.sort ?? '-receivedAt');
  if (search.cursor) params.set('cursor', search.cursor);
  params.set('limit', String(pageSize));
  return `/v1/complaints?${params}`;
}
