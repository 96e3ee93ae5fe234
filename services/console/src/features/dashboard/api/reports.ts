import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../lib/api-client.js';
import type { ComplaintSummary } from '../../../lib/complaint-types.js';
import { onLiveChange } from '../../../lib/live-updates.js';

/** A count and the list query (`/v1/complaints?…`) that returns exactly the complaints counted. */
export interface Figure {
  count: number;
  drillDown: string;
}
export type Rate = Figure & { percent: number | null };

export const clockNames = ['acknowledge', 'first_response', 'resolve', 'regulatory_final_response'] as const;
export type ClockName = (typeof clockNames)[number];
export const ageBuckets = ['0-3bd', '3bd-2w', '2-4w', '4-8w', '8w+'] as const;
export const scores = ['1', '2', '3', '4', '5'] as const;

export interface ClocksReport {
  asOf: string;
  clocks: Record<ClockName, { breached: Figure; atRisk: Figure }>;
}
export interface BacklogReport {
  asOf: string;
  staleDays: number;
  open: Figure;
  newSinceYesterday: Figure & { since: string };
  unassigned: Figure;
  stale: Figure;
  ageBuckets: Record<(typeof ageBuckets)[number], Figure>;
}
export interface FlowReport {
  days: { day: string; opened: Figure; closed: Figure }[];
}
export interface OutcomesReport {
  from: string;
  to: string;
  closed: Figure;
  within3BusinessDays: Rate;
  within8Weeks: Rate;
  byOutcome: Record<'upheld' | 'partially_upheld' | 'not_upheld', Rate>;
  reopened: Rate;
  redress: (Figure & { currency: string; amount: string })[];
  timeToResolve: { median: number | null; p90: number | null; drillDown: string };
}
export interface EscalationsReport {
  received: Figure;
  byReason: Record<string, Rate>;
}
export interface CsatReport {
  mean: number | null;
  responses: Figure;
  distribution: Record<(typeof scores)[number], Figure>;
  low: Figure & {
    rows: (ComplaintSummary & { satisfactionScore: number | null; resolvedAt: string | null })[];
  };
}
export interface CategoryTrend {
  category: string;
  current: Figure;
  previous: Figure;
  change: number;
}
export interface CategoriesReport {
  top: CategoryTrend[];
  rising: CategoryTrend[];
}
export interface ComplianceRow {
  key: string | null;
  name?: string | null;
  total: Figure;
  breached: Figure;
  compliancePercent: number | null;
}
export interface ComplianceReport {
  byTeam: ComplianceRow[];
  byAgent: ComplianceRow[];
}

export interface Reports {
  clocks: ClocksReport;
  backlog: BacklogReport;
  flow: FlowReport;
  outcomes: OutcomesReport;
  escalations: EscalationsReport;
  csat: CsatReport;
  categories: CategoriesReport;
  compliance: ComplianceReport;
}

const reportKey = 'report';

/**
 * One report of projections (`GET /v1/reports/<name>?<query>`). Figures about "now" (at risk) move
 * with the clock as well as with events: read again every minute.
 */
export function useReport<N extends keyof Reports>(name: N, query: string) {
  const path = `/v1/reports/${name}${query ? `?${query}` : ''}`;
  return useQuery({
    queryKey: ['projections', path, reportKey],
    queryFn: () => api<Reports[N]>(`/api/projections${path}`),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

/** After the last event the read model needs a moment; within a burst, read at most this often. */
const SETTLE_MS = 750;
const MAX_WAIT_MS = 2_000;

/**
 * The reports follow the desk's live events, throttled: one refetch SETTLE_MS after an event, at
 * most one per MAX_WAIT_MS during a burst, and always one after the burst's last event has settled.
 */
export function useLiveReports(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first: number | undefined;
    let last = 0;
    const fire = () => {
      timer = undefined;
      first = undefined;
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[2] === reportKey });
      const sinceLast = Date.now() - last;
      if (sinceLast < SETTLE_MS) schedule(SETTLE_MS - sinceLast);
    };
    const schedule = (delay: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, delay);
    };
    const unsubscribe = onLiveChange(() => {
      last = Date.now();
      first ??= last;
      schedule(Math.max(0, Math.min(last + SETTLE_MS, first + MAX_WAIT_MS) - last));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
}
